import { defaultDomainTimeoutMs, MAX_LOOKUPS_PER_DOMAIN, withBudget } from '../dns/budget.js';
import { withCache } from '../dns/cache.js';
import { withQuestionLog } from '../dns/evidence.js';
import { createRunResolver, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, withZoneOverlays, type RunResolverOptions } from '../dns/run-resolver.js';
import type { Resolver } from '../dns/types.js';
import { createHttpsFetcher, type HttpsFetcher, type HttpsOptions } from '../http/https-client.js';
import type { HttpsClient } from '../http/types.js';
import { planFor } from '../checks/plan.js';
import type { CheckId } from '../checks/registry.js';
import { reportOf } from '../report/report.js';
import type { AuditReport } from '../report/schema.js';
import { auditedName, auditName, DEFAULT_PLAN, type AuditPlan, type DomainAudit } from './audit.js';
import { ownNameScopes } from './own-names.js';

export interface AuditorOptions extends RunResolverOptions {
  /** Answer from this resolver instead of the network (e.g. `createMemoryResolver`). */
  resolver?: Resolver;
  /** Lookups one domain may ask for (cached or not); default MAX_LOOKUPS_PER_DOMAIN. */
  maxLookupsPerDomain?: number;
  /**
   * Milliseconds one domain's lookups may take from its first one; default 10 × timeout ×
   * (retries + 1) for the network, none for an injected resolver.
   */
  domainTimeoutMs?: number;
  /** The checks to run (default: those that need only DNS); dmarc always runs. */
  checks?: CheckId[];
  /** The checks' options, keyed as the command line's are read (e.g. `{ dkimSelectors: ['s2024'] }`). */
  checkOptions?: Record<string, unknown>;
  /** Both at once, already planned (the CLI's form); wins over `checks` and `checkOptions`. */
  plan?: AuditPlan;
  /** Each report's `evidence` carries the SHA-256 of the answers it rests on (--evidence). */
  evidence?: boolean;
  /** How checks that fetch over HTTPS (mta-sts, bimi) connect: --ca-file, --https-port, --https-timeout. */
  https?: HttpsOptions;
  /** Fetch through this instead (tests, library users with their own transport); `https` is then unused. */
  fetcher?: HttpsFetcher;
}

export interface Auditor {
  /** The report of the contract, findings in words. */
  audit(domain: string): Promise<AuditReport>;
  /** The audit as the checks hand it on (parsed records, findings as data), for renderers and the gate; `plan` overrides the auditor's. */
  inspect(domain: string, plan?: AuditPlan): Promise<DomainAudit>;
  /** DNS queries sent on the wire so far (0 for an injected resolver). */
  queriesSent(): number;
  close(): Promise<void>;
}

/**
 * Each audit gets its own budget over the shared resolver, so one hostile domain cannot cost more
 * than its share, and leaves its own domain's names out of the shared cache when it ends (own-names.ts).
 * With `evidence` (--zone or --evidence) the questions it asks are noted for its report.
 */
function budgetedAudit(
  resolver: Resolver,
  fetcher: HttpsFetcher,
  maxLookups: number,
  deadlineMs: number | undefined,
  plan: AuditPlan,
  evidence: 'questions' | 'digest' | undefined,
): (domain: string, plan?: AuditPlan) => Promise<DomainAudit> {
  const scopes = ownNameScopes(resolver);
  return async (input, planned = plan) => {
    // An input that is not a domain asks nothing: the InvalidDomainError says why.
    const domain = auditedName(input);
    const own = scopes.begin(domain);
    const log = evidence ? withQuestionLog(own.resolver) : undefined;
    const budgeted = withBudget(log?.resolver ?? own.resolver, { maxLookups, deadlineMs });
    // The deadline is asked for only when a fetch starts, so a DNS-only audit makes no signal.
    const https: HttpsClient = { get: (url, request) => fetcher.forDomain(budgeted.resolver, budgeted.deadline()).get(url, request) };
    try {
      const audit = await auditName(domain, budgeted.resolver, planned, https);
      return log ? { ...audit, evidence: log.evidence(evidence === 'digest') } : audit;
    } finally {
      budgeted.dispose();
      own.end();
    }
  };
}

function auditorOver(inspect: (domain: string, plan?: AuditPlan) => Promise<DomainAudit>, queriesSent: () => number, close: () => Promise<void>): Auditor {
  return { inspect, audit: (domain) => inspect(domain).then(reportOf), queriesSent, close };
}

/** An auditor for many domains, sharing one resolver and its cache for the whole run. */
export async function createAuditor(options: AuditorOptions = {}): Promise<Auditor> {
  const maxLookups = options.maxLookupsPerDomain ?? MAX_LOOKUPS_PER_DOMAIN;
  const plan = options.plan ?? (options.checks || options.checkOptions ? planFor(options.checks, options.checkOptions ?? {}) : DEFAULT_PLAN);
  const evidence = options.evidence ? 'digest' : options.zones?.length ? 'questions' : undefined;
  const fetcher = options.fetcher ?? createHttpsFetcher(options.https);
  if (options.resolver) {
    const resolver = withCache(withZoneOverlays(options.resolver, options.zones), { maxEntries: options.cacheSize });
    return auditorOver(budgetedAudit(resolver, fetcher, maxLookups, options.domainTimeoutMs, plan, evidence), () => 0, async () => {});
  }
  const run = await createRunResolver(options);
  const deadline = options.domainTimeoutMs ?? defaultDomainTimeoutMs(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.retries ?? DEFAULT_RETRIES);
  return auditorOver(budgetedAudit(run.resolver, fetcher, maxLookups, deadline, plan, evidence), run.queriesSent, run.close);
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
