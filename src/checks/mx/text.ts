import type { ChalkInstance } from 'chalk';
import { block, heading } from '../../render/block.js';
import type { MxSection } from './section.js';

const STATUS: Record<MxSection['status'], string> = {
  ok: 'ok',
  null: 'null MX: receives no mail',
  none: 'none: mail goes to the A/AAAA address',
  error: 'error',
};

/** The MX part of the text report: status, then each host by preference (with its address check, when made). */
export function mxText(mx: MxSection, c: ChalkInstance): string[] {
  const lines = heading('MX', STATUS[mx.status], c.bold);
  const target = new Map(mx.targets?.map((t) => [t.exchange, t.status]));
  for (const host of mx.hosts) {
    const status = target.get(host.exchange);
    lines.push(...block(`${host.preference} ${host.exchange}${status && status !== 'ok' ? ` (${status})` : ''}`, 2, c.dim));
  }
  return lines;
}
