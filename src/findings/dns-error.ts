import type { FailedLookup, RecordType } from '../dns/types.js';
import { clipText } from './clip-text.js';
import type { FindingData } from './types.js';

const MAX_DETAIL = 200;

/** DNS_ERROR for a lookup whose answer is unknown; `context` picks the RFC the failure matters to. */
export function dnsErrorFinding(context: string, name: string, type: RecordType, failure: FailedLookup): FindingData<'DNS_ERROR'> {
  return { code: 'DNS_ERROR', args: { context, name, type, status: failure.status, detail: clipText(failure.detail, MAX_DETAIL) } };
}
