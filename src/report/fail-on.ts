import type { DomainAudit } from '../engine/audit.js';
import { severityOf } from '../findings/describe.js';

/** What `audit --fail-on` can fail on; each is a question about one report. */
export const FAIL_ON_CONDITIONS = ['error', 'monitoring', 'unprotected', 'dns-error'] as const;
export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

const hasDnsError = (audit: DomainAudit): boolean => audit.findings.some((finding) => finding.code === 'DNS_ERROR');

const MEETS: Record<FailOnCondition, (audit: DomainAudit) => boolean> = {
  /** Any finding of severity error: a missing or broken record, SPF permerror, a DNS failure, a bad input line. */
  error: (audit) => audit.findings.some((finding) => severityOf(finding) === 'error'),
  monitoring: (audit) => audit.verdict === 'monitoring',
  unprotected: (audit) => audit.verdict === 'unprotected',
  /** Any lookup that failed (timeout, SERVFAIL, …), whether or not it hid the DMARC verdict. */
  'dns-error': hasDnsError,
};

/** `undetermined`: a DNS failure hid the DMARC verdict that a verdict condition asks about. */
export type FailOnJudgement = 'match' | 'undetermined' | 'clear';

/**
 * Whether the report meets any of the conditions. A domain whose DNS failed may be monitoring or
 * unprotected: it is undetermined, never clear, so --fail-on fails closed as the gate does. Pure.
 */
export function judgeFailOn(audit: DomainAudit, conditions: readonly FailOnCondition[]): FailOnJudgement {
  if (conditions.some((condition) => MEETS[condition](audit))) return 'match';
  const asksVerdict = conditions.includes('monitoring') || conditions.includes('unprotected');
  return asksVerdict && audit.verdict === 'error' && hasDnsError(audit) ? 'undetermined' : 'clear';
}
