import { describe, expect, it } from 'vitest';
import { createMemoryResolver, type MemoryZone } from '../../src/dns/memory.js';
import type { Resolver } from '../../src/dns/types.js';
import { discoverDmarc } from '../../src/dmarc/discover.js';
import type { DmarcDiscovery } from '../../src/dmarc/types.js';
import type { FindingCode } from '../../src/findings/catalog.js';

const txt = (...records: string[]): MemoryZone[string] => ({ TXT: records });
const MX = { MX: [{ preference: 10, exchange: 'mx.example.net' }] };
const RUA = 'rua=mailto:dmarc@example.com';

type Expected = Partial<Pick<DmarcDiscovery, 'status' | 'source' | 'inherited' | 'organizationalDomain' | 'policy' | 'appliedTag' | 'effectivePolicy' | 'enforcing' | 'domainExists'>> & {
  codes: FindingCode[];
};

const codes = (d: DmarcDiscovery): FindingCode[] => d.findings.map((f) => f.code).sort();

describe('discoverDmarc on memory zones', () => {
  it.each<[string, string, MemoryZone, Expected]>([
    ['record at the domain', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${RUA}`) },
      { status: 'valid', source: '_dmarc.example.com', inherited: false, organizationalDomain: 'example.com', policy: 'reject', appliedTag: 'p', effectivePolicy: 'reject', enforcing: true, domainExists: null, codes: [] }],
    ['no record anywhere', 'example.com', {},
      { status: 'missing', source: null, organizationalDomain: 'example.com', effectivePolicy: null, enforcing: false, codes: ['DMARC_MISSING'] }],
    ['inherited from the org domain: existing subdomain uses sp', 'sub.example.com',
      { '_dmarc.example.com': txt(`v=DMARC1; p=reject; sp=quarantine; np=none; ${RUA}`), 'sub.example.com': { A: ['192.0.2.1'] } },
      { status: 'valid', source: '_dmarc.example.com', inherited: true, organizationalDomain: 'example.com', policy: 'reject', appliedTag: 'sp', effectivePolicy: 'quarantine', domainExists: true,
        codes: ['DMARC_INHERITED', 'DMARC_SUBDOMAIN_POLICY_WEAKER', 'DMARC_SUBDOMAIN_POLICY_WEAKER'] }],
    ['non-existent subdomain uses np', 'ghost.example.com',
      { '_dmarc.example.com': txt(`v=DMARC1; p=none; sp=none; np=reject; ${RUA}`), 'example.com': MX },
      { status: 'valid', inherited: true, appliedTag: 'np', effectivePolicy: 'reject', enforcing: true, domainExists: false, codes: ['DMARC_INHERITED'] }],
    ['inherited, sp and np agree: no existence lookup', 'sub.example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${RUA}`) },
      { status: 'valid', inherited: true, appliedTag: 'p', effectivePolicy: 'reject', domainExists: null, codes: ['DMARC_INHERITED'] }],
    ['PSD record (psd=y) for a multi-label suffix, existing domain: sp', 'agency.gov.example',
      { '_dmarc.gov.example': txt('v=DMARC1; p=reject; sp=quarantine; np=reject; psd=y; rua=mailto:psd@gov.example'), 'agency.gov.example': MX },
      { status: 'valid', source: '_dmarc.gov.example', inherited: true, organizationalDomain: 'agency.gov.example', appliedTag: 'sp', effectivePolicy: 'quarantine', domainExists: true,
        codes: ['DMARC_INHERITED', 'DMARC_SUBDOMAIN_POLICY_WEAKER'] }],
    ['PSD record (psd=y), non-existent domain: np', 'agency.gov.example',
      { '_dmarc.gov.example': txt('v=DMARC1; p=none; sp=none; np=reject; psd=y; rua=mailto:psd@gov.example') },
      { status: 'valid', source: '_dmarc.gov.example', organizationalDomain: 'agency.gov.example', appliedTag: 'np', effectivePolicy: 'reject', domainExists: false, codes: ['DMARC_INHERITED'] }],
    ['org domain record below a PSD wins over the PSD record', 'www.agency.gov.example',
      { '_dmarc.gov.example': txt('v=DMARC1; p=none; psd=y; rua=mailto:psd@gov.example'), '_dmarc.agency.gov.example': txt('v=DMARC1; p=reject; rua=mailto:d@agency.gov.example') },
      { status: 'valid', source: '_dmarc.agency.gov.example', organizationalDomain: 'agency.gov.example', effectivePolicy: 'reject', codes: ['DMARC_INHERITED'] }],
    ['psd=n marks the org domain', 'a.mail.example.com',
      { '_dmarc.mail.example.com': txt(`v=DMARC1; p=quarantine; psd=n; ${RUA}`), '_dmarc.example.com': txt(`v=DMARC1; p=none; ${RUA}`) },
      // psd=n makes mail.example.com its own organization, so reports to example.com need authorization.
      { status: 'valid', source: '_dmarc.mail.example.com', organizationalDomain: 'mail.example.com', effectivePolicy: 'quarantine', codes: ['DMARC_INHERITED', 'DMARC_RUA_UNAUTHORIZED'] }],
    ['multiple records at the domain: discarded, parent applies, invalid', 'sub.example.com',
      { '_dmarc.sub.example.com': txt('v=DMARC1; p=none', 'v=DMARC1; p=reject'), '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${RUA}`) },
      { status: 'invalid', source: '_dmarc.example.com', inherited: true, effectivePolicy: 'reject', codes: ['DMARC_INHERITED', 'DMARC_MULTIPLE_RECORDS'] }],
    ['multiple records at the domain and nothing else', 'example.com', { '_dmarc.example.com': txt('v=DMARC1; p=none', 'v=DMARC1; p=reject') },
      { status: 'invalid', source: null, effectivePolicy: null, codes: ['DMARC_MULTIPLE_RECORDS'] }],
    ['multiple records at the parent only', 'sub.example.com', { '_dmarc.example.com': txt('v=DMARC1; p=none', 'v=DMARC1; p=reject') },
      { status: 'missing', source: null, codes: ['DMARC_MISSING', 'DMARC_MULTIPLE_RECORDS'] }],
    ['CNAME at _dmarc is followed', 'example.com',
      { '_dmarc.example.com': { CNAME: ['example.com.dmarc.provider.example'] }, 'example.com.dmarc.provider.example': txt(`v=DMARC1; p=reject; ${RUA}`) },
      { status: 'valid', source: '_dmarc.example.com', effectivePolicy: 'reject', codes: [] }],
    ['timeout at _dmarc.<domain>: error even though a parent has a record', 'sub.example.com',
      { '_dmarc.sub.example.com': { TXT: 'timeout' }, '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${RUA}`) },
      { status: 'error', source: null, organizationalDomain: null, policy: null, effectivePolicy: null, enforcing: false, codes: ['DNS_ERROR'] }],
    ['timeout at a parent after the own record was found: policy stands', 'sub.example.com',
      { '_dmarc.sub.example.com': txt(`v=DMARC1; p=reject; ${RUA}`), '_dmarc.example.com': { TXT: 'timeout' } },
      { status: 'valid', source: '_dmarc.sub.example.com', organizationalDomain: null, effectivePolicy: 'reject', codes: ['DNS_ERROR'] }],
    ['servfail at a parent, no own record: error', 'a.sub.example.com',
      { '_dmarc.sub.example.com': { TXT: 'servfail' }, '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${RUA}`) },
      { status: 'error', effectivePolicy: null, codes: ['DNS_ERROR'] }],
    ['existence lookups fail and sp/np disagree: error', 'sub.example.com',
      { '_dmarc.example.com': txt(`v=DMARC1; p=reject; np=none; ${RUA}`), 'sub.example.com': { fail: 'timeout' } },
      { status: 'error', policy: null, effectivePolicy: null, domainExists: null, codes: ['DMARC_SUBDOMAIN_POLICY_WEAKER', 'DNS_ERROR', 'DNS_ERROR', 'DNS_ERROR'].sort() as FindingCode[] }],
    ['existence: one answer is enough despite other failures', 'sub.example.com',
      { '_dmarc.example.com': txt(`v=DMARC1; p=reject; np=none; ${RUA}`), 'sub.example.com': { A: ['192.0.2.1'], AAAA: 'timeout', MX: 'servfail' } },
      { status: 'valid', appliedTag: 'p', effectivePolicy: 'reject', domainExists: true, codes: ['DMARC_INHERITED', 'DMARC_SUBDOMAIN_POLICY_WEAKER'] }],
    ['t=y', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; t=y; ${RUA}`) },
      { status: 'valid', policy: 'reject', effectivePolicy: 'quarantine', enforcing: true, codes: ['DMARC_TESTING_MODE'] }],
    ['pct=0', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; pct=0; ${RUA}`) },
      { status: 'valid', policy: 'reject', effectivePolicy: 'none', enforcing: false, codes: ['DMARC_LEGACY_TAG', 'DMARC_POLICY_NONE'] }],
    ['pct=50', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; pct=50; ${RUA}`) },
      { status: 'valid', effectivePolicy: 'reject', enforcing: true, codes: ['DMARC_LEGACY_TAG', 'DMARC_PCT_PARTIAL'] }],
    ['invalid p with rua: invalid, acts as p=none', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=bob; ${RUA}`) },
      { status: 'invalid', policy: 'none', effectivePolicy: 'none', enforcing: false, codes: ['DMARC_INVALID', 'DMARC_POLICY_NONE'] }],
    ['invalid p without rua: invalid, not applied', 'example.com', { '_dmarc.example.com': txt('v=DMARC1; p=bob') },
      { status: 'invalid', policy: null, effectivePolicy: null, enforcing: false, codes: ['DMARC_INVALID', 'DMARC_NO_RUA'] }],
    ['duplicate tags: invalid, not applied', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; p=reject; ${RUA}`) },
      { status: 'invalid', effectivePolicy: null, codes: ['DMARC_INVALID'] }],
    ['unknown tag is a warning only', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; foo=bar; ${RUA}`) },
      { status: 'valid', effectivePolicy: 'reject', codes: ['DMARC_UNKNOWN_TAG'] }],
    ['legacy size suffix is a warning only', 'example.com', { '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${RUA}!10m`) },
      { status: 'valid', effectivePolicy: 'reject', codes: ['DMARC_URI_SIZE_LIMIT'] }],
    ['org domain skipped by the 8-query jump is looked up', 'a.b.c.d.e.f.g.h.i.j.k.l.m',
      { '_dmarc.g.h.i.j.k.l.m': txt('v=DMARC1; psd=y'), '_dmarc.f.g.h.i.j.k.l.m': txt('v=DMARC1; p=reject; rua=mailto:d@f.g.h.i.j.k.l.m') },
      { status: 'valid', source: '_dmarc.f.g.h.i.j.k.l.m', organizationalDomain: 'f.g.h.i.j.k.l.m', effectivePolicy: 'reject', codes: ['DMARC_INHERITED'] }],
  ])('%s', async (_name, domain, zone, expected) => {
    const { codes: expectedCodes, ...fields } = expected;
    const result = await discoverDmarc(domain, createMemoryResolver(zone));
    expect(result).toMatchObject(fields);
    expect(codes(result)).toEqual([...expectedCodes].sort());
  });

  it('reports each URI with the legacy size suffix once', async () => {
    const zone = { '_dmarc.example.com': txt('v=DMARC1; p=reject; rua=mailto:a@example.com!10m, mailto:b@example.com!10m; ruf=mailto:f@example.com!1M') };
    const result = await discoverDmarc('example.com', createMemoryResolver(zone));
    expect(result.findings).toEqual([
      { code: 'DMARC_URI_SIZE_LIMIT', args: { tag: 'rua', uri: 'mailto:a@example.com!10m' } },
      { code: 'DMARC_URI_SIZE_LIMIT', args: { tag: 'rua', uri: 'mailto:b@example.com!10m' } },
      { code: 'DMARC_URI_SIZE_LIMIT', args: { tag: 'ruf', uri: 'mailto:f@example.com!1m' } },
    ]);
  });

  it('records the walk it consulted', async () => {
    const zone = { '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${RUA}`), '_dmarc.com': { TXT: 'refused' as const } };
    const result = await discoverDmarc('mail.example.com', createMemoryResolver(zone));
    expect(result.walk).toEqual([
      { name: '_dmarc.mail.example.com', domain: 'mail.example.com', outcome: 'none' },
      { name: '_dmarc.example.com', domain: 'example.com', outcome: 'record', record: `v=DMARC1; p=reject; ${RUA}` },
      { name: '_dmarc.com', domain: 'com', outcome: 'error', status: 'refused', detail: 'refused (memory zone)' },
    ]);
    expect(result.status).toBe('error');
    expect(result.findings).toContainEqual({
      code: 'DNS_ERROR',
      args: { context: 'dmarc', name: '_dmarc.com', type: 'TXT', status: 'refused', detail: 'refused (memory zone)' },
    });
  });

  it('treats a resolver that throws as a failure, not as "no record"', async () => {
    const resolver: Resolver = { resolve: () => Promise.reject(new Error('socket closed')) };
    const result = await discoverDmarc('example.com', resolver);
    expect(result.status).toBe('error');
    expect(codes(result)).toEqual(['DNS_ERROR', 'DNS_ERROR']);
  });
});

