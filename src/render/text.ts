import type { ChalkInstance } from 'chalk';
import { ALL_CHECKS } from '../checks/registry.js';
import { describeFinding } from '../findings/describe.js';
import type { DomainAudit } from '../engine/audit.js';
import { sectionsOf } from '../report/report.js';
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

function findingLines(audit: DomainAudit, c: ChalkInstance): string[] {
  if (audit.findings.length === 0) return [c.green('No findings.')];
  const lines = [c.bold(`Findings (${audit.findings.length})`)];
  for (const data of audit.findings) {
    const f = describeFinding(data);
    const [first = '', ...rest] = wrapText(esc(`${f.code}: ${f.message} [${f.ref}]`), TEXT_WIDTH - 4);
    lines.push(`  ${severityMark(f.severity, c)} ${first}`, ...rest.map((line) => `    ${line}`));
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

/**
 * The verdict and grade, after the domain when they fit on its line. An SPF record that ends in
 * permerror is said here too: no mail passes SPF, so DMARC rests on DKIM alone.
 */
function headline(audit: DomainAudit, c: ChalkInstance): string[] {
  const domain = esc(audit.domain);
  if (isInputError(audit)) return [`${domain}  ${c.magenta.bold('INVALID INPUT')}`];
  const spfBroken = audit.results.spf?.status === 'invalid' ? ' · SPF permerror' : '';
  const verdict = `${verdictColor(c, audit.verdict)(VERDICT_LABEL[audit.verdict])}${spfBroken}  grade ${audit.grade}`;
  const width = VERDICT_LABEL[audit.verdict].length + spfBroken.length + 9;
  if (domain.length + 2 + width <= TEXT_WIDTH) return [`${domain}  ${verdict}`];
  return [...wrapText(domain, TEXT_WIDTH), `  ${verdict}`];
}

/** A human-readable report for one domain, at most 80 columns wide: a headline, each check's part, the findings. */
export function renderText(audit: DomainAudit, c: ChalkInstance): string {
  const lines = headline(audit, c);
  const sections = sectionsOf(audit);
  for (const check of ALL_CHECKS) {
    const section = sections.get(check.id);
    if (section !== undefined) lines.push(...check.text(section, c));
  }
  lines.push(...findingLines(audit, c), ...evidenceLines(audit, c));
  return `${lines.join('\n')}\n`;
}
