import { withCache } from '../dns/cache.js';
import { createRunResolver, type RunResolverOptions } from '../dns/run-resolver.js';
import type { Resolver } from '../dns/types.js';
import type { AuditReport } from '../report/schema.js';
import { auditWithResolver } from './audit.js';

export interface AuditorOptions extends RunResolverOptions {
  /** Answer from this resolver instead of the network (e.g. `createMemoryResolver`). */
  resolver?: Resolver;
}

export interface Auditor {
  audit(domain: string): Promise<AuditReport>;
  /** DNS queries sent on the wire so far (0 for an injected resolver). */
  queriesSent(): number;
  close(): Promise<void>;
}

/** An auditor for many domains, sharing one resolver and its cache for the whole run. */
export async function createAuditor(options: AuditorOptions = {}): Promise<Auditor> {
  if (options.resolver) {
    const resolver = withCache(options.resolver, { maxEntries: options.cacheSize });
    return { audit: (domain) => auditWithResolver(domain, resolver), queriesSent: () => 0, close: async () => {} };
  }
  const run = await createRunResolver(options);
  return { audit: (domain) => auditWithResolver(domain, run.resolver), queriesSent: run.queriesSent, close: run.close };
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
