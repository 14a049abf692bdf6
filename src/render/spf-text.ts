/** Text views of `dmarc-audit spf`: the SPF tree with its lookups and advice, and a check_host() evaluation. */
import type { ChalkInstance } from 'chalk';
import { describeFinding } from '../findings/describe.js';
import type { CheckHostResult, SpfResult, TraceStep } from '../spf/check-host.js';
import type { SpfAdvice } from '../spf/explain.js';
import type { SpfAnalysis, SpfNode } from '../spf/types.js';
import { escapeForTerminal as esc } from './escape.js';
import { severityMark, SEVERITY_ORDER } from './severity.js';
import { wrapText } from './wrap.js';

const WIDTH = 80;

/**
 * Wraps escaped text to 80 columns behind `prefix` (plain text, for its width); the first line
 * shows `shown` instead when given (the same width, possibly coloured), the rest blanks.
 */
function lines(prefix: string, text: string, style: (s: string) => string = (s) => s, shown = prefix): string[] {
  const pad = ' '.repeat(prefix.length);
  return wrapText(esc(text), WIDTH - prefix.length).map((line, index) => (index === 0 ? shown : pad) + style(line));
}

export function renderSpfTree(domain: string, analysis: SpfAnalysis, advice: SpfAdvice, c: ChalkInstance): string {
  const facts = [
    analysis.status,
    `${analysis.dnsLookups}/${advice.limit} lookups${analysis.truncated ? ' (at least)' : ''}`,
    `${analysis.voidLookups}/2 void`,
    `all ${analysis.all ?? 'none'}`,
  ];
  const out = lines('SPF  ', `${domain} · ${facts.join(' · ')}`, c.bold);
  if (analysis.tree) {
    out.push('', `${c.dim('   #')}  term`);
    out.push(...treeLines(analysis.tree, 0, { count: 0 }, advice.limit, c));
  }
  const findings = analysis.findings.map(describeFinding).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  if (findings.length > 0) {
    out.push('', c.bold('Findings'));
    for (const f of findings) {
      out.push(...lines('    ', `${f.code}: ${f.message} [${f.ref}]`, undefined, `  ${severityMark(f.severity, c)} `));
    }
  }
  if (advice.advice.length > 0) {
    out.push('', c.bold('Advice'));
    for (const line of advice.advice) out.push(...lines('  - ', line));
  }
  return `${out.join('\n')}\n`;
}

/** One line per term: its number among the counted lookups, the term indented by depth, what happened. */
function treeLines(node: SpfNode, depth: number, running: { count: number }, limit: number, c: ChalkInstance): string[] {
  const out: string[] = [];
  for (const term of node.terms) {
    running.count += term.lookups;
    const over = term.lookups > 0 && running.count > limit;
    const number = term.lookups > 0 ? String(running.count).padStart(4) : '    ';
    const flags: string[] = [];
    if (over) flags.push(c.red('over the limit'));
    if (term.void) flags.push(c.yellow('void'));
    const inside = term.child ? subtreeLookups(term.child) : 0;
    if (inside > 0) flags.push(c.dim(`+${inside} inside`));
    const prefix = `${over ? c.red(number) : number}  ${'  '.repeat(depth)}`;
    const width = 6 + depth * 2;
    const text = wrapText(esc(term.term), Math.max(20, WIDTH - width));
    text.forEach((line, index) => {
      const tail = index === text.length - 1 && flags.length > 0 ? `  ${flags.join(' ')}` : '';
      out.push((index === 0 ? prefix : ' '.repeat(width)) + line + tail);
    });
    const indent = ' '.repeat(width + 2);
    if (term.error) out.push(...lines(indent, term.error, c.red));
    if (term.note) out.push(...lines(indent, term.note, c.dim));
    if (term.child) out.push(...treeLines(term.child, depth + 1, running, limit, c));
  }
  return out;
}

function subtreeLookups(node: SpfNode): number {
  return node.terms.reduce((sum, t) => sum + t.lookups + (t.child ? subtreeLookups(t.child) : 0), 0);
}

function resultColor(c: ChalkInstance, result: SpfResult): (text: string) => string {
  const colors: Record<SpfResult, (text: string) => string> = {
    pass: c.green.bold,
    fail: c.red.bold,
    softfail: c.yellow.bold,
    neutral: c.bold,
    none: c.bold,
    permerror: c.magenta.bold,
    temperror: c.magenta.bold,
  };
  return colors[result];
}

const STEP_MARK: Record<TraceStep['outcome'], string> = {
  record: '•',
  match: '✓',
  'no-match': '·',
  redirect: '↪',
  default: '∅',
  error: '✗',
  explanation: 'i',
};

export function renderCheckHost(result: CheckHostResult, helo: string | undefined, c: ChalkInstance): string {
  const out: string[] = [];
  out.push(...lines('SPF  ', `check_host(${result.ip}, ${result.domain}, ${result.sender})${helo ? ` HELO ${helo}` : ''}`, c.bold));
  out.push('', `Result       ${resultColor(c, result.result)(result.result.toUpperCase())}`);
  if (result.mechanism) out.push(...lines('Matched      ', `${result.mechanism} in ${result.mechanismDomain ?? result.domain}`));
  out.push(...lines('Reason       ', result.reason));
  if (result.explanation !== null) {
    const source = result.explanationSource === 'exp' ? "the domain's exp= text" : 'default; the domain gives none';
    out.push(...lines('Explanation  ', `${result.explanation} (${source})`));
  }
  out.push(`Lookups      ${result.lookups}/10 DNS terms, ${result.voidLookups}/2 void`);
  out.push('', c.bold('Trace'));
  for (const step of result.trace) {
    const head = `  ${'  '.repeat(step.depth)}${STEP_MARK[step.outcome]} `;
    const label = step.term ?? (step.outcome === 'record' ? step.domain : step.outcome);
    out.push(...lines(head, label, step.outcome === 'error' ? c.red : step.outcome === 'match' ? c.green : (s) => s));
    out.push(...lines(' '.repeat(head.length + 2), step.detail, c.dim));
  }
  return `${out.join('\n')}\n`;
}
