import { ALL_CHECKS } from '../checks/registry.js';
import type { DomainAudit } from '../engine/audit.js';
import { describeFinding } from '../findings/describe.js';
import type { Finding } from '../findings/types.js';
import type { AuditReport } from './schema.js';

/** Each check's report section, by id, for the checks that ran. */
export function sectionsOf(audit: DomainAudit): Map<string, unknown> {
  const sections = new Map<string, unknown>();
  for (const check of ALL_CHECKS) {
    const result = (audit.results as Record<string, unknown>)[check.id];
    if (result !== undefined) sections.set(check.id, check.section.of(result));
  }
  return sections;
}

/**
 * The report of the contract (README "Report contract") for one audit: each check's section (null when
 * it did not run), and the findings in words. Called where a report is rendered or handed to a library caller.
 */
export function reportOf(audit: DomainAudit): AuditReport {
  const report: Record<string, unknown> = { domain: audit.domain, verdict: audit.verdict, grade: audit.grade };
  const sections = sectionsOf(audit);
  for (const check of ALL_CHECKS) report[check.id] = sections.get(check.id) ?? null;
  const findings: Finding[] = [];
  for (const finding of audit.findings) findings.push(describeFinding(finding));
  report.findings = findings;
  if (audit.evidence) report.evidence = audit.evidence;
  return report as AuditReport;
}
