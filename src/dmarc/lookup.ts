import { resolveSafely } from '../dns/resolve-safely.js';
import type { LookupResult, RecordType, Resolver } from '../dns/types.js';
import { isFailure } from '../dns/types.js';
import { dnsErrorFinding } from '../findings/dns-error.js';
import type { FindingData } from '../findings/types.js';

export interface Query<T extends RecordType = RecordType> {
  name: string;
  type: T;
  result: LookupResult<T>;
}

export function query<T extends RecordType>(resolver: Resolver, name: string, type: T): Promise<Query<T>> {
  return resolveSafely(resolver, name, type).then((result) => ({ name, type, result }));
}

/** DNS_ERROR for a query that failed, nothing otherwise. */
export function failureFindings(queries: readonly Query[]): FindingData[] {
  return queries.flatMap((q) => (isFailure(q.result) ? [dnsErrorFinding('dmarc', q.name, q.type, q.result)] : []));
}
