import type { FindingData } from '../findings/types.js';
import type { FailedLookup, LookupResult, RecordType, Resolver } from '../dns/types.js';
import { isFailure } from '../dns/types.js';
import { cap } from './issues.js';

export interface Query<T extends RecordType = RecordType> {
  name: string;
  type: T;
  result: LookupResult<T>;
}

/** A resolver that throws is a failure like any other: the answer is unknown, never "no record". */
export async function query<T extends RecordType>(resolver: Resolver, name: string, type: T): Promise<Query<T>> {
  try {
    return { name, type, result: await resolver.resolve(name, type) };
  } catch (error) {
    return { name, type, result: { status: 'error', detail: error instanceof Error ? error.message : String(error) } };
  }
}

export function dnsErrorFinding(name: string, type: RecordType, failure: FailedLookup): FindingData {
  return { code: 'DNS_ERROR', args: { context: 'dmarc', name, type, status: failure.status, detail: cap(failure.detail, 200) } };
}

/** DNS_ERROR for a query that failed, nothing otherwise. */
export function failureFindings(queries: readonly Query[]): FindingData[] {
  return queries.flatMap((q) => (isFailure(q.result) ? [dnsErrorFinding(q.name, q.type, q.result)] : []));
}
