import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpfRecord } from '../../src/spf/parse.js';
import { runs } from './runs.js';

const TOKENS = [
  'v=spf1', ' ', '  ', '+', '-', '~', '?', 'all', 'include:', 'a', 'mx', 'ptr', 'exists:', 'ip4:', 'ip6:', 'redirect=', 'exp=', ':', '/', '//',
  '24', '0', '128', '192.0.2.1', '2001:db8::1', '::ffff:1.2.3.4', 'example.com', '.', '%{d}', '%{i}', '%{ir}', '%{l1r-}', '%{s}', '%%', '%_', '%-',
  '%', '%{', '}', '=', 'x', 'é', '\u0000', '\u001b[31m', '\u202e',
];

/** Token soup that starts like an SPF record, so the term parser is exercised, not only selection. */
const spfish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => `v=spf1 ${tokens.join('')}`);

function checkInvariants(text: string): void {
  const result = parseSpfRecord(text);
  expect(Array.isArray(result.errors)).toBe(true);
  for (const error of result.errors) expect(typeof error.detail).toBe('string');
}

describe('parseSpfRecord properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600 }), checkInvariants), { numRuns: runs(2000) });
  });

  it('never throws on SPF-ish token soup', () => {
    fc.assert(fc.property(spfish, checkInvariants), { numRuns: runs(3000) });
  });

  it('stays bounded on a huge record', () => {
    checkInvariants(`v=spf1 ${'include:%{ir}.%{l1r-}.example.com '.repeat(3000)}${'ip4:192.0.2.0/24 '.repeat(3000)}-all`);
  });
});
