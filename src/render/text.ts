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

/** A human-readable report for one domain, at most 80 columns wide: a headline, each check's part, the findings. */
export function renderText(audit: DomainAudit, c: ChalkInstance): string {
  const headline = `${esc(audit.domain)}  ${verdictColor(c, audit.verdict)(VERDICT_LABEL[audit.verdict])}  grade ${audit.grade}`;
  const lines = [headline];
  const sections = sectionsOf(audit);
  for (const check of ALL_CHECKS) {
    const section = sections.get(check.id);
    if (section !== undefined) lines.push(...check.text(section, c));
  }
  lines.push(...findingLines(audit, c));
  return `${lines.join('\n')}\n`;
}
