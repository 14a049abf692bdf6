import type { ChalkInstance } from 'chalk';
import { block, heading } from '../../render/block.js';
import type { DkimSection } from './section.js';

/** `selector:type:bits` (or `selector:revoked`, `selector:invalid`), as the CSV column and the text show a key. */
export function keySummary(key: DkimSection['selectors'][number]): string {
  return key.status === 'valid' ? `${key.selector}:${key.keyType ?? '?'}:${key.keyBits ?? '?'}` : `${key.selector}:${key.status}`;
}

/** The DKIM part of the text report: status, then each key found with its record. */
export function dkimText(d: DkimSection, c: ChalkInstance): string[] {
  const facts = d.status === 'not-found' ? `not found (${d.probedSelectors.length} selectors probed)` : d.status;
  const lines = heading('DKIM', facts, c.bold);
  for (const key of d.selectors) {
    lines.push(...block(`${keySummary(key)}${key.testing ? ' (testing)' : ''}`, 2));
    lines.push(...block(key.record, 4, c.dim));
  }
  return lines;
}
