import { WireError, WireReader, formatIpv6 } from './wire-reader.js';

export const TYPE_CODES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, OPT: 41, TLSA: 52 } as const;
export const CLASS_IN = 1;

export interface WireQuestion {
  name: string;
  type: number;
  class: number;
}

/** Decoded RDATA for the types the auditor reads; anything else is kept opaque. */
export type RecordData =
  | { kind: 'address'; address: string }
  | { kind: 'name'; target: string }
  | { kind: 'mx'; preference: number; exchange: string }
  /** The character-strings joined, then decoded as UTF-8 (a multi-byte character may straddle two strings). */
  | { kind: 'txt'; text: string }
  | { kind: 'tlsa'; usage: number; selector: number; matchingType: number; certificate: string }
  | { kind: 'opaque' };

export interface WireRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: RecordData;
}

export interface WireMessage {
  id: number;
  truncated: boolean;
  /** AD: the resolver validated the answer with DNSSEC (RFC 4035 §3.2.3). */
  authenticated: boolean;
  /** Full RCODE: the header's 4 bits extended by the OPT record's upper 8 bits (RFC 6891 §6.1.3). */
  rcode: number;
  question: WireQuestion;
  answers: WireRecord[];
  authorities: WireRecord[];
  additionals: WireRecord[];
}

/**
 * What a datagram turned out to be.
 * - `unreadable`: not even a response header and one question; cannot be matched to a query.
 * - `broken`: header and question decode, the rest does not; if it matches our query it is
 *   our server's (malformed) answer.
 * - `ok`: fully decoded.
 */
export type ParsedReply =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'broken'; id: number; question: WireQuestion; reason: string }
  | { kind: 'ok'; message: WireMessage };

const QR_FLAG = 0x8000;
const TC_FLAG = 0x0200;
const AD_FLAG = 0x0020;

/** Never throws: any byte string maps to one of the three verdicts. */
export function parseReply(bytes: Buffer): ParsedReply {
  const reader = new WireReader(bytes);
  let id: number;
  let question: WireQuestion;
  let flags: number;
  let answerCount: number;
  let authorityCount: number;
  let additionalCount: number;
  try {
    id = reader.u16();
    flags = reader.u16();
    const questionCount = reader.u16();
    answerCount = reader.u16();
    authorityCount = reader.u16();
    additionalCount = reader.u16();
    if ((flags & QR_FLAG) === 0) return { kind: 'unreadable', reason: 'not a response' };
    if (questionCount !== 1) return { kind: 'unreadable', reason: `${questionCount} questions` };
    question = readQuestion(reader);
  } catch (error) {
    if (error instanceof WireError) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
  try {
    const answers = readRecords(reader, answerCount);
    const authorities = readRecords(reader, authorityCount);
    const additionals = readRecords(reader, additionalCount);
    const opt = additionals.find((record) => record.type === TYPE_CODES.OPT);
    const extendedRcode = opt ? (opt.ttl >>> 24) << 4 : 0;
    const rcode = extendedRcode | (flags & 0x000f);
    const truncated = (flags & TC_FLAG) !== 0;
    const authenticated = (flags & AD_FLAG) !== 0;
    return { kind: 'ok', message: { id, truncated, authenticated, rcode, question, answers, authorities, additionals } };
  } catch (error) {
    if (error instanceof WireError) return { kind: 'broken', id, question, reason: error.message };
    throw error;
  }
}

export function readQuestion(reader: WireReader): WireQuestion {
  return { name: reader.name(), type: reader.u16(), class: reader.u16() };
}

function readRecords(reader: WireReader, count: number): WireRecord[] {
  const records: WireRecord[] = [];
  for (let i = 0; i < count; i++) {
    const name = reader.name();
    const type = reader.u16();
    const klass = reader.u16();
    const ttl = reader.u32();
    const length = reader.u16();
    const end = reader.offset + length;
    if (end > reader.bytes.length) throw new WireError(`RDATA of ${name} runs past the end of the message`);
    const data = readData(reader, type, length);
    if (reader.offset !== end) throw new WireError(`RDATA of ${name} does not match its length ${length}`);
    records.push({ name, type, class: klass, ttl, data });
  }
  return records;
}

function readData(reader: WireReader, type: number, length: number): RecordData {
  switch (type) {
    case TYPE_CODES.A:
      if (length !== 4) throw new WireError(`A record with ${length} bytes`);
      return { kind: 'address', address: reader.ipv4() };
    case TYPE_CODES.AAAA:
      if (length !== 16) throw new WireError(`AAAA record with ${length} bytes`);
      return { kind: 'address', address: formatIpv6(reader.take(16)) };
    case TYPE_CODES.CNAME:
    case TYPE_CODES.PTR:
    case TYPE_CODES.NS:
      return { kind: 'name', target: reader.name() };
    case TYPE_CODES.MX:
      return { kind: 'mx', preference: reader.u16(), exchange: reader.name() };
    case TYPE_CODES.TXT:
      return { kind: 'txt', text: readCharacterStrings(reader.take(length)) };
    // RFC 6698 §2.1: three octets, then the association data (RDLENGTH - 3 octets; it may be empty on the wire).
    case TYPE_CODES.TLSA:
      if (length < 3) throw new WireError(`TLSA record with ${length} bytes`);
      return { kind: 'tlsa', usage: reader.u8(), selector: reader.u8(), matchingType: reader.u8(), certificate: reader.take(length - 3).toString('hex') };
    default:
      reader.take(length);
      return { kind: 'opaque' };
  }
}

/**
 * RFC 1035 §3.3.14: length-prefixed strings filling the RDATA exactly. Most TXT records are one string,
 * decoded in place; several are copied together first, without a Buffer object per string.
 */
function readCharacterStrings(rdata: Buffer): string {
  let count = 0;
  let total = 0;
  for (let at = 0; at < rdata.length; at += 1 + (rdata[at] as number)) {
    const length = rdata[at] as number;
    if (at + 1 + length > rdata.length) throw new WireError(`TXT character-string truncated: ${length} bytes announced, ${rdata.length - at - 1} left in the RDATA`);
    count++;
    total += length;
  }
  if (count === 1) return rdata.toString('utf8', 1);
  const joined = Buffer.allocUnsafe(total);
  let used = 0;
  for (let at = 0; at < rdata.length; at += 1 + (rdata[at] as number)) used += rdata.copy(joined, used, at + 1, at + 1 + (rdata[at] as number));
  return joined.toString('utf8');
}
