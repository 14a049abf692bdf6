import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { RecordType } from './types.js';
import { parseReply } from './wire-decode.js';
import type { WireQuestion } from './wire-decode.js';

/** RFC 9715 / DNS Flag Day 2020: large enough for most answers, small enough to avoid IP fragmentation. */
export const EDNS_UDP_PAYLOAD_SIZE = 1232;

export interface EncodedQuery {
  id: number;
  bytes: Buffer;
  /** The question exactly as our own decoder reads it back, so replies are compared like for like. */
  question: WireQuestion;
}

export function randomQueryId(): number {
  return randomInt(0x10000);
}

/** Why `name` cannot be sent as a query name, or undefined when it can. */
export function invalidNameReason(name: string): string | undefined {
  const bare = name.replace(/\.$/, '');
  if (bare === '') return 'empty name';
  const labels = bare.split('.');
  if (labels.some((label) => label === '')) return `empty label in "${name}"`;
  if (labels.some((label) => Buffer.byteLength(label) > 63)) return `label longer than 63 octets in "${name}"`;
  if (labels.reduce((sum, label) => sum + Buffer.byteLength(label) + 1, 1) > 255) return `name longer than 255 octets`;
  if (bare.includes('\\')) return `escape sequences are not supported in query names ("${name}")`;
  return undefined;
}

/** A recursive (RD=1) query for one IN-class question, with an EDNS0 OPT record. */
export function encodeQuery(id: number, name: string, type: RecordType): EncodedQuery {
  const bytes = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name: name.replace(/\.$/, ''), type, class: 'IN' }],
    additionals: [
      { type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] },
    ],
  });
  return { id, bytes, question: readOwnQuestion(bytes) };
}

function readOwnQuestion(bytes: Buffer): WireQuestion {
  // Parse our own query as if it were a reply (set QR) to reuse the exact decoder replies go through.
  const asReply = Buffer.from(bytes);
  asReply.writeUInt8(asReply.readUInt8(2) | 0x80, 2);
  const parsed = parseReply(asReply);
  if (parsed.kind !== 'ok') throw new Error(`could not re-read our own query: ${parsed.kind}`);
  return parsed.message.question;
}

export function questionsMatch(received: WireQuestion, sent: WireQuestion): boolean {
  return received.name === sent.name && received.type === sent.type && received.class === sent.class;
}
