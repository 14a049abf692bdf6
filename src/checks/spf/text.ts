import type { ChalkInstance } from 'chalk';
import { block, heading, TEXT_WIDTH } from '../../render/block.js';
import { escapeForTerminal as esc } from '../../render/escape.js';
import { wrapText } from '../../render/wrap.js';
import type { SpfNode } from '../../spf/types.js';
import type { SpfSection } from './section.js';

function lookupsInside(node: SpfNode): number {
  return node.terms.reduce((sum, term) => sum + term.lookups + (term.child ? lookupsInside(term.child) : 0), 0);
}

/** Each term with the running lookup count where it is evaluated, so the count grows top to bottom. */
function treeLines(node: SpfNode, depth: number, c: ChalkInstance): string[] {
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
    const color = term.error ? c.red : term.void ? c.yellow : (s: string) => s;
    lines.push(...wrapText(esc(`${term.term}${suffix}`), TEXT_WIDTH - pad.length).map((line) => pad + color(line)));
    if (term.child) lines.push(...treeLines(term.child, depth + 1, c));
  }
  return lines;
}

/** The SPF part of the text report: status, lookup counts, the record and its lookup tree. */
export function spfText(s: SpfSection, c: ChalkInstance): string[] {
  const facts: string[] = [s.status];
  if (s.record !== null) {
    const atLeast = s.truncated ? 'at least ' : '';
    facts.push(`${atLeast}${s.dnsLookups}/10 lookups`, `${atLeast}${s.voidLookups}/2 void`, s.all ?? 'no all');
  }
  const lines = heading('SPF', facts.join(' · '), c.bold);
  if (s.record !== null) lines.push(...block(s.record, 2, c.dim));
  if (s.tree && s.tree.terms.some((t) => t.lookups > 0)) lines.push('  lookup tree:', ...treeLines(s.tree, 0, c));
  return lines;
}
