import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDmarcRecord } from '../../src/dmarc/parse.js';
import { runs } from './runs.js';

const TOKENS = [
  'v', 'V', 'DMARC1', 'dmarc1', '=', ';', ' ', '\t', ',', ':', '!', '%', '%2', '@', 'p', 'sp', 'np', 'psd', 't', 'fo', 'rua', 'ruf',
  'pct', 'rf', 'ri', 'adkim', 'aspf', 'none', 'reject', 'quarantine', 'y', 'n', 'u', 'r', 's', '0', '1', 'd', '10m', '100', 'mailto:',
  'mailto:a@example.com', 'a@b', 'https://x', '..', 'xn--', 'é', '\u0000', '\u202e',
];

/** Token soup that starts like a DMARC record, so the tag parser is exercised, not only selection. */
const dmarcish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => `v=DMARC1;${tokens.join('')}`);

function checkInvariants(text: string): void {
  const result = parseDmarcRecord(text);
  for (const issue of [...result.errors, ...result.warnings]) {
    expect(issue.detail.length).toBeLessThanOrEqual(300);
    expect(issue.position).toBeGreaterThanOrEqual(0);
    expect(issue.position).toBeLessThanOrEqual(text.length);
  }
  if (result.disposition !== 'applies') expect(result.errors.length).toBeGreaterThan(0);
}

describe('parseDmarcRecord properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkInvariants), { numRuns: runs(2000) });
  });

  it('never throws on DMARC-ish token soup', () => {
    fc.assert(fc.property(dmarcish, checkInvariants), { numRuns: runs(3000) });
  });

  it('stays bounded on huge records', () => {
    const huge = `v=DMARC1; p=none; rua=${'mailto:a@example.com,'.repeat(3000)}; ${'x=y;'.repeat(3000)}`;
    checkInvariants(huge);
  });
});
