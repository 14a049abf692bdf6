import { ALL_CHECKS } from '../checks/registry.js';
import type { DomainAudit } from '../engine/audit.js';
import { describeFinding } from '../findings/describe.js';
import type { Finding } from '../findings/types.js';
import type { AuditReport } from './schema.js';

/**
 * The report of the contract (README "Report contract") for one audit: each check's section (null when
 * it did not run), and the findings in words. Every renderer and the run summary read this shape, so a
 * report read back from saved NDJSON renders exactly as a live one.
 */
export function reportOf(audit: DomainAudit): AuditReport {
  const report: Record<string, unknown> = { domain: audit.domain, verdict: audit.verdict, grade: audit.grade, checks: audit.checks };
  const results = audit.results as Record<string, unknown>;
  for (const check of ALL_CHECKS) {
    const result = results[check.id];
    report[check.id] = result === undefined ? null : check.section.of(result);
  }
  const findings: Finding[] = [];
  for (const finding of audit.findings) findings.push(describeFinding(finding));
  report.findings = findings;
  if (audit.evidence) report.evidence = audit.evidence;
  return report as AuditReport;
}

/**
 * A report as the renderers and the run summary take it: this version's (an AuditReport), or one read
 * back from saved NDJSON, maybe of a later minor version whose finding codes and check ids this one does
 * not know (the JSON Schema allows them; src/report/saved-reports.ts reads them).
 */
export type ReportData = Omit<AuditReport, 'checks' | 'findings'> & {
  checks: readonly string[];
  findings: readonly (Omit<Finding, 'code'> & { code: string })[];
};

/** A check's section in a report, or undefined when the check did not run. */
export function sectionIn(report: ReportData, checkId: string): unknown {
  return (report as Record<string, unknown>)[checkId] ?? undefined;
}
