import type { ChalkInstance } from 'chalk';
import type { AuditReport, Verdict } from '../report/schema.js';
import { escapeForTerminal as esc } from './escape.js';
import { wrapText } from './wrap.js';

const WIDTH = 80;

type SpfTree = NonNullable<AuditReport['spf']['tree']>;

const VERDICT_LABEL: Record<Verdict, string> = {
  enforcing: 'ENFORCING',
  monitoring: 'MONITORING ONLY (p=none)',
  unprotected: 'UNPROTECTED',
  error: 'UNKNOWN (DNS error)',
};

function verdictColor(c: ChalkInstance, verdict: Verdict): (text: string) => string {
  return { enforcing: c.green.bold, monitoring: c.yellow.bold, unprotected: c.red.bold, error: c.magenta.bold }[verdict];
}

/** Indents wrapped text so it stays within 80 columns. */
function block(text: string, indent: number, color: (s: string) => string = (s) => s): string[] {
  const pad = ' '.repeat(indent);
  return wrapText(esc(text), WIDTH - indent).map((line) => pad + color(line));
}

function dmarcLines(report: AuditReport, c: ChalkInstance): string[] {
  const d = report.dmarc;
  const facts: string[] = [d.status];
  if (d.policy) facts.push(`p=${d.policy}`);
  if (d.effectivePolicy) facts.push(`effective ${d.effectivePolicy}${d.appliedTag ? ` (${d.appliedTag})` : ''}`);
  if (d.source) facts.push(d.inherited ? `inherited from ${d.source}` : d.source);
  const lines = [`${c.bold('DMARC')}  ${esc(facts.join(' · '))}`];
  if (d.record !== null) lines.push(...block(d.record, 2, c.dim));
  return lines;
}

function lookupsInside(node: SpfTree): number {
  return node.terms.reduce((sum, term) => sum + term.lookups + (term.child ? lookupsInside(term.child) : 0), 0);
}

/** Each term with the running lookup count where it is evaluated, so the count grows top to bottom. */
function treeLines(node: SpfTree, depth: number, c: ChalkInstance): string[] {
  const lines: string[] = [];
  for (const term of node.terms) {
    const pad = '  '.repeat(depth + 2);
    const notes: string[] = [];
    const inside = term.child ? lookupsInside(term.child) : 0;
    if (term.lookups > 0) notes.push(`+${term.lookups} = ${term.cumulativeLookups - inside}`);
    if (inside > 0) notes.push(`+${inside} inside`);
    if (term.void) notes.push('void');
    if (term.error) notes.push(`error: ${term.error}`);
    if (term.note) notes.push(term.note);
    const suffix = notes.length > 0 ? ` [${notes.join('; ')}]` : '';
    const text = `${term.term}${suffix}`;
    const color = term.error ? c.red : term.void ? c.yellow : (s: string) => s;
    lines.push(...wrapText(esc(text), WIDTH - pad.length).map((line) => pad + color(line)));
    if (term.child) lines.push(...treeLines(term.child, depth + 1, c));
  }
  return lines;
}

function spfLines(report: AuditReport, c: ChalkInstance): string[] {
  const s = report.spf;
  const facts: string[] = [s.status];
  if (s.record !== null) {
    const atLeast = s.truncated ? 'at least ' : '';
    facts.push(`${atLeast}${s.dnsLookups}/10 lookups`, `${atLeast}${s.voidLookups}/2 void`, s.all ?? 'no all');
  }
  const lines = [`${c.bold('SPF')}    ${esc(facts.join(' · '))}`];
  if (s.record !== null) lines.push(...block(s.record, 2, c.dim));
  if (s.tree && s.tree.terms.some((t) => t.lookups > 0)) {
    lines.push('  lookup tree:', ...treeLines(s.tree, 0, c));
  }
  return lines;
}

function findingLines(report: AuditReport, c: ChalkInstance): string[] {
  if (report.findings.length === 0) return [c.green('No findings.')];
  const lines = [c.bold(`Findings (${report.findings.length})`)];
  const icon = { error: c.red('✖'), warning: c.yellow('▲'), info: c.blue('ℹ') };
  for (const f of report.findings) {
    const [first = '', ...rest] = wrapText(esc(`${f.code}: ${f.message} [${f.ref}]`), WIDTH - 4);
    lines.push(`  ${icon[f.severity]} ${first}`, ...rest.map((line) => `    ${line}`));
    lines.push(...block(`→ ${f.fix}`, 4, c.cyan));
  }
  return lines;
}

/** With --zone: which answers a zone file gave, per file; with --evidence: the digest. */
function evidenceLines(report: AuditReport, c: ChalkInstance): string[] {
  if (!report.evidence) return [];
  const byZone = new Map<string, string[]>();
  for (const { name, type, zone } of report.evidence.questions) if (zone !== undefined) byZone.set(zone, [...(byZone.get(zone) ?? []), `${name} ${type}`]);
  const lines: string[] = [];
  for (const [zone, answered] of byZone) lines.push(...block(`Zone ${zone} answered ${answered.join(', ')}`, 0, c.dim));
  const { sha256, questions } = report.evidence;
  if (sha256 !== undefined) lines.push(c.dim(`Evidence: SHA-256 of the ${questions.length} answers`), c.dim(`  ${sha256}`));
  return lines;
}

/** A human-readable report for one domain, at most 80 columns wide. */
export function renderText(report: AuditReport, c: ChalkInstance): string {
  const headline = `${esc(report.domain)}  ${verdictColor(c, report.verdict)(VERDICT_LABEL[report.verdict])}  grade ${report.grade}`;
  return [headline, ...dmarcLines(report, c), ...spfLines(report, c), ...findingLines(report, c), ...evidenceLines(report, c)].join('\n') + '\n';
}
