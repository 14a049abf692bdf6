import type { ChalkInstance } from 'chalk';
import { block } from '../../render/block.js';
import { escapeForTerminal as esc } from '../../render/escape.js';
import type { DaneSection } from './section.js';

export function daneText(s: DaneSection, c: ChalkInstance): string[] {
  const lines = [`${c.bold('DANE')}   ${esc(s.status)}${s.mxSecure === false && s.status !== 'none' ? ' · MX not DNSSEC-validated' : ''}`];
  for (const host of s.hosts) {
    const records = host.records.map((r) => `${r.usage} ${r.selector} ${r.matchingType}`).join(', ');
    lines.push(...block(`${host.host}: ${host.status}${records ? ` (${records})` : ''}`, 2, host.status === 'valid' ? c.dim : c.yellow));
  }
  return lines;
}
