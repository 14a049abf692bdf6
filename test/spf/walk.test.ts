import { describe, expect, it } from 'vitest';
import type { MemoryZone } from '../../src/dns/memory.js';
import { analyzeSpf } from '../../src/spf/analyze.js';
import { MAX_SPF_QUERIES } from '../../src/spf/queries.js';
import { MAX_INCLUDE_DEPTH } from '../../src/spf/walk.js';
import type { SpfNode } from '../../src/spf/types.js';
import { generated, txt, zoneResolver } from './helpers.js';

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

/** Every term of the tree, depth-first, as "term lookups/cumulative". */
function flatten(node: SpfNode | null | undefined): string[] {
  return (node?.terms ?? []).flatMap((t) => [`${t.term} ${t.lookups}/${t.cumulativeLookups}`, ...flatten(t.child)]);
}

const PROVIDER: MemoryZone = {
  'example.test': { TXT: ['v=spf1 a mx include:_spf.provider.test ip4:192.0.2.0/24 -all'], A: ['192.0.2.1'], MX: [{ preference: 10, exchange: 'mx.example.test' }] },
  '_spf.provider.test': txt('v=spf1 include:_netblocks.provider.test include:_netblocks2.provider.test ~all'),
  '_netblocks.provider.test': txt('v=spf1 ip4:198.51.100.0/24 include:_netblocks3.provider.test ~all'),
  '_netblocks2.provider.test': txt('v=spf1 ip6:2001:db8::/32 ~all'),
  '_netblocks3.provider.test': txt('v=spf1 ip4:203.0.113.0/24 ~all'),
};

describe('lookup counting (RFC 7208 §4.6.4)', () => {
  it('counts every querying term across a provider include nested two levels, in evaluation order', async () => {
    const result = await analyzeSpf('example.test', zoneResolver(PROVIDER));
    expect(result.status).toBe('valid');
    expect(result.dnsLookups).toBe(6);
    expect(result.voidLookups).toBe(0);
    expect(flatten(result.tree)).toEqual([
      'a 1/1',
      'mx 1/2',
      'include:_spf.provider.test 1/6',
      'include:_netblocks.provider.test 1/5',
      'ip4:198.51.100.0/24 0/4',
      'include:_netblocks3.provider.test 1/5',
      'ip4:203.0.113.0/24 0/5',
      '~all 0/5',
      '~all 0/5',
      'include:_netblocks2.provider.test 1/6',
      'ip6:2001:db8::/32 0/6',
      '~all 0/6',
      '~all 0/6',
      'ip4:192.0.2.0/24 0/6',
      '-all 0/6',
    ]);
  });

  it('counts redirect last, after the mechanisms', async () => {
    const zone: MemoryZone = {
      'example.test': { TXT: ['v=spf1 redirect=_spf.example.test a'], A: ['192.0.2.1'] },
      '_spf.example.test': txt('v=spf1 -all'),
    };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(flatten(result.tree)).toEqual(['a 1/1', 'redirect=_spf.example.test 1/2', '-all 0/2']);
  });

  it.each([
    [10, 'valid', []],
    [11, 'invalid', ['SPF_TOO_MANY_LOOKUPS']],
    [15, 'invalid', ['SPF_TOO_MANY_LOOKUPS']],
  ])('%d lookups → %s, with the true total', async (count, status, expected) => {
    const zone: MemoryZone = { 'example.test': txt(`v=spf1 ${Array.from({ length: count }, (_, i) => `include:i${i}.test`).join(' ')} -all`) };
    for (let i = 0; i < count; i++) zone[`i${i}.test`] = txt(`v=spf1 ip4:192.0.2.${i} -all`);
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.status).toBe(status);
    expect(result.dnsLookups).toBe(count);
    expect(result.findings).toEqual(expected.map((code) => ({ code, args: { count } })));
  });

  it('does not count exp, ip4, ip6, all or unknown modifiers', async () => {
    const record = 'v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 -all exp=explain.example.test foo=bar';
    const resolver = zoneResolver({ 'example.test': txt(record) });
    const result = await analyzeSpf('example.test', resolver);
    expect(result.dnsLookups).toBe(0);
    expect(resolver.asked).toEqual(['TXT example.test']);
  });
});

