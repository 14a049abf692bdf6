import type { ChalkInstance } from 'chalk';
import { ALL_CHECKS } from '../checks/registry.js';
import { sectionIn, type ReportData } from '../report/report.js';
import type { Verdict } from '../report/schema.js';
import { block, TEXT_WIDTH } from './block.js';
import { escapeForTerminal as esc } from './escape.js';
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
  const icon = { error: c.red('✖'), warning: c.yellow('▲'), info: c.blue('ℹ') };
  for (const f of report.findings) {
    const [first = '', ...rest] = wrapText(esc(`${f.code}: ${f.message} [${f.ref}]`), TEXT_WIDTH - 4);
    lines.push(`  ${icon[f.severity]} ${first}`, ...rest.map((line) => `    ${line}`));
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

/** A human-readable report for one domain, at most 80 columns wide: a headline, each check's part, the findings. */
export function renderText(report: ReportData, c: ChalkInstance): string {
  const headline = `${esc(report.domain)}  ${verdictColor(c, report.verdict)(VERDICT_LABEL[report.verdict])}  grade ${report.grade}`;
  const lines = [headline];
  for (const check of ALL_CHECKS) {
    const section = sectionIn(report, check.id);
    if (section !== undefined) lines.push(...check.text(section, c));
  }
  lines.push(...findingLines(report, c), ...evidenceLines(report, c));
  return `${lines.join('\n')}\n`;
}
