import type { LookupResult, RecordDataByType, RecordType } from './types.js';
import { CLASS_IN, TYPE_CODES } from './wire-decode.js';
import type { RecordData, WireMessage, WireRecord } from './wire-decode.js';

export const MAX_CNAME_HOPS = 8;

const RCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  6: 'YXDOMAIN',
  7: 'YXRRSET',
  8: 'NXRRSET',
  9: 'NOTAUTH',
  10: 'NOTZONE',
  16: 'BADVERS',
};

export const rcodeName = (rcode: number): string => RCODE_NAMES[rcode] ?? `RCODE${rcode}`;

/**
 * What one reply means for the lookup:
 * - `final`: the result to return.
 * - `retry`: a server-side failure another attempt (or another server) may not have.
 * - `follow`: the answer section ends at a CNAME whose target it does not resolve, and
 *   nothing says the target is empty; ask for the target.
 */
export type ReplyVerdict<T extends RecordType> =
  | { kind: 'final'; result: LookupResult<T> }
  | { kind: 'retry'; status: 'servfail' | 'refused'; detail: string }
  | { kind: 'follow'; target: string; hops: number; authenticated: boolean };

export function classifyReply<T extends RecordType>(message: WireMessage, type: T): ReplyVerdict<T> {
  switch (message.rcode) {
    case 0:
      return classifyNoError(message, type);
    // RFC 6604: with a CNAME chain the RCODE describes the last name, so this is the target's NXDOMAIN.
    case 3:
      return { kind: 'final', result: message.authenticated ? { status: 'nxdomain', authenticated: true } : { status: 'nxdomain' } };
    case 2:
      return { kind: 'retry', status: 'servfail', detail: 'SERVFAIL' };
    case 5:
      return { kind: 'retry', status: 'refused', detail: 'REFUSED' };
    default:
      return { kind: 'final', result: { status: 'error', detail: `server answered ${rcodeName(message.rcode)}` } };
  }
}

function classifyNoError<T extends RecordType>(message: WireMessage, type: T): ReplyVerdict<T> {
  const wanted = TYPE_CODES[type];
  const inAnswer = (record: WireRecord, owner: string): boolean => record.name === owner && record.class === CLASS_IN;
  let owner = message.question.name;
  // Owners passed through; needed only once the answer holds a CNAME.
  let visited: Set<string> | undefined;
  for (let hops = 0; ; hops++) {
    const matching = message.answers.filter((record) => inAnswer(record, owner) && record.type === wanted);
    if (matching.length > 0) return { kind: 'final', result: answerResult(matching, owner, message.authenticated) };
    const alias = type === 'CNAME' ? undefined : message.answers.find((record) => inAnswer(record, owner) && record.type === TYPE_CODES.CNAME);
    if (alias?.data.kind !== 'name') {
      if (hops === 0 || hasNegativeProof(message)) return { kind: 'final', result: message.authenticated ? { status: 'nodata', authenticated: true } : { status: 'nodata' } };
      return { kind: 'follow', target: owner, hops, authenticated: message.authenticated };
    }
    if (hops >= MAX_CNAME_HOPS) return { kind: 'final', result: { status: 'error', detail: `CNAME chain longer than ${MAX_CNAME_HOPS}` } };
    visited ??= new Set([owner]);
    owner = alias.data.target;
    if (visited.has(owner)) return { kind: 'final', result: { status: 'error', detail: `CNAME loop at ${owner}` } };
    visited.add(owner);
  }
}

/** RFC 2308: a resolver that looked and found nothing puts the zone's SOA in the authority section. */
const hasNegativeProof = (message: WireMessage): boolean => message.authorities.some((record) => record.type === TYPE_CODES.SOA);

function answerResult<T extends RecordType>(records: WireRecord[], owner: string, authenticated: boolean): LookupResult<T> {
  // Gathered with push rather than map(): see "Arrays on hot paths" in the README.
  const values: RecordDataByType[T][] = [];
  for (const record of records) values.push(recordValue(record.data) as RecordDataByType[T]);
  return authenticated ? { status: 'answer', records: values, canonicalName: owner, authenticated } : { status: 'answer', records: values, canonicalName: owner };
}

function recordValue(data: RecordData): RecordDataByType[RecordType] {
  switch (data.kind) {
    case 'address':
      return data.address;
    case 'name':
      return data.target;
    case 'mx':
      return { preference: data.preference, exchange: data.exchange };
    case 'txt':
      return data.text;
    case 'tlsa':
      return { usage: data.usage, selector: data.selector, matchingType: data.matchingType, certificate: data.certificate };
    case 'opaque':
      throw new Error('unreachable: records of the asked type are always decoded');
  }
}
