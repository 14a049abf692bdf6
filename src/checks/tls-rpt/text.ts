import type { ChalkInstance } from 'chalk';
import { block } from '../../render/block.js';
import { escapeForTerminal as esc } from '../../render/escape.js';
import type { TlsRptSection } from './section.js';

export function tlsRptText(s: TlsRptSection, c: ChalkInstance): string[] {
  return [`${c.bold('TLS-RPT')} ${esc(s.status)}`, ...(s.record === null ? [] : block(s.record, 2, c.dim))];
}
