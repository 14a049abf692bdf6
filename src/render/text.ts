import type { ChalkInstance } from 'chalk';
import { ALL_CHECKS } from '../checks/registry.js';
import { describeFinding } from '../findings/describe.js';
import type { DomainAudit } from '../engine/audit.js';
import { sectionsOf } from '../report/report.js';
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

function findingLines(audit: DomainAudit, c: ChalkInstance): string[] {
  if (audit.findings.length === 0) return [c.green('No findings.')];
  const lines = [c.bold(`Findings (${audit.findings.length})`)];
  const icon = { error: c.red('✖'), warning: c.yellow('▲'), info: c.blue('ℹ') };
  for (const data of audit.findings) {
    const f = describeFinding(data);
    const [first = '', ...rest] = wrapText(esc(`${f.code}: ${f.message} [${f.ref}]`), TEXT_WIDTH - 4);
    lines.push(`  ${icon[f.severity]} ${first}`, ...rest.map((line) => `    ${line}`));
    lines.push(...block(`→ ${f.fix}`, 4, c.cyan));
  }
  return lines;
}

/** With --zone: which answers a zone file gave, per file; with --evidence: the digest. */
function evidenceLines(audit: DomainAudit, c: ChalkInstance): string[] {
  if (!audit.evidence) return [];
  const byZone = new Map<string, string[]>();
  for (const { name, type, zone } of audit.evidence.questions) if (zone !== undefined) byZone.set(zone, [...(byZone.get(zone) ?? []), `${name} ${type}`]);
  const lines: string[] = [];
  for (const [zone, answered] of byZone) lines.push(...block(`Zone ${zone} answered ${answered.join(', ')}`, 0, c.dim));
  const { sha256, questions } = audit.evidence;
  if (sha256 !== undefined) lines.push(c.dim(`Evidence: SHA-256 of the ${questions.length} answers`), c.dim(`  ${sha256}`));
  return lines;
}

/** A human-readable report for one domain, at most 80 columns wide: a headline, each check's part, the findings. */
export function renderText(audit: DomainAudit, c: ChalkInstance): string {
  const headline = `${esc(audit.domain)}  ${verdictColor(c, audit.verdict)(VERDICT_LABEL[audit.verdict])}  grade ${audit.grade}`;
  const lines = [headline];
  const sections = sectionsOf(audit);
  for (const check of ALL_CHECKS) {
    const section = sections.get(check.id);
    if (section !== undefined) lines.push(...check.text(section, c));
  }
  lines.push(...findingLines(audit, c), ...evidenceLines(audit, c));
  return `${lines.join('\n')}\n`;
}
