import type { ChalkInstance } from 'chalk';
import { block } from '../../render/block.js';
import { escapeForTerminal as esc } from '../../render/escape.js';
import type { DnssecSection } from './section.js';

export function dnssecText(s: DnssecSection, c: ChalkInstance): string[] {
  const counts = (['secure', 'insecure', 'error'] as const).map((status) => `${s.recordSets.filter((set) => set.status === status).length} ${status}`);
  const lines = [`${c.bold('DNSSEC')} ${esc(s.status)} · ${counts.join(', ')}`];
  for (const set of s.recordSets) if (set.status !== 'secure') lines.push(...block(`${set.name} ${set.type}: ${set.status}`, 2, c.dim));
  return lines;
}
