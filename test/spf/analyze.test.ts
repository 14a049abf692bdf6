import { describe, expect, it } from 'vitest';
import type { MemoryZone } from '../../src/dns/memory.js';
import type { LookupResult, RecordType } from '../../src/dns/types.js';
import { describeFinding } from '../../src/findings/describe.js';
import { analyzeSpf } from '../../src/spf/analyze.js';
import { txt, zoneResolver } from './helpers.js';

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('analyzeSpf: record selection (RFC 7208 §4.5)', () => {
  it.each<[string, MemoryZone, string, string[]]>([
    ['NXDOMAIN', {}, 'missing', ['SPF_MISSING']],
    ['NODATA', { 'example.test': { A: ['192.0.2.1'] } }, 'missing', ['SPF_MISSING']],
    ['only non-SPF TXT', { 'example.test': { TXT: ['google-site-verification=x', 'v=spf10 -all'] } }, 'missing', ['SPF_MISSING']],
    ['an empty TXT record', { 'example.test': { TXT: [''] } }, 'missing', ['SPF_MISSING']],
    ['two SPF records', { 'example.test': { TXT: ['v=spf1 -all', 'V=SPF1 +all'] } }, 'invalid', ['SPF_MULTIPLE_RECORDS']],
    ['two identical SPF records', { 'example.test': { TXT: ['v=spf1 -all', 'v=spf1 -all'] } }, 'invalid', ['SPF_MULTIPLE_RECORDS']],
    ['TXT timeout', { 'example.test': { TXT: 'timeout' } }, 'error', ['DNS_ERROR']],
    ['TXT servfail', { 'example.test': { fail: 'servfail' } }, 'error', ['DNS_ERROR']],
    ['one SPF record among others', { 'example.test': { TXT: ['hello', 'v=spf1 -all', 'v=DMARC1'] } }, 'valid', []],
    ['upper-case version', { 'example.test': txt('V=SPF1 -ALL') }, 'valid', []],
  ])('%s → %s', async (_label, zone, status, expected) => {
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.status).toBe(status);
    expect(codes(result.findings)).toEqual(expected);
    if (status !== 'valid') expect(result.tree).toBeNull();
  });

  it('gives each failure the arguments the catalog reads', async () => {
    const result = await analyzeSpf('Example.Test.', zoneResolver({ 'example.test': { TXT: 'refused' } }));
    expect(result.findings).toEqual([
      { code: 'DNS_ERROR', args: { context: 'spf', name: 'example.test', type: 'TXT', status: 'refused', detail: 'refused (memory zone)' } },
    ]);
    expect(describeFinding(result.findings[0]!).ref).toBe('RFC 7208 §2.6.6');
  });

  it('asks for TXT only, never the SPF RR type', async () => {
    const resolver = zoneResolver({ 'example.test': txt('v=spf1 -all') });
    await analyzeSpf('example.test', resolver);
    expect(resolver.asked).toEqual(['TXT example.test']);
  });

  it('reports a resolver that throws as a DNS error, not a crash', async () => {
    const resolver = {
      resolve<T extends RecordType>(name: string): Promise<LookupResult<T>> {
        if (name === 'example.test') return Promise.resolve({ status: 'answer', records: ['v=spf1 include:x.test -all'], canonicalName: name } as LookupResult<T>);
        throw new Error('socket closed');
      },
    };
    const result = await analyzeSpf('example.test', resolver);
    expect(result.status).toBe('error');
    expect(result.findings).toEqual([
      { code: 'DNS_ERROR', args: { context: 'spf', name: 'x.test', type: 'TXT', status: 'error', detail: 'socket closed' } },
    ]);
  });
});

