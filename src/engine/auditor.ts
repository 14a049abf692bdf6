import { withCache } from '../dns/cache.js';
import { createDnsClient } from '../dns/client.js';
import { withQueryLimit } from '../dns/limit.js';
import { readSystemNameservers, type Nameserver } from '../dns/nameservers.js';
import type { Resolver } from '../dns/types.js';
import type { AuditReport } from '../report/schema.js';
import { auditWithResolver } from './audit.js';

export interface AuditorOptions {
  /** Answer from this resolver instead of the network (e.g. `createMemoryResolver`). */
  resolver?: Resolver;
  /** Name servers to ask; default: those in /etc/resolv.conf. */
  nameservers?: Nameserver[];
  /** Milliseconds to wait for each attempt. */
  timeoutMs?: number;
  /** Further attempts after the first, each on the next name server. */
  retries?: number;
  /** DNS lookups on the wire at once, across all domains being audited. */
  maxQueriesInFlight?: number;
  /** DNS lookups started per second; unlimited when absent. */
  queriesPerSecond?: number;
  /** Answers kept in the run's DNS cache. */
  cacheSize?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_MAX_QUERIES_IN_FLIGHT = 1000;

export interface Auditor {
  audit(domain: string): Promise<AuditReport>;
  /** DNS queries sent on the wire so far (0 for an injected resolver). */
  queriesSent(): number;
  close(): Promise<void>;
}

/**
 * An auditor for many domains: one DNS client and one cache for the whole run, so shared
 * parents and provider SPF includes are fetched once.
 */
export async function createAuditor(options: AuditorOptions = {}): Promise<Auditor> {
  const cache = { maxEntries: options.cacheSize };
  if (options.resolver) {
    const resolver = withCache(options.resolver, cache);
    return { audit: (domain) => auditWithResolver(domain, resolver), queriesSent: () => 0, close: async () => {} };
  }
  const nameservers = options.nameservers?.length ? options.nameservers : await readSystemNameservers();
  const client = createDnsClient({
    nameservers,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
  });
  const limited = withQueryLimit(client, {
    maxInFlight: options.maxQueriesInFlight ?? DEFAULT_MAX_QUERIES_IN_FLIGHT,
    ratePerSecond: options.queriesPerSecond,
  });
  const resolver = withCache(limited, cache);
  return {
    audit: (domain) => auditWithResolver(domain, resolver),
    queriesSent: () => client.stats().queries,
    close: () => client.close(),
  };
}

/** Audits one domain: `await auditDomain('example.com')`. */
export async function auditDomain(domain: string, options: AuditorOptions = {}): Promise<AuditReport> {
  const auditor = await createAuditor(options);
  try {
    return await auditor.audit(domain);
  } finally {
    await auditor.close();
  }
}
