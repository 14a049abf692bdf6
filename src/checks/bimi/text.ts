import type { ChalkInstance } from 'chalk';
import { block } from '../../render/block.js';
import { escapeForTerminal as esc } from '../../render/escape.js';
import type { BimiSection } from './section.js';

export function bimiText(s: BimiSection, c: ChalkInstance): string[] {
  const facts = [s.status, ...(s.dmarcReady === false ? ['DMARC not ready'] : []), ...(s.logoStatus ? [`logo ${s.logoStatus}`] : []), ...(s.certificateStatus ? [`certificate ${s.certificateStatus}`] : [])];
  return [`${c.bold('BIMI')}   ${esc(facts.join(' · '))}`, ...(s.record === null ? [] : block(s.record, 2, c.dim))];
}