describe('analyzeSpf: the all mechanism', () => {
  it.each<[string, string | null, string[]]>([
    ['v=spf1 mx -all', '-all', []],
    ['v=spf1 mx ~all', '~all', []],
    ['v=spf1 mx ?all', '?all', ['SPF_NEUTRAL_ALL']],
    ['v=spf1 mx +all', '+all', ['SPF_PASS_ALL']],
    ['v=spf1 mx all', '+all', ['SPF_PASS_ALL']],
    ['v=spf1 all -all', '+all', ['SPF_PASS_ALL']],
    ['v=spf1 mx', null, ['SPF_NO_ALL']],
    ['v=spf1', null, ['SPF_NO_ALL']],
    ['v=spf1 redirect=strict.test', '-all', []],
    ['v=spf1 redirect=soft.test', '~all', []],
    ['v=spf1 redirect=open.test', '+all', ['SPF_PASS_ALL']],
    ['v=spf1 redirect=chain.test', '-all', []],
    ['v=spf1 redirect=none.test', null, []],
    ['v=spf1 -all redirect=open.test', '-all', []],
    ['v=spf1 ?all redirect=strict.test', '?all', ['SPF_NEUTRAL_ALL']],
  ])('%j → %s', async (record, all, expected) => {
    const zone: MemoryZone = {
      'example.test': { TXT: [record], MX: [{ preference: 10, exchange: 'mx.example.test' }] },
      'strict.test': txt('v=spf1 ip4:192.0.2.1 -all'),
      'soft.test': txt('v=spf1 ip4:192.0.2.1 ~all'),
      'open.test': txt('v=spf1 +all'),
      'chain.test': txt('v=spf1 redirect=strict.test'),
      'none.test': txt('v=spf1 ip4:192.0.2.1'),
    };
    const result = await analyzeSpf('example.test', zoneResolver(zone));
    expect(result.all).toBe(all);
    expect(codes(result.findings)).toEqual(expected);
    expect(result.status).toBe('valid');
  });

  it('ignores redirect when the record has an all mechanism (§6.1)', async () => {
    const resolver = zoneResolver({ 'example.test': txt('v=spf1 -all redirect=other.test'), 'other.test': txt('v=spf1 +all') });
    const result = await analyzeSpf('example.test', resolver);
    expect(result.dnsLookups).toBe(0);
    expect(result.tree?.terms[1]).toMatchObject({ term: 'redirect=other.test', lookups: 0, note: expect.stringContaining('§6.1') });
    expect(resolver.asked).toEqual(['TXT example.test']);
  });

  it('does not evaluate mechanisms after all', async () => {
    const resolver = zoneResolver({ 'example.test': txt('v=spf1 ~all include:other.test a') });
    const result = await analyzeSpf('example.test', resolver);
    expect(result.dnsLookups).toBe(0);
    expect(result.tree?.terms.map((t) => t.note !== undefined)).toEqual([false, true, true]);
    expect(resolver.asked).toEqual(['TXT example.test']);
  });

  it('does not add SPF_NO_ALL when the all mechanism is the malformed term', async () => {
    const result = await analyzeSpf('example.test', zoneResolver({ 'example.test': txt('v=spf1 mx -all.') }));
    expect(codes(result.findings)).toEqual(['SPF_INVALID']);
  });
});

describe('analyzeSpf: record-level findings', () => {
  it('reports a syntax error with the offending term', async () => {
    const result = await analyzeSpf('example.test', zoneResolver({ 'example.test': txt('v=spf1 ip4:192.0.2.1/33 -all') }));
    expect(result.status).toBe('invalid');
    expect(result.findings).toEqual([
      { code: 'SPF_INVALID', args: { domain: 'example.test', detail: expect.stringContaining('"ip4:192.0.2.1/33"') } },
    ]);
  });

  it('warns about records over 512 bytes (§3.4)', async () => {
    const record = `v=spf1 ${Array.from({ length: 40 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} -all`;
    const result = await analyzeSpf('example.test', zoneResolver({ 'example.test': txt(record) }));
    expect(result.status).toBe('valid');
    expect(result.findings).toEqual([{ code: 'SPF_RECORD_TOO_LONG', args: { domain: 'example.test', bytes: record.length } }]);
  });

  it('warns once per domain about ptr, counts it and never queries it (§5.5)', async () => {
    const resolver = zoneResolver({ 'example.test': txt('v=spf1 ptr ptr:example.org -all') });
    const result = await analyzeSpf('example.test', resolver);
    expect(result.findings).toEqual([{ code: 'SPF_PTR', args: { domain: 'example.test' } }]);
    expect(result.dnsLookups).toBe(2);
    expect(result.status).toBe('valid');
    expect(resolver.asked).toEqual(['TXT example.test']);
  });
});
