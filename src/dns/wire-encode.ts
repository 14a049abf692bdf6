import { randomFillSync } from 'node:crypto';
import dnsPacket from 'dns-packet';
import { withoutTrailingDot, type RecordType } from './types.js';
import { CLASS_IN, readQuestion, TYPE_CODES } from './wire-decode.js';
import type { WireQuestion } from './wire-decode.js';
import { readsBackPlain, WireReader } from './wire-reader.js';

/** RFC 9715 / DNS Flag Day 2020: large enough for most answers, small enough to avoid IP fragmentation. */
export const EDNS_UDP_PAYLOAD_SIZE = 1232;

export interface EncodedQuery {
  id: number;
  bytes: Buffer;
  /** The question exactly as our own decoder reads it back, so replies are compared like for like. */
  question: WireQuestion;
}

/**
 * Query IDs are the main defence against off-path forgery, so they come from the CSPRNG, drawn in bulk.
 * A small pool is refilled every few dozen queries, so the refill is a path V8 sees while warming up; a
 * first refill thousands of queries in deoptimized the DNS client's hottest functions.
 */
const idPool = new Uint16Array(64);
let idsLeft = 0;

export function randomQueryId(): number {
  if (idsLeft === 0) {
    randomFillSync(idPool);
    idsLeft = idPool.length;
  }
  return idPool[--idsLeft] as number;
}

/** Sixty-four octets without a dot: a label too long (in a plain name, one character is one octet). */
const LONG_PLAIN_LABEL = /[^.]{64}/;
/**
 * Whether a plain name has a label over 63 octets. Only a name of 64 characters or more can: the regular
 * expression alone tries a 64-character match from every position, which cost more than encoding the query.
 */
const hasLongPlainLabel = (name: string): boolean => name.length > 63 && LONG_PLAIN_LABEL.test(name);

/** Why `name` cannot be sent as a query name, or undefined when it can. */
export function invalidNameReason(name: string): string | undefined {
  const bare = withoutTrailingDot(name);
  if (bare === '') return 'empty name';
  // Nearly every name: no empty label, no escape, one octet a character; checked without splitting it.
  if (readsBackPlain(bare)) {
    if (hasLongPlainLabel(bare)) return `label longer than 63 octets in "${name}"`;
    return bare.length + 2 > 255 ? `name longer than 255 octets` : undefined;
  }
  const labels = bare.split('.');
  if (labels.some((label) => label === '')) return `empty label in "${name}"`;
  if (labels.some((label) => Buffer.byteLength(label) > 63)) return `label longer than 63 octets in "${name}"`;
  if (labels.reduce((sum, label) => sum + Buffer.byteLength(label) + 1, 1) > 255) return `name longer than 255 octets`;
  if (bare.includes('\\')) return `escape sequences are not supported in query names ("${name}")`;
  return undefined;
}

const HEADER_BYTES = 12;
/** QTYPE and QCLASS after the name. */
const QUESTION_FIXED_BYTES = 4;
/** The OPT record: root owner name, TYPE 41, CLASS = UDP payload size, TTL = extended RCODE/version/flags, RDLENGTH 0. */
const OPT_BYTES = 11;
const FLAG_RD = 0x0100;
/** RFC 6840 §5.7: asks a validating resolver to say, with AD, whether it validated the answer (recorded, see record.ts). */
const FLAG_AD = 0x0020;

/** dns-packet's codec for names (labels, length octets, 63/255-octet limits); its published types leave it out. */
const nameCodec = (dnsPacket as unknown as { name: { encode(name: string, buffer: Buffer, offset: number): Buffer; encodingLength(name: string): number } }).name;

/**
 * A recursive (RD=1, AD=1) query for one IN-class question, with an EDNS0 OPT record (RFC 6891 §6.1.2)
 * unless `edns` is false (for a server that rejected EDNS, RFC 6891 §7).
 * Only the ID and the question differ between queries, so the fixed fields are written directly, and so
 * is a plain name (one octet a character); dns-packet encodes the others. Its generic packet encoder
 * (options, sections, flags objects) cost more than the rest of sending a query.
 */
export function encodeQuery(id: number, name: string, type: RecordType, edns = true): EncodedQuery {
  const bare = withoutTrailingDot(name);
  const plain = readsBackPlain(bare);
  // A plain name's labels and their length octets, and the root's zero: two octets more than its text.
  const nameBytes = plain ? bare.length + 2 : nameCodec.encodingLength(bare);
  const bytes = Buffer.allocUnsafe(HEADER_BYTES + nameBytes + QUESTION_FIXED_BYTES + (edns ? OPT_BYTES : 0));
  bytes.writeUInt16BE(id, 0);
  bytes.writeUInt16BE(FLAG_RD | FLAG_AD, 2);
  bytes.writeUInt16BE(1, 4); // QDCOUNT
  bytes.writeUInt32BE(0, 6); // ANCOUNT, NSCOUNT
  bytes.writeUInt16BE(edns ? 1 : 0, 10); // ARCOUNT: the OPT record
  if (plain) writePlainName(bare, bytes, HEADER_BYTES);
  else nameCodec.encode(bare, bytes, HEADER_BYTES);
  let offset = bytes.writeUInt16BE(TYPE_CODES[type], HEADER_BYTES + nameBytes);
  offset = bytes.writeUInt16BE(CLASS_IN, offset);
  // Our question as our own decoder reads a reply's, so the two compare like for like: a plain name
  // needs no decoding to know that; the rest (escapes, non-ASCII bytes) are read back.
  const question = plain ? { name: bare.toLowerCase(), type: TYPE_CODES[type], class: CLASS_IN } : readQuestion(new WireReader(bytes, HEADER_BYTES));
  if (!edns) return { id, bytes, question };
  bytes[offset++] = 0;
  offset = bytes.writeUInt16BE(TYPE_CODES.OPT, offset);
  offset = bytes.writeUInt16BE(EDNS_UDP_PAYLOAD_SIZE, offset);
  offset = bytes.writeUInt32BE(0, offset);
  bytes.writeUInt16BE(0, offset);
  return { id, bytes, question };
}

/** A plain name (see readsBackPlain) in wire form at `offset`: each label after its length octet, then the root. */
function writePlainName(name: string, bytes: Buffer, offset: number): void {
  let lengthAt = offset;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === DOT) {
      bytes[lengthAt] = offset + i - lengthAt;
      lengthAt = offset + i + 1;
    } else {
      bytes[offset + i + 1] = code;
    }
  }
  bytes[lengthAt] = offset + name.length - lengthAt;
  bytes[offset + name.length + 1] = 0;
}

const DOT = 0x2e;

export function questionsMatch(received: WireQuestion, sent: WireQuestion): boolean {
  return received.name === sent.name && received.type === sent.type && received.class === sent.class;
}
