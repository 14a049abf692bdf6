import type { ChalkInstance } from 'chalk';
import { block } from '../../render/block.js';
import { escapeForTerminal as esc } from '../../render/escape.js';
import type { MtaStsSection } from './section.js';

/** The MTA-STS part of the text report: status and id, the policy's mx patterns and max_age, uncovered MX hosts. */
export function mtaStsText(s: MtaStsSection, c: ChalkInstance): string[] {
  const facts = [s.status, ...(s.id ? [`id ${s.id}`] : []), ...(s.policy ? [`max_age ${s.policy.maxAge}`] : [])];
  const lines = [`${c.bold('MTA-STS')} ${esc(facts.join(' · '))}`];
  if (s.policy) lines.push(...block(`mx: ${s.policy.mx.join(' ') || '(none)'}`, 2, c.dim));
  for (const { host, covered } of s.mxCovered ?? []) if (!covered) lines.push(...block(`${host}: not covered`, 2, c.red));
  return lines;
}
