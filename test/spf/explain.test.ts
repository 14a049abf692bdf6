import { describe, expect, it } from 'vitest';
import type { MemoryZone } from '../../src/dns/memory.js';
import { analyzeSpf } from '../../src/spf/analyze.js';
import { adviseSpf, FLATTENING_RISK } from '../../src/spf/explain.js';
import { txt, zoneResolver } from './helpers.js';

const ZONE: MemoryZone = {
  'heavy.test': { TXT: ['v=spf1 a mx include:ranges.test include:hosts.test include:nested.test -all'], A: ['192.0.2.1'], MX: [{ preference: 10, exchange: 'heavy.test' }] },
  'ranges.test': txt('v=spf1 include:r1.test include:r2.test ~all'),
  'r1.test': txt('v=spf1 ip4:198.51.100.0/24 ip4:198.51.100.0/24 ~all'),
  'r2.test': txt('v=spf1 +ip6:2001:db8:10::/48 -all'),
  'hosts.test': txt('v=spf1 a:h.test a:h.test a:h.test mx:heavy.test ~all'),
  'h.test': { A: ['192.0.2.40'] },
  'nested.test': txt('v=spf1 include:n1.test ip4:203.0.113.128/25 ?all'),
  'n1.test': txt('v=spf1 ip4:203.0.113.0/25 -all'),
  'light.test': txt('v=spf1 include:ranges.test include:negated.test include:open.test include:void.test ~all'),
  'negated.test': txt('v=spf1 -ip4:192.0.2.0/24 +all'),
  'open.test': txt('v=spf1 ip4:192.0.2.0/24 +all'),
  'void.test': txt('v=spf1 a:gone.test ~all'),
  'repeats.test': txt('v=spf1 include:ranges.test a:h.test include:ranges.test +include:RANGES.test A:h.test ip4:192.0.2.1 ip4:192.0.2.1 ~all'),
};

const advise = async (domain: string) => adviseSpf(await analyzeSpf(domain, zoneResolver(ZONE)));

describe('adviseSpf', () => {
  it('names the first term past the limit of 10 and every one after it', async () => {
    const advice = await advise('heavy.test');
    expect(advice.lookups).toBe(12);
    expect(advice.overLimit).toEqual([
      { domain: 'heavy.test', term: 'include:nested.test', count: 11 },
      { domain: 'nested.test', term: 'include:n1.test', count: 12 },
    ]);
    expect(advice.advice[0]).toContain('when they reach include:nested.test in heavy.test (lookup 11). Remove at least 2.');
  });

  it.each([
    { term: 'include:hosts.test', lookups: 5, flattenable: false, ranges: [], blocker: 'a:h.test in hosts.test (a is resolved at evaluation time)' },
    { term: 'include:ranges.test', lookups: 3, flattenable: true, ranges: ['ip4:198.51.100.0/24', 'ip6:2001:db8:10::/48'], blocker: undefined },
    { term: 'include:nested.test', lookups: 2, flattenable: true, ranges: ['ip4:203.0.113.0/25', 'ip4:203.0.113.128/25'], blocker: undefined },
  ])('costs $term at $lookups lookups, flattenable: $flattenable', async ({ term, lookups, flattenable, ranges, blocker }) => {
    const advice = await advise('heavy.test');
    const include = advice.includes.find((i) => i.term === term);
    expect(include).toMatchObject({ lookups, flattenable, ranges });
    if (blocker) expect(include?.blockers).toContain(blocker);
    // Costliest first.
    expect(advice.includes.map((i) => i.lookups)).toEqual([5, 3, 2]);
  });

  it.each([
    'Replace include:ranges.test (3 lookups) by its 2 ip4/ip6 ranges: saves 3.',
    'Replace include:nested.test (2 lookups) by its 2 ip4/ip6 ranges: saves 2.',
    'Flattening all of these would bring the tree to 7 lookups.',
    FLATTENING_RISK,
  ])('advises %j', async (line) => {
    expect((await advise('heavy.test')).advice).toContain(line);
  });

  it.each([
    { term: 'include:negated.test', blocker: '-ip4:192.0.2.0/24 in negated.test (a qualified range changes the result, not just the addresses)' },
    { term: 'include:open.test', blocker: '+all in open.test (+all passes every address)' },
    { term: 'include:void.test', blocker: 'a:gone.test in void.test (a is resolved at evaluation time)' },
  ])('does not flatten $term', async ({ term, blocker }) => {
    const include = (await advise('light.test')).includes.find((i) => i.term === term);
    expect(include?.flattenable).toBe(false);
    expect(include?.blockers).toContain(blocker);
  });

  it('reports the lookups left and void terms when under the limit', async () => {
    const advice = await advise('light.test');
    expect(advice.overLimit).toEqual([]);
    expect(advice.advice[0]).toBe('7 of 10 DNS lookups used; 3 left for new senders.');
    expect(advice.voidTerms).toEqual([{ domain: 'void.test', term: 'a:gone.test' }]);
    expect(advice.advice).toContain('a:gone.test in void.test finds nothing in DNS (a void lookup; more than 2 are a permerror): remove or fix it.');
  });

  it('says how often a term is repeated and how many to remove, before any flattening, and costs a repeated include once', async () => {
    const advice = await advise('repeats.test');
    expect(advice.lookups).toBe(11);
    // Ranges cost no lookup, so their repeat is not advice about lookups.
    expect(advice.repeated).toEqual([
      { term: 'include:ranges.test', count: 3, lookups: 6 },
      { term: 'a:h.test', count: 2, lookups: 1 },
    ]);
    expect(advice.includes.map((i) => [i.term, i.lookups])).toEqual([['include:ranges.test', 3]]);
    expect(advice.advice.slice(1)).toEqual([
      'include:ranges.test appears 3 times in the record: remove 2 (saves 6 lookups); a repeat can only match where the first already did.',
      'a:h.test appears 2 times in the record: remove 1 (saves 1 lookup); a repeat can only match where the first already did.',
      'Replace include:ranges.test (3 lookups) by its 2 ip4/ip6 ranges: saves 3.',
      'Removing the repeats and flattening all of these would bring the tree to 1 lookup.',
      FLATTENING_RISK,
    ]);
  });

  it('has nothing to count without a record', async () => {
    const advice = await advise('nowhere.test');
    expect(advice).toMatchObject({ lookups: 0, overLimit: [], repeated: [], includes: [], advice: [] });
  });
});
