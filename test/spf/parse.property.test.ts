import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpfRecord } from '../../src/spf/parse.js';

const TOKENS = [
  'v=spf1', 'V=SPF1', ' ', '  ', '\t', '+', '-', '~', '?', 'all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists', 'redirect',
  'exp', 'x', ':', '=', '/', '//', '.', '..', '%', '%{', '}', '%%', '%_', '%-', '%{d}', '%{i}', '%{L2r-}', '%{c}', 'r', '0', '1',
  '24', '33', '129', '032', '192.0.2.1', '::', '::1', 'ffff', '2001:db8', '1.2.3', 'example.com', 'com', '-com', 'xn--zz', '123',
  'é', '\u0000', '\r', '\uFEFF',
];

/** Token soup after a valid version, so the term parser is exercised, not only the version check. */
const spfish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => `v=spf1 ${tokens.join('')}`);

function checkInvariants(text: string): void {
  const result = parseSpfRecord(text);
  for (const error of result.errors) {
    expect(error.detail.length).toBeGreaterThan(0);
    expect(text).toContain(error.term);
  }
  // Every non-empty term is accounted for exactly once: parsed or reported.
  if (/^v=spf1( |$)/i.test(text)) {
    const written = text.slice(6).split(' ').filter((term) => term !== '');
    expect(result.terms.length + result.errors.length).toBe(written.length);
  } else {
    expect(result.errors).toHaveLength(1);
  }
}

describe('parseSpfRecord properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkInvariants), { numRuns: 2000 });
  });

  it('never throws on SPF-ish token soup', () => {
    fc.assert(fc.property(spfish, checkInvariants), { numRuns: 3000 });
  });

  it('stays fast on huge records', () => {
    const started = Date.now();
    checkInvariants(`v=spf1 ${'ip4:192.0.2.1 include:%{d}.example.com '.repeat(5000)}${'%{d}'.repeat(10000)}`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
