import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDomain } from '../../src/domain/normalize.js';
import { runs } from './runs.js';

/** Pieces of domain-like input, hostile and benign: IDN forms, dots of other scripts, controls, URL and address syntax. */
const PIECES = ['a', 'z', '0', '-', '.', '。', '．', '｡', 'ü', 'u\u0308', 'Ü', 'xn--', 'xn--bcher-kva', '_', '*', '@', ':', '/', '[', ']', ' ', '\t', '\u0000', '\u200b', '\ufeff', '\u202e', '\ud800', 'https://', 'example', 'com', '1', '255'];
const domainish = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join(''));
/** Names made of host-name characters only, many of them already normalized. */
const label = fc.array(fc.constantFrom('a', 'q', '0', '7', '-', 'xn--', 'x'.repeat(30)), { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join(''));
const hostish = fc.array(label, { minLength: 1, maxLength: 9 }).map((labels) => labels.join('.'));

function checkInvariants(input: string): void {
  const result = normalizeDomain(input);
  if (!result.ok) {
    expect(result.error.length).toBeGreaterThan(0);
    return;
  }
  // What we query is plain lower-case ASCII within the DNS limits, and normalising it again changes nothing.
  expect(result.domain).toMatch(/^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/);
  expect(result.domain.length).toBeLessThanOrEqual(253);
  expect(normalizeDomain(result.domain)).toEqual(result);
}

describe('normalizeDomain properties', () => {
  it('never throws on arbitrary strings, and what it accepts is a valid query name', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkInvariants), { numRuns: runs(2000) });
  });

  it('never throws on domain-like pieces', () => {
    fc.assert(fc.property(domainish, checkInvariants), { numRuns: runs(5000) });
  });

  it('takes the short cut for a name only when the full path would give the same name', () => {
    // A trailing dot or upper case never matches the short cut, so these go the whole way.
    fc.assert(
      fc.property(fc.oneof(domainish, hostish), (input) => {
        const result = normalizeDomain(input);
        if (!result.ok || result.domain !== input) return;
        expect(normalizeDomain(`${input}.`)).toEqual(result);
        expect(normalizeDomain(input.toUpperCase())).toEqual(result);
      }),
      { numRuns: runs(5000) },
    );
  });
});