describe('void lookups', () => {
  const zone = (record: string): MemoryZone => ({
    'example.test': txt(record),
    'v4.test': { A: ['192.0.2.1'] },
    'v6.test': { AAAA: ['2001:db8::1'] },
    'nomx.test': { A: ['192.0.2.1'] },
    'noinclude.test': { A: ['192.0.2.1'] },
    'text.test': { TXT: ['not spf'] },
  });

  it.each([
    ['v=spf1 a:v4.test a:v6.test -all', 0, []],
    ['v=spf1 a:nx.test -all', 1, []],
    ['v=spf1 mx:nomx.test exists:nx.test -all', 2, []],
    ['v=spf1 a:nx1.test mx:nx2.test exists:nx3.test -all', 3, ['SPF_TOO_MANY_VOID_LOOKUPS']],
    ['v=spf1 include:nx.test include:noinclude.test a:nx.test -all', 3, ['SPF_INCLUDE_MISSING', 'SPF_INCLUDE_MISSING', 'SPF_TOO_MANY_VOID_LOOKUPS']],
    ['v=spf1 include:text.test -all', 0, ['SPF_INCLUDE_MISSING']],
  ])('%j → %d void', async (record, voids, expected) => {
    const result = await analyzeSpf('example.test', zoneResolver(zone(record)));
    expect(result.voidLookups).toBe(voids);
    expect(codes(result.findings)).toEqual(expected);
    expect(result.status).toBe(expected.length > 0 ? 'invalid' : 'valid');
  });

  it('marks the void term in the tree', async () => {
    const result = await analyzeSpf('example.test', zoneResolver(zone('v=spf1 a:v4.test a:nx.test -all')));
    expect(result.tree?.terms.map((t) => t.void)).toEqual([false, true, false]);
  });
});

describe('mx with more than 10 names', () => {
  it.each([
    [10, 'valid', []],
    [11, 'invalid', ['SPF_TOO_MANY_MX']],
  ])('%d MX names → %s', async (count, status, expected) => {
    const MX = Array.from({ length: count }, (_, i) => ({ preference: i, exchange: `mx${i}.example.test` }));
    const result = await analyzeSpf('example.test', zoneResolver({ 'example.test': { TXT: ['v=spf1 mx -all'], MX } }));
    expect(result.status).toBe(status);
    expect(result.findings).toEqual(expected.map((code) => ({ code, args: { name: 'example.test', count } })));
  });
});

