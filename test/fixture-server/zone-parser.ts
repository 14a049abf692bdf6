import { isIPv4, isIPv6 } from 'node:net';
import { parseFaultSpec } from './faults.js';
import type { FaultSpec } from './faults.js';
import { lexZone, ZoneParseError } from './zone-lexer.js';
import type { ZoneToken } from './zone-lexer.js';

export { ZoneParseError } from './zone-lexer.js';

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** Record data as the fixture server serves it; names lower case without trailing dot. */
export type ZoneRecordData =
  | { type: 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'NS'; data: string }
  | { type: 'MX'; data: { preference: number; exchange: string } }
  | { type: 'TXT'; data: Buffer[] }
  | { type: 'SOA'; data: SoaData };

/** Where a record or fault was written, for error messages. */
export interface ZoneSource {
  file: string;
  line: number;
}

export type ZoneRecord = ZoneRecordData & ZoneSource & { name: string; ttl: number };

export interface ZoneFault extends FaultSpec, ZoneSource {
  name: string;
  /** Query types the fault applies to; empty means all. */
  types: string[];
}

export interface ParsedZone {
  records: ZoneRecord[];
  faults: ZoneFault[];
}

export const SERVED_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'PTR', 'NS', 'SOA'] as const;
const MAX_CHARACTER_STRING = 255;
const DEFAULT_TTL = 3600;

export function parseZone(text: string, file = '<inline>'): ParsedZone {
  const zone: ParsedZone = { records: [], faults: [] };
  let origin: string | undefined;
  let ttl = DEFAULT_TTL;
  let previousOwner: string | undefined;

  for (const { line, continuesOwner, tokens } of lexZone(text, file)) {
    const fail = (reason: string): never => {
      throw new ZoneParseError(file, line, reason);
    };
    const absolute = (written: string): string => absoluteName(written, origin, fail);
    const words = tokens.map((token) => token.text);
    const first = words[0] ?? '';

    if (!continuesOwner && first.startsWith('$')) {
      if (words.length !== 2) fail(`${first} takes exactly one argument`);
      const argument = words[1] as string;
      if (first.toUpperCase() === '$ORIGIN') origin = absolute(argument);
      else if (first.toUpperCase() === '$TTL') ttl = parseInteger(argument, 2 ** 31 - 1, fail);
      else fail(`unsupported directive ${first}`);
      continue;
    }

    const owner = continuesOwner ? (previousOwner ?? fail('no previous owner name to continue')) : absolute(first);
    previousOwner = owner;
    let index = continuesOwner ? 0 : 1;
    let recordTtl = ttl;
    for (; index < words.length; index++) {
      const word = (words[index] as string).toUpperCase();
      if (/^\d+$/.test(word)) recordTtl = parseInteger(word, 2 ** 31 - 1, fail);
      else if (['CH', 'HS', 'CS'].includes(word)) fail(`class ${word} is not supported, only IN`);
      else if (word !== 'IN') break;
    }
    const type = (words[index] ?? fail('missing record type')).toUpperCase();
    const rdata = tokens.slice(index + 1);

    if (type === 'FAULT') {
      const [spec = fail('FAULT needs a mode'), ...types] = rdata.map((token) => token.text);
      const parsed = parseFaultSpec(spec);
      if (typeof parsed === 'string') fail(parsed);
      const upper = types.map((t) => t.toUpperCase());
      const unknown = upper.find((t) => !(SERVED_TYPES as readonly string[]).includes(t));
      if (unknown !== undefined) fail(`FAULT lists unknown type "${unknown}"`);
      zone.faults.push({ ...(parsed as FaultSpec), name: owner, types: upper, file, line });
      continue;
    }
    const data = parseRdata(type, rdata, absolute, fail);
    zone.records.push({ ...data, name: owner, ttl: recordTtl, file, line });
  }
  return zone;
}

function parseRdata(type: string, rdata: ZoneToken[], absolute: (name: string) => string, fail: (reason: string) => never): ZoneRecordData {
  const words = rdata.map((token) => token.text);
  const exactly = (count: number): string[] => (words.length === count ? words : fail(`${type} needs ${count} field(s), got ${words.length}`));
  switch (type) {
    case 'A': {
      const [address = ''] = exactly(1);
      return isIPv4(address) ? { type, data: address } : fail(`"${address}" is not an IPv4 address`);
    }
    case 'AAAA': {
      const [address = ''] = exactly(1);
      return isIPv6(address) ? { type, data: address } : fail(`"${address}" is not an IPv6 address`);
    }
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { type, data: absolute(exactly(1)[0] ?? '') };
    case 'MX': {
      const [preference = '', exchange = ''] = exactly(2);
      return { type, data: { preference: parseInteger(preference, 65_535, fail), exchange: absolute(exchange) } };
    }
    case 'TXT': {
      if (rdata.length === 0) fail('TXT needs at least one string');
      const tooLong = rdata.find((token) => token.bytes.length > MAX_CHARACTER_STRING);
      if (tooLong) fail(`TXT string of ${tooLong.bytes.length} bytes exceeds ${MAX_CHARACTER_STRING}; split it into several "quoted" "strings"`);
      return { type, data: rdata.map((token) => token.bytes) };
    }
    case 'SOA': {
      const [mname = '', rname = '', ...numbers] = exactly(7);
      const [serial, refresh, retry, expire, minimum] = numbers.map((n) => parseInteger(n, 2 ** 32 - 1, fail)) as [number, number, number, number, number];
      return { type, data: { mname: absolute(mname), rname: absolute(rname), serial, refresh, retry, expire, minimum } };
    }
    default:
      return fail(`unknown record type "${type}"`);
  }
}

function parseInteger(text: string, max: number, fail: (reason: string) => never): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  return value <= max ? value : fail(`"${text}" is not a number from 0 to ${max}`);
}

/** `@`, relative (origin appended) or absolute (trailing dot) → lower case, no trailing dot. */
function absoluteName(written: string, origin: string | undefined, fail: (reason: string) => never): string {
  if (written.includes('\\')) fail(`escapes in names are not supported: "${written}"`);
  let name: string;
  if (written === '@') name = origin ?? fail('"@" used before $ORIGIN');
  else if (written.endsWith('.')) name = written.slice(0, -1);
  else if (origin === undefined) return fail(`relative name "${written}" used before $ORIGIN`);
  else name = origin === '' ? written : `${written}.${origin}`;
  name = name.toLowerCase();
  if (name === '') return name;
  const labels = name.split('.');
  if (labels.some((label) => label === '' || Buffer.byteLength(label) > 63)) fail(`"${written}" has an empty or over-long label`);
  if (Buffer.byteLength(name) > 253) fail(`"${written}" is longer than 253 characters`);
  return name;
}
