import { resolveSafely } from '../dns/resolve-safely.js';
import type { LookupResult, RecordType, Resolver } from '../dns/types.js';
import { isFailure } from '../dns/types.js';
import { dnsErrorFinding } from '../findings/dns-error.js';
import type { DmarcFinding } from './types.js';

export interface Query<T extends RecordType = RecordType> {
  name: string;
  type: T;
  result: LookupResult<T>;
}

export function query<T extends RecordType>(resolver: Resolver, name: string, type: T): Promise<Query<T>> {
  return resolveSafely(resolver, name, type).then((result) => ({ name, type, result }));
}

/** DNS_ERROR for each query that failed. */
export function failureFindings(queries: readonly Query[]): DmarcFinding[] {
  const findings: DmarcFinding[] = [];
  for (const q of queries) if (isFailure(q.result)) findings.push(dnsErrorFinding('dmarc', q.name, q.type, q.result));
  return findings;
}