describe('include and redirect targets', () => {
  it.each([
    ['include:self.test', { 'self.test': txt('v=spf1 include:self.test -all') }, 'self.test', 'self.test → self.test'],
    ['include:a.test', { 'a.test': txt('v=spf1 include:b.test -all'), 'b.test': txt('v=spf1 include:a.test -all') }, 'a.test', 'a.test → b.test → a.test'],
    ['redirect', { 'a.test': txt('v=spf1 redirect=b.test'), 'b.test': txt('v=spf1 redirect=a.test') }, 'a.test', 'a.test → b.test → a.test'],
    ['case and trailing dot', { 'a.test': txt('v=spf1 include:B.test. -all'), 'b.test': txt('v=spf1 include:A.TEST -all') }, 'a.test', 'a.test → b.test → a.test'],
  ])('detects a loop: %s', async (_label, zone, domain, path) => {
    const result = await analyzeSpf(domain, zoneResolver(zone));
    expect(result.status).toBe('invalid');
    expect(result.findings).toEqual([{ code: 'SPF_INCLUDE_LOOP', args: { path } }]);
  });

  it('does not call a provider included twice a loop', async () => {
    const zone = { 'example.test': txt('v=spf1 include:p.test include:q.test -all'), 'p.test': txt('v=spf1 include:q.test ~all'), 'q.test': txt('v=spf1 ~all') };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.status).toBe('valid');
    expect(result.dnsLookups).toBe(3);
  });

  it.each<['include' | 'redirect', string, MemoryZone, string, boolean]>([
    ['include', 'NXDOMAIN', {}, 'the name does not exist (NXDOMAIN)', true],
    ['include', 'NODATA', { 'gone.test': { A: ['192.0.2.1'] } }, 'the name has no TXT records', true],
    ['include', 'no v=spf1', { 'gone.test': { TXT: ['v=spf2 -all'] } }, 'no TXT record starts with "v=spf1"', false],
    ['redirect', 'NXDOMAIN', {}, 'the name does not exist (NXDOMAIN)', true],
    ['redirect', 'no v=spf1', { 'gone.test': { TXT: ['hello'] } }, 'no TXT record starts with "v=spf1"', false],
  ])('%s target without a record (%s) is a permerror', async (mechanism, _label, extra, reason, isVoid) => {
    const record = mechanism === 'include' ? 'v=spf1 include:gone.test -all' : 'v=spf1 redirect=gone.test';
    const result = await analyzeSpf('example.test', zoneResolver({ 'example.test': txt(record), ...extra }));
    expect(result.status).toBe('invalid');
    expect(result.findings).toEqual([{ code: 'SPF_INCLUDE_MISSING', args: { mechanism, target: 'gone.test', reason } }]);
    expect(result.voidLookups).toBe(isVoid ? 1 : 0);
    expect(result.tree?.terms[0]?.error).toContain('gone.test');
  });

  it('reports an included record with a syntax error against its own domain', async () => {
    const zone = { 'example.test': txt('v=spf1 include:bad.test -all'), 'bad.test': txt('v=spf1 ip4:300.0.0.1 ~all') };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.status).toBe('invalid');
    expect(result.findings).toEqual([{ code: 'SPF_INVALID', args: { domain: 'bad.test', detail: expect.stringContaining('ip4:300.0.0.1') } }]);
  });

  it('reports an included domain with two records', async () => {
    const zone = { 'example.test': txt('v=spf1 include:two.test -all'), 'two.test': { TXT: ['v=spf1 -all', 'v=spf1 ~all'] } };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.findings).toEqual([{ code: 'SPF_MULTIPLE_RECORDS', args: { domain: 'two.test', count: 2 } }]);
  });

  it('treats a target that is not a DNS name as missing, without querying it', async () => {
    const resolver = zoneResolver({ 'example.test': txt('v=spf1 a:mail.example...test include:x..test -all') });
    const result = await analyzeSpf('example.test', resolver);
    expect(codes(result.findings)).toEqual(['SPF_INCLUDE_MISSING']);
    expect(result.dnsLookups).toBe(2);
    expect(resolver.asked).toEqual(['TXT example.test']);
  });
});

describe('lookup failures are temperrors, never void or missing', () => {
  it.each(['timeout', 'servfail', 'refused', 'malformed', 'error'] as const)('%s inside an include', async (failure) => {
    const zone: MemoryZone = {
      'example.test': txt('v=spf1 include:p.test -all'),
      'p.test': txt('v=spf1 include:slow.test ~all'),
      'slow.test': { TXT: failure },
    };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.status).toBe('error');
    expect(result.voidLookups).toBe(0);
    expect(result.findings).toEqual([
      { code: 'DNS_ERROR', args: { context: 'spf', name: 'slow.test', type: 'TXT', status: failure, detail: `${failure} (memory zone)` } },
    ]);
    expect(result.tree?.terms[0]?.child?.terms[0]?.error).toContain(failure);
  });

  it('reports a failed A or AAAA lookup of a', async () => {
    const zone: MemoryZone = { 'example.test': txt('v=spf1 a:h.test -all'), 'h.test': { A: ['192.0.2.1'], AAAA: 'servfail' } };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.status).toBe('error');
    expect(result.findings).toMatchObject([{ code: 'DNS_ERROR', args: { name: 'h.test', type: 'AAAA', status: 'servfail' } }]);
    expect(result.tree?.terms[0]).toMatchObject({ void: false, error: expect.stringContaining('AAAA lookup of h.test failed') });
  });

  it('puts error ahead of invalid', async () => {
    const zone: MemoryZone = { 'example.test': txt('v=spf1 include:example.test mx:slow.test -all'), 'slow.test': { MX: 'timeout' } };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(codes(result.findings)).toEqual(['SPF_INCLUDE_LOOP', 'DNS_ERROR']);
    expect(result.status).toBe('error');
  });
});