describe('external report destinations (RFC 9990 §3.2.3)', () => {
  const base: MemoryZone = { 'example.com': MX, '_dmarc.reports.example': txt('v=DMARC1; p=none; rua=mailto:x@reports.example') };
  const unauthorized = (tag: string, uri: string, destination: string, authName: string) => ({
    code: 'DMARC_RUA_UNAUTHORIZED',
    args: { tag, uri, destination, authName },
  });

  it.each<[string, string, MemoryZone, unknown[]]>([
    ['same domain: no lookup', 'rua=mailto:d@example.com', {}, []],
    ['same org domain (a subdomain): no lookup', 'rua=mailto:d@reports.example.com', {}, []],
    ['external and authorized', 'rua=mailto:d@reports.example', { 'example.com._report._dmarc.reports.example': txt('v=DMARC1') }, []],
    ['external and unauthorized', 'rua=mailto:d@reports.example', {},
      [unauthorized('rua', 'mailto:d@reports.example', 'reports.example', 'example.com._report._dmarc.reports.example')]],
    ['authorization record must start with v=DMARC1', 'rua=mailto:d@reports.example', { 'example.com._report._dmarc.reports.example': txt('v=spf1 -all') },
      [unauthorized('rua', 'mailto:d@reports.example', 'reports.example', 'example.com._report._dmarc.reports.example')]],
    ['ruf is checked too', 'rua=mailto:d@example.com; ruf=mailto:f@reports.example', {},
      [unauthorized('ruf', 'mailto:f@reports.example', 'reports.example', 'example.com._report._dmarc.reports.example')]],
    ['a destination host under another org domain', 'rua=mailto:d@in.reports.example', { 'example.com._report._dmarc.in.reports.example': txt('v=DMARC1') }, []],
    ['authorization lookup fails: DNS_ERROR, not unauthorized', 'rua=mailto:d@reports.example', { 'example.com._report._dmarc.reports.example': { TXT: 'servfail' } },
      [{ code: 'DNS_ERROR', args: { context: 'dmarc', name: 'example.com._report._dmarc.reports.example', type: 'TXT', status: 'servfail', detail: 'servfail (memory zone)' } }]],
    ['destination org domain unknown: DNS_ERROR', 'rua=mailto:d@reports.example', { '_dmarc.example': { TXT: 'timeout' } },
      [{ code: 'DNS_ERROR', args: { context: 'dmarc', name: '_dmarc.example', type: 'TXT', status: 'timeout', detail: 'timeout (memory zone)' } }]],
  ])('%s', async (_name, rua, extra, expected) => {
    const zone = { ...base, '_dmarc.example.com': txt(`v=DMARC1; p=reject; ${rua}`), ...extra };
    const result = await discoverDmarc('example.com', createMemoryResolver(zone));
    expect(result.status).toBe('valid');
    expect(result.findings).toEqual(expected);
  });

  it('uses the policy domain of an inherited record in the authorization name', async () => {
    const zone = { '_dmarc.example.com': txt('v=DMARC1; p=reject; rua=mailto:d@reports.example') };
    const result = await discoverDmarc('sub.example.com', createMemoryResolver(zone));
    expect(result.findings).toContainEqual(unauthorized('rua', 'mailto:d@reports.example', 'reports.example', 'example.com._report._dmarc.reports.example'));
  });

  it('a PSD record reporting to the PSD itself needs no authorization', async () => {
    const zone = { '_dmarc.gov.example': txt('v=DMARC1; p=reject; psd=y; rua=mailto:psd@gov.example') };
    const result = await discoverDmarc('agency.gov.example', createMemoryResolver(zone));
    expect(result.organizationalDomain).toBe('agency.gov.example');
    expect(codes(result)).toEqual(['DMARC_INHERITED']);
  });

  it('accepts a wildcard authorization with one query, as a DNS server answers it', async () => {
    const memory = createMemoryResolver({ '_dmarc.example.com': txt('v=DMARC1; p=reject; rua=mailto:d@reports.example'), '*._report._dmarc.reports.example': txt('v=DMARC1') });
    const asked: string[] = [];
    // The memory resolver has no wildcards; this one synthesizes them like a server (RFC 4592) for the test.
    const withWildcards: Resolver = {
      resolve: async (name, type) => {
        asked.push(name);
        const direct = await memory.resolve(name, type);
        const wildcard = name.replace(/^.*?(\._report\._dmarc\.)/, '*$1');
        return direct.status === 'nxdomain' && wildcard !== name ? memory.resolve(wildcard, type) : direct;
      },
    };
    const result = await discoverDmarc('example.com', withWildcards);
    expect(result.findings).toEqual([]);
    expect(asked.filter((n) => n.includes('_report'))).toEqual(['example.com._report._dmarc.reports.example']);
  });
});
