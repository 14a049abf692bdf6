import { planFor } from '../checks/plan.js';
import { ALL_CHECKS, type CheckId, type CheckOptions, type CheckResults } from '../checks/registry.js';
import { normalizeDomain } from '../domain/normalize.js';
import type { Evidence } from '../dns/evidence.js';
import type { Resolver } from '../dns/types.js';
import type { HttpsClient } from '../http/types.js';
import { severityOf } from '../findings/describe.js';
import type { FindingCode } from '../findings/catalog.js';
import type { FindingData } from '../findings/types.js';
import type { Grade, Verdict } from '../report/schema.js';
import { SEVERITY_ORDER } from '../render/severity.js';
import { gradeOf, verdictOf, type GradeInput } from '../report/score.js';

export class InvalidDomainError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid domain: ${reason}`);
    this.name = 'InvalidDomainError';
  }
}

/**
 * One domain's audit as the checks hand it on: each check's result (parsed records included, for the
 * gate and renderers), and every finding as data. `reportOf` (src/report/report.ts) turns it into the
 * report of the contract; the words of findings come from the catalog only when something renders them.
 */
export interface DomainAudit {
  domain: string;
  verdict: Verdict;
  grade: Grade;
  /** The checks that ran, in registry order. */
  checks: readonly CheckId[];
  results: Partial<CheckResults>;
  findings: FindingData<FindingCode>[];
  /** With --zone or --evidence: the DNS questions the audit rests on (src/dns/evidence.ts). */
  evidence?: Evidence;
}

export interface AuditPlan {
  /** The checks to run (registry order); the DMARC check always runs, since the verdict rests on it. */
  checks: readonly CheckId[];
  options: Partial<CheckOptions>;
}

/** For an audit given no HTTPS client: every fetch fails as unknown (`connect`), never as a finding about the server. */
export const NO_HTTPS: HttpsClient = { get: async (url) => ({ status: 'connect', detail: `${url}: this audit has no HTTPS client` }) };

/** The checks that need only DNS, with default options: what `auditDomain` runs unless told otherwise. */
export const DEFAULT_PLAN: AuditPlan = planFor(undefined, {});

/** The name an input audits as (normalizeDomain), or an InvalidDomainError saying why it is none. */
export function auditedName(input: string): string {
  const normalized = normalizeDomain(input);
  if (!normalized.ok) throw new InvalidDomainError(input, normalized.error);
  return normalized.domain;
}

/**
 * Audits one domain through the given resolver: runs the planned checks concurrently, each able to
 * await the results of the checks it needs. The resolver decides where answers come from (network,
 * cache, memory), and `https` where fetches go; the audit itself only composes the checks.
 */
export async function auditWithResolver(input: string, resolver: Resolver, plan: AuditPlan = DEFAULT_PLAN, https: HttpsClient = NO_HTTPS): Promise<DomainAudit> {
  return auditName(auditedName(input), resolver, plan, https);
}

/** `auditWithResolver` for a name auditedName has already given. */
export async function auditName(domain: string, resolver: Resolver, plan: AuditPlan = DEFAULT_PLAN, https: HttpsClient = NO_HTTPS): Promise<DomainAudit> {
  const running = new Map<string, Promise<unknown>>();
  // A check that is not planned hands on nothing: its dependents judge without it.
  const need = <K>(id: K): Promise<never> => (running.get(String(id)) ?? Promise.resolve(undefined)) as Promise<never>;
  const planned: (typeof ALL_CHECKS)[number][] = [];
  for (const check of ALL_CHECKS) {
    if (!plan.checks.includes(check.id as CheckId)) continue;
    planned.push(check);
    running.set(check.id, check.run({ domain, resolver, https, options: plan.options[check.id as CheckId] ?? check.optionsFrom({}), need }));
  }
  const settled = await Promise.all(running.values());

  const results: Partial<Record<string, unknown>> = {};
  const findings: FindingData<FindingCode>[] = [];
  planned.forEach((check, index) => {
    const result = settled[index];
    results[check.id] = result;
    for (const finding of check.findings(result)) findings.push(finding as FindingData<FindingCode>);
  });
  // Most severe first, in every output; a stable sort keeps each check's order within a severity.
  findings.sort((a, b) => SEVERITY_ORDER[severityOf(a)] - SEVERITY_ORDER[severityOf(b)]);
  const { dmarc, spf } = results as Partial<CheckResults>;
  if (!dmarc) throw new Error('the dmarc check must run: the verdict rests on it');
  const verdict = verdictOf(dmarc);
  const graded: GradeInput['findings'] = [];
  for (const finding of findings) graded.push({ code: finding.code, severity: severityOf(finding) });
  const grade = gradeOf({ verdict, effectivePolicy: dmarc.effectivePolicy, spf: spf ?? null, findings: graded });
  return { domain, verdict, grade, checks: planned.map((c) => c.id as CheckId), results: results as Partial<CheckResults>, findings };
}
