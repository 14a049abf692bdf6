import type { ReportData } from './report.js';

/** What `audit --fail-on` can fail on; each is a question about one report. */
export const FAIL_ON_CONDITIONS = ['error', 'monitoring', 'unprotected', 'dns-error'] as const;
export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

const hasDnsError = (report: ReportData): boolean => report.findings.some((finding) => finding.code === 'DNS_ERROR');

const MEETS: Record<FailOnCondition, (report: ReportData) => boolean> = {
  /** Any finding of severity error: a missing or broken record, SPF permerror, a DNS failure, a bad input line. */
  error: (report) => report.findings.some((finding) => finding.severity === 'error'),
  monitoring: (report) => report.verdict === 'monitoring',
  unprotected: (report) => report.verdict === 'unprotected',
  /** Any lookup that failed (timeout, SERVFAIL, …), whether or not it hid the DMARC verdict. */
  'dns-error': hasDnsError,
};

/** `undetermined`: a DNS failure hid the DMARC verdict that a verdict condition asks about. */
export type FailOnJudgement = 'match' | 'undetermined' | 'clear';

/**
 * Whether the report meets any of the conditions. A domain whose DNS failed may be monitoring or
 * unprotected: it is undetermined, never clear, so --fail-on fails closed as the gate does. Pure.
 */
export function judgeFailOn(report: ReportData, conditions: readonly FailOnCondition[]): FailOnJudgement {
  if (conditions.some((condition) => MEETS[condition](report))) return 'match';
  const asksVerdict = conditions.includes('monitoring') || conditions.includes('unprotected');
  return asksVerdict && report.verdict === 'error' && hasDnsError(report) ? 'undetermined' : 'clear';
}
