import type { ChalkInstance } from 'chalk';
import { block, heading } from '../../render/block.js';
import type { DmarcSection } from './section.js';

/** The DMARC part of the text report: status, policy, where it came from, and the record. */
export function dmarcText(d: DmarcSection, c: ChalkInstance): string[] {
  const facts: string[] = [d.status];
  if (d.policy) facts.push(`p=${d.policy}`);
  if (d.effectivePolicy) facts.push(`effective ${d.effectivePolicy}${d.appliedTag ? ` (${d.appliedTag})` : ''}`);
  if (d.source) facts.push(d.inherited ? `inherited from ${d.source}` : d.source);
  const lines = heading('DMARC', facts.join(' · '), c.bold);
  if (d.record !== null) lines.push(...block(d.record, 2, c.dim));
  return lines;
}
