/** Picking the SPF record out of a TXT answer (RFC 7208 §4.5). */
import { isFailure } from '../dns/types.js';
import type { FailedLookup, LookupResult } from '../dns/types.js';
import { isSpfRecord } from './parse.js';

export type SpfRecordSelection =
  | { kind: 'record'; record: string }
  /** No SPF record; `void` when the name had no TXT records at all (§4.6.4). */
  | { kind: 'none'; reason: string; void: boolean }
  /** More than one: a permerror, even when the copies are identical (§4.5). */
  | { kind: 'multiple'; count: number }
  /** The lookup failed: a temperror, never "no record" (§4.4). */
  | { kind: 'failure'; lookup: FailedLookup };

/** Only TXT is consulted; the SPF RR type (99) was retired by RFC 7208 §3.1. */
export function selectSpfRecord(result: LookupResult<'TXT'>): SpfRecordSelection {
  if (isFailure(result)) return { kind: 'failure', lookup: result };
  if (result.status === 'nxdomain') return { kind: 'none', reason: 'the name does not exist (NXDOMAIN)', void: true };
  if (result.status === 'nodata') return { kind: 'none', reason: 'the name has no TXT records', void: true };
  const records = result.records.filter(isSpfRecord);
  const [first] = records;
  if (first === undefined) return { kind: 'none', reason: 'no TXT record starts with "v=spf1"', void: false };
  return records.length === 1 ? { kind: 'record', record: first } : { kind: 'multiple', count: records.length };
}
