import { isIPv4 } from 'node:net';
import type { TlsaData } from '../dns/types.js';
import { formatIpv6 } from '../dns/wire-reader.js';
import { parseIp6 } from '../spf/cidr.js';
import type { ZoneToken } from './lexer.js';

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/**
 * Record data of the types the checks (and the fixture server) use, validated; names lower case
 * without trailing dot, IPv6 in RFC 5952 form. Any other type a zone may hold (SRV, CAA, DNSKEY…) is
 * kept as written: it makes its name exist, which is all an overlay needs of it.
 */
export type ZoneRecordData =
  | { type: 'A' | 'AAAA' | 'CNAME' | 'DNAME' | 'PTR' | 'NS'; data: string }
  | { type: 'MX'; data: { preference: number; exchange: string } }
  | { type: 'TXT'; data: Buffer[] }
  | { type: 'SOA'; data: SoaData }
  | { type: 'TLSA'; data: TlsaData }
  | { type: 'OTHER'; rrtype: string; data: string };

/**
 * Mnemonics of the IANA registry's types a master file may hold besides the validated ones above
 * (RFC 3597 TYPEnnn is accepted too), so that a typo such as "TXTT" is an error rather than data.
 */
const OTHER_TYPES = new Set(
  ('SPF SRV CAA NAPTR DS DNSKEY RRSIG NSEC NSEC3 NSEC3PARAM CDS CDNSKEY SSHFP HINFO RP AFSDB LOC CERT OPENPGPKEY SMIMEA ' +
    'HTTPS SVCB URI ZONEMD CSYNC DHCID KX IPSECKEY NID L32 L64 LP EUI48 EUI64 APL HIP KEY SIG NXT MINFO MB MG MR NULL ' +
    'WKS X25 ISDN RT NSAP NSAP-PTR PX GPOS A6 AVC DOA RESINFO WALLET TA DLV SINK NINFO RKEY TALINK EID NIMLOC ATMA MD MF')
    .split(' '),
);

export const MAX_CHARACTER_STRING = 255;
const MAX_U8 = 255;
const MAX_U16 = 65_535;
const MAX_U32 = 2 ** 32 - 1;

export type Fail = (reason: string) => never;

/** Whether `type` (upper case) is a record type at all: one we validate, a registered one, or TYPEnnn. */
export function isRecordType(type: string): boolean {
  return VALIDATED.has(type) || OTHER_TYPES.has(type) || /^TYPE\d{1,5}$/.test(type);
}

const VALIDATED = new Set(['A', 'AAAA', 'CNAME', 'DNAME', 'PTR', 'NS', 'MX', 'TXT', 'SOA', 'TLSA']);

export function parseRdata(type: string, rdata: ZoneToken[], absolute: (name: string) => string, fail: Fail): ZoneRecordData {
  const words = rdata.map((token) => token.text);
  if (words[0] === '\\#' && VALIDATED.has(type)) fail(`RFC 3597 generic data (\\#) is not supported for ${type}; write it in its usual form`);
  const exactly = (count: number): string[] => (words.length === count ? words : fail(`${type} needs ${count} field(s), got ${words.length}`));
  switch (type) {
    case 'A': {
      const [address = ''] = exactly(1);
      return isIPv4(address) ? { type, data: address } : fail(`"${address}" is not an IPv4 address`);
    }
    case 'AAAA': {
      const [address = ''] = exactly(1);
      const bytes = address.includes(':') ? parseIp6(address) : null;
      return bytes ? { type, data: formatIpv6(Buffer.from(bytes)) } : fail(`"${address}" is not an IPv6 address`);
    }
    case 'CNAME':
    case 'DNAME':
    case 'PTR':
    case 'NS':
      return { type, data: absolute(exactly(1)[0] ?? '') };
    case 'MX': {
      const [preference = '', exchange = ''] = exactly(2);
      return { type, data: { preference: parseNumber(preference, MAX_U16, fail), exchange: absolute(exchange) } };
    }
    case 'TXT': {
      if (rdata.length === 0) fail('TXT needs at least one string');
      const tooLong = rdata.find((token) => token.bytes.length > MAX_CHARACTER_STRING);
      if (tooLong) fail(`TXT string of ${tooLong.bytes.length} bytes exceeds ${MAX_CHARACTER_STRING}; split it into several "quoted" "strings"`);
      return { type, data: rdata.map((token) => token.bytes) };
    }
    case 'SOA': {
      const [mname = '', rname = '', ...numbers] = exactly(7);
      const [serial, refresh, retry, expire, minimum] = numbers.map((n) => parseNumber(n, MAX_U32, fail)) as [number, number, number, number, number];
      return { type, data: { mname: absolute(mname), rname: absolute(rname), serial, refresh, retry, expire, minimum } };
    }
    case 'TLSA': {
      // RFC 6698 §2.2: three numbers, then the association data in hex, which may be split by blanks.
      if (words.length < 4) fail(`TLSA needs usage, selector, matching type and data, got ${words.length} field(s)`);
      const [usage, selector, matchingType] = words.slice(0, 3).map((n) => parseNumber(n, MAX_U8, fail)) as [number, number, number];
      const certificate = words.slice(3).join('').toLowerCase();
      if (!/^(?:[0-9a-f]{2})+$/.test(certificate)) fail('TLSA association data must be an even number of hex digits');
      return { type, data: { usage, selector, matchingType, certificate } };
    }
    default:
      if (words.length === 0) fail(`${type} needs data`);
      return { type: 'OTHER', rrtype: type, data: words.join(' ') };
  }
}

export function parseNumber(text: string, max: number, fail: Fail): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  return value <= max ? value : fail(`"${text}" is not a number from 0 to ${max}`);
}
