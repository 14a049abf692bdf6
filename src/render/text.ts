import type { ChalkInstance } from 'chalk';
import { ALL_CHECKS } from '../checks/registry.js';
import { sectionIn, type ReportData } from '../report/report.js';
import type { Verdict } from '../report/schema.js';
import { isInputError } from '../report/input-error.js';
import { block, TEXT_WIDTH } from './block.js';
import { escapeForTerminal as esc } from './escape.js';
import { severityMark } from './severity.js';
import { wrapText } from './wrap.js';

const VERDICT_LABEL: Record<Verdict, string> = {
  enforcing: 'ENFORCING',
  monitoring: 'MONITORING ONLY (p=none)',
  unprotected: 'UNPROTECTED',
  error: 'UNKNOWN (DNS error)',
};

function verdictColor(c: ChalkInstance, verdict: Verdict): (text: string) => string {
  return { enforcing: c.green.bold, monitoring: c.yellow.bold, unprotected: c.red.bold, error: c.magenta.bold }[verdict];
}

function findingLines(report: ReportData, c: ChalkInstance): string[] {
  if (report.findings.length === 0) return [c.green('No findings.')];
  const lines = [c.bold(`Findings (${report.findings.length})`)];
  for (const f of report.findings) {
    const [first = '', ...rest] = wrapText(esc(`${f.code}: ${f.message} [${f.ref}]`), TEXT_WIDTH - 4);
    lines.push(`  ${severityMark(f.severity, c)} ${first}`, ...rest.map((line) => `    ${line}`));
    lines.push(...block(`→ ${f.fix}`, 4, c.cyan));
  }
  return lines;
}

/** With --zone: which answers a zone file gave, per file; with --evidence: the digest. */
export function evidenceLines(report: ReportData, c: ChalkInstance): string[] {
  if (!report.evidence) return [];
  const byZone = new Map<string, string[]>();
  for (const { name, type, zone } of report.evidence.questions) if (zone !== undefined) byZone.set(zone, [...(byZone.get(zone) ?? []), `${name} ${type}`]);
  const lines: string[] = [];
  for (const [zone, answered] of byZone) lines.push(...block(`Zone ${zone} answered ${answered.join(', ')}`, 0, c.dim));
  const { sha256, questions } = report.evidence;
  if (sha256 !== undefined) lines.push(c.dim(`Evidence: SHA-256 of the ${questions.length} answers`), c.dim(`  ${sha256}`));
  return lines;
}

/**
 * The verdict and grade, after the domain when they fit on its line. An SPF record that ends in
 * permerror is said here too: no mail passes SPF, so DMARC rests on DKIM alone.
 */
function headline(report: ReportData, c: ChalkInstance): string[] {
  const domain = esc(report.domain);
  if (isInputError(report)) return [`${domain}  ${c.magenta.bold('INVALID INPUT')}`];
  const spfBroken = report.spf?.status === 'invalid' ? ' · SPF permerror' : '';
  const verdict = `${verdictColor(c, report.verdict)(VERDICT_LABEL[report.verdict])}${spfBroken}  grade ${report.grade}`;
  const width = VERDICT_LABEL[report.verdict].length + spfBroken.length + 9;
  if (domain.length + 2 + width <= TEXT_WIDTH) return [`${domain}  ${verdict}`];
  return [...wrapText(domain, TEXT_WIDTH), `  ${verdict}`];
}

/** A human-readable report for one domain, at most 80 columns wide: a headline, each check's part, the findings. */
export function renderText(report: ReportData, c: ChalkInstance): string {
  const lines = headline(report, c);
  for (const check of ALL_CHECKS) {
    const section = sectionIn(report, check.id);
    if (section !== undefined) lines.push(...check.text(section, c));
  }
  lines.push(...findingLines(report, c), ...evidenceLines(report, c));
  return `${lines.join('\n')}\n`;
}