describe('macros', () => {
  it('counts but does not follow domain-specs that need the message', async () => {
    const resolver = zoneResolver({ 'example.test': txt('v=spf1 include:%{i}._spf.example.test exists:%{l}.%{i}.x.test a:%{h} -all') });
    const result = await analyzeSpf('example.test', resolver);
    expect(result.status).toBe('valid');
    expect(result.dnsLookups).toBe(3);
    expect(result.tree?.terms.slice(0, 3).map((t) => t.note)).toEqual([
      expect.stringContaining('%{i}'),
      expect.stringContaining('%{l}, %{i}'),
      expect.stringContaining('%{h}'),
    ]);
    expect(resolver.asked).toEqual(['TXT example.test']);
  });

  it('expands %{d} to the domain of the record being walked', async () => {
    const zone = {
      'example.test': txt('v=spf1 include:_spf.%{d} -all'),
      '_spf.example.test': txt('v=spf1 a:mail.%{d2} ~all'),
      'mail.example.test': { A: ['192.0.2.1'] },
    };
    const resolver = zoneResolver(zone);
    const result = await analyzeSpf('example.test', resolver);
    expect(result.status).toBe('valid');
    expect(result.voidLookups).toBe(0);
    expect(resolver.asked).toEqual(['TXT example.test', 'TXT _spf.example.test', 'A mail.example.test', 'AAAA mail.example.test']);
  });
});

describe('bounded work', () => {
  it('stops an include bomb (every record includes ten new names) at the query cap', async () => {
    const bomb = generated((name) => `v=spf1 ${Array.from({ length: 10 }, (_, i) => `include:n${i}.${name}`).join(' ')} -all`);
    const started = Date.now();
    const result = await analyzeSpf('bomb.test', bomb);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(bomb.asked.length).toBeLessThanOrEqual(MAX_SPF_QUERIES + 1);
    expect(result.truncated).toBe(true);
    expect(result.status).toBe('invalid');
    expect(result.dnsLookups).toBeGreaterThan(MAX_SPF_QUERIES);
    expect(result.findings).toEqual([{ code: 'SPF_TOO_MANY_LOOKUPS', args: { count: result.dnsLookups } }]);
    expect(JSON.stringify(result.tree)).toContain('cap on DNS queries');
  });

  it('also stops a bomb that reuses the same names, where every answer is cached', async () => {
    const bomb = generated((name) => {
      const level = Number(/^l(\d+)/.exec(name)?.[1] ?? 0);
      return `v=spf1 ${Array.from({ length: 10 }, (_, i) => `include:l${level + 1}-${i}.test`).join(' ')} -all`;
    });
    const result = await analyzeSpf('l0.test', bomb);
    expect(result.truncated).toBe(true);
    expect(new Set(bomb.asked).size).toBe(bomb.asked.length);
  });

  it('stops an endless include chain at the depth cap', async () => {
    const chain = generated((name) => `v=spf1 include:x.${name} -all`);
    const result = await analyzeSpf('chain.test', chain);
    expect(result.truncated).toBe(true);
    expect(chain.asked).toHaveLength(MAX_INCLUDE_DEPTH + 1);
    expect(JSON.stringify(result.tree)).toContain(`deeper than ${MAX_INCLUDE_DEPTH}`);
  });

  it('honours smaller caps from the options', async () => {
    const bomb = generated((name) => `v=spf1 include:a.${name} include:b.${name} -all`);
    const result = await analyzeSpf('bomb.test', bomb, { maxQueries: 5, maxIncludeDepth: 3 });
    expect(bomb.asked.length).toBeLessThanOrEqual(6);
    expect(result.truncated).toBe(true);
  });

  it('gives the same result whatever order the answers arrive in', async () => {
    const record = (name: string) =>
      name.split('.').length > 6 ? 'v=spf1 ip4:192.0.2.1 -all' : `v=spf1 include:a.${name} a:h.${name} include:b.${name} mx:m.${name} -all`;
    const results = await Promise.all([0, 5, 5].map((jitterMs) => analyzeSpf('root.test', generated(record, { jitterMs }))));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0]?.truncated).toBe(true);
  });

  it('reports an untruncated walk', async () => {
    const result = await analyzeSpf('example.test', zoneResolver(PROVIDER));
    expect(result.truncated).toBe(false);
  });
});
