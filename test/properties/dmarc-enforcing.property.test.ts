/**
 * "enforcing" is the one verdict that must never be wrong: for any record text, if the audit says a
 * domain's own record enforces, then every receiver following RFC 9989 applies quarantine or reject.
 * The oracle below is written from the RFC text alone (not from our parser): it accepts a record only
 * when no receiver following the RFC has a choice left, i.e. the §4.8 grammar holds everywhere the
 * record is read (an unknown tag is ignored, RFC 9989 §4.7) and p is valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoverDmarc } from '../../src/dmarc/discover.js';
import { createMemoryResolver } from '../../src/dns/memory.js';
import { verdictOf } from '../../src/report/score.js';
import { runs } from './runs.js';

type Policy = 'none' | 'quarantine' | 'reject';
const RANK: Record<Policy, number> = { none: 0, quarantine: 1, reject: 2 };

// RFC 9989 §4.8 value rules (ABNF quoted strings are case-insensitive, RFC 5234 §2.3).
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~%$&'()*+=:@/?#[\]]+([ \t]*![ \t]*[0-9]+[ \t]*[kmgtKMGT]?)?$/;
const VALUE_RULES: Record<string, (value: string) => boolean> = {
  p: (v) => /^(none|quarantine|reject)$/i.test(v),
  sp: (v) => /^(none|quarantine|reject)$/i.test(v),
  np: (v) => /^(none|quarantine|reject)$/i.test(v),
  t: (v) => /^[yn]$/i.test(v),
  psd: (v) => /^[ynu]$/i.test(v),
  adkim: (v) => /^[rs]$/i.test(v),
  aspf: (v) => /^[rs]$/i.test(v),
  fo: (v) => /^[01ds]([ \t]*:[ \t]*[01ds])*$/i.test(v),
  rua: (v) => v.split(/[ \t]*,[ \t]*/).every((uri) => URI.test(uri)),
  ruf: (v) => v.split(/[ \t]*,[ \t]*/).every((uri) => URI.test(uri)),
};

/** The policy every RFC 9989 receiver applies for a record at the domain itself, or null when any may differ. */
function rfcPolicy(text: string): Policy | null {
  const version = /^v[ \t]*=[ \t]*DMARC1[ \t]*(;|$)/i.exec(text);
  if (!version || !/DMARC1/.test(version[0])) return null;
  const fragments = text.slice(version[0].length).split(';');
  const tags = new Map<string, string>();
  for (const [index, fragment] of fragments.entries()) {
    if (/^[ \t]*$/.test(fragment) && index === fragments.length - 1) break; // one trailing ";"
    const tag = /^[ \t]*([A-Za-z]+)[ \t]*=[ \t]*(.*?)[ \t]*$/.exec(fragment);
    if (!tag) return null;
    const name = tag[1] ?? '';
    const value = tag[2] ?? '';
    if (tags.has(name.toLowerCase()) || name.toLowerCase() === 'v') return null; // RFC 6376 §3.2
    tags.set(name.toLowerCase(), value);
    const rule = VALUE_RULES[name.toLowerCase()];
    if (rule && (name !== name.toLowerCase() || !/^[\x20-\x3a\x3c-\x7e]+$/.test(value) || !rule(value))) return null;
  }
  const p = tags.get('p')?.toLowerCase() as Policy | undefined;
  if (!p) return null;
  if (tags.get('t')?.toLowerCase() === 'y') return p === 'reject' ? 'quarantine' : 'none';
  return p;
}

const NAMES = ['v', 'p', 'P', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'fo', 'rua', 'ruf', 'pct', 'rf', 'ri', 'foo', 'x_y', ''];
const VALUES = ['none', 'quarantine', 'reject', 'Reject', 'rejectt', 'y', 'n', 'u', 'Y', 'x', 'r', 's', '0', '01', '1:d', 'd:s', '', '100', '0',
  'mailto:a@example.test', 'mailto:a@example.test!10m', 'mailto:a@example.test,mailto:b@example.test', 'reports@example.test', 'https://r.example.test/d',
  'reject adkim=s', 'DMARC1', 'é', 'none rua=mailto:a@example.test'];
const SEPARATORS = [';', '; ', ' ;', ';;', ' ', '\t', '', ';\t', ',', ':'];
const EQUALS = ['=', ' = ', ':', '', '=='];

const tag = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...EQUALS), fc.constantFrom(...VALUES)).map(([n, e, v]) => `${n}${e}${v}`);
const record = fc
  .tuple(
    fc.constantFrom('v=DMARC1', 'V=DMARC1', 'v = DMARC1', 'v=DMARC1 ', 'v=dmarc1', 'v=DMARC10'),
    fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), tag), { maxLength: 8 }),
    fc.constantFrom('', ';', '; ', ';;'),
  )
  .map(([head, parts, tail]) => `${head}${parts.map(([sep, t]) => `${sep}${t}`).join('')}${tail}`);

async function check(text: string): Promise<void> {
  const discovery = await discoverDmarc('example.test', createMemoryResolver({ '_dmarc.example.test': { TXT: [text] } }));
  if (verdictOf(discovery) !== 'enforcing') return;
  const expected = rfcPolicy(text);
  expect(expected === 'quarantine' || expected === 'reject', `"${text}" reported enforcing; RFC receivers apply ${expected}`).toBe(true);
  expect(RANK[discovery.effectivePolicy ?? 'none']).toBeLessThanOrEqual(RANK[expected ?? 'none']);
}

describe('verdict enforcing is never overstated', () => {
  it('holds for generated tag lists', async () => {
    await fc.assert(fc.asyncProperty(record, check), { numRuns: runs(3000) });
  });

  it('holds for arbitrary text after "v=DMARC1"', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 80 }).map((rest) => `v=DMARC1${rest}`), check), { numRuns: runs(2000) });
  });

  it('the oracle itself tells the issue\'s cases apart', () => {
    expect(rfcPolicy('v=DMARC1; p=reject')).toBe('reject');
    expect(rfcPolicy('v=DMARC1 p=reject')).toBeNull();
    expect(rfcPolicy('v=DMARC1; p=reject; adkim=x')).toBeNull();
    expect(rfcPolicy('v=DMARC1; p=reject; foo=bar')).toBe('reject');
    expect(rfcPolicy('v=DMARC1; p=reject; t=y')).toBe('quarantine');
  });
});
