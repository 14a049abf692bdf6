import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsClient } from '../../src/dns/client.js';
import type { DnsClient } from '../../src/dns/client.js';
import { parseNameserver } from '../../src/dns/nameservers.js';
import type { Nameserver } from '../../src/dns/nameservers.js';
import type { LookupResult, RecordType } from '../../src/dns/types.js';
import { startFixtureServer } from '../fixture-server/index.js';
import type { FixtureServer } from '../fixture-server/index.js';
import { CLIENT_ZONE, DOES_NOT_HANG_MS } from './support.js';

let server: FixtureServer;
let nameserver: Nameserver;
let client: DnsClient;

beforeAll(async () => {
  server = await startFixtureServer({ zoneFiles: [CLIENT_ZONE] });
  nameserver = parseNameserver(server.nameserver);
  client = createDnsClient({ nameservers: [nameserver], timeoutMs: 200, retries: 1 });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

const queriesFor = (name: string) => server.queries().filter((query) => query.name === name);

describe('answers', () => {
  it.each<[string, RecordType, LookupResult]>([
    ['a.dns.test', 'A', { status: 'answer', records: ['192.0.2.1', '192.0.2.2'], canonicalName: 'a.dns.test' }],
    ['aaaa.dns.test', 'AAAA', { status: 'answer', records: ['2001:db8::1'], canonicalName: 'aaaa.dns.test' }],
    [
      'mx.dns.test',
      'MX',
      {
        status: 'answer',
        records: [
          { preference: 10, exchange: 'mail.example.test' },
          { preference: 20, exchange: 'backup.dns.test' },
        ],
        canonicalName: 'mx.dns.test',
      },
    ],
    ['ptr.dns.test', 'PTR', { status: 'answer', records: ['host.dns.test'], canonicalName: 'ptr.dns.test' }],
    ['alias.dns.test', 'CNAME', { status: 'answer', records: ['target.dns.test'], canonicalName: 'alias.dns.test' }],
    ['TXT.DNS.Test.', 'TXT', { status: 'answer', records: ['v=spf1 -all'], canonicalName: 'txt.dns.test' }],
  ])('%s %s', async (name, type, expected) => {
    expect(await client.resolve(name, type)).toEqual(expected);
  });

  // The zone splits these records into several character-strings (see dns-client.zone).
  it.each<[string, string[]]>([
    ['split.dns.test', ['v=spf1 ip4:192.0.2.0/24 include:_spf.dns.test -all']],
    ['escapes.dns.test', ['say "hi"back\\slashsemi;colon']],
    ['latin1.dns.test', ['caf\uFFFD']],
    ['straddle.dns.test', ['café']],
  ])('TXT %s: strings of one record joined with no separator, UTF-8 decoded', async (name, records) => {
    expect(await client.resolve(name, 'TXT')).toMatchObject({ status: 'answer', records });
  });

  it('keeps separate TXT records separate', async () => {
    const result = await client.resolve('multi.dns.test', 'TXT');
    expect(result.status === 'answer' && [...result.records].sort()).toEqual(['first record', 'second record']);
  });
});

describe('negative answers and CNAME chains', () => {
  it.each<[string, RecordType, LookupResult | { status: string }]>([
    ['missing.dns.test', 'TXT', { status: 'nxdomain' }],
    ['nodata.dns.test', 'TXT', { status: 'nodata' }],
    ['ent.dns.test', 'TXT', { status: 'nodata' }],
    ['alias.dns.test', 'TXT', { status: 'answer', records: ['at the target'], canonicalName: 'target.dns.test' }],
    ['alias2.dns.test', 'A', { status: 'answer', records: ['192.0.2.4'], canonicalName: 'target.dns.test' }],
    ['dangling.dns.test', 'TXT', { status: 'nxdomain' }],
    ['empty-target-alias.dns.test', 'TXT', { status: 'nodata' }],
    ['loop1.dns.test', 'TXT', { status: 'error' }],
    ['c1.dns.test', 'TXT', { status: 'error' }],
  ])('%s %s → %j', async (name, type, expected) => {
    expect(await client.resolve(name, type)).toMatchObject(expected);
  });

  it.each([
    ['loop1.dns.test', /CNAME loop/],
    ['c1.dns.test', /longer than 8/],
  ])('%s: the error says why', async (name, reason) => {
    const result = await client.resolve(name, 'TXT');
    expect('detail' in result && result.detail).toMatch(reason);
  });

  it.each(['', 'a..b.test', `${'x'.repeat(64)}.test`, `${'abc.'.repeat(64)}test`])('refuses to send the invalid name %j', async (name) => {
    const before = client.stats().queries;
    expect(await client.resolve(name, 'A')).toMatchObject({ status: 'error' });
    expect(client.stats().queries).toBe(before);
  });
});

describe('fault modes', () => {
  it.each<[string, RecordType, LookupResult['status'], number]>([
    ['servfail.dns.test', 'TXT', 'servfail', 2],
    ['refused.dns.test', 'TXT', 'refused', 1],
    ['notimp.dns.test', 'TXT', 'error', 2],
    ['timeout.dns.test', 'TXT', 'timeout', 2],
    ['wrong-id.dns.test', 'TXT', 'timeout', 2],
    ['garbage.dns.test', 'TXT', 'timeout', 2],
    ['malformed.dns.test', 'TXT', 'malformed', 2],
    ['truncate-close.dns.test', 'TXT', 'error', 4],
    ['partial.dns.test', 'TXT', 'servfail', 2],
    ['partial.dns.test', 'A', 'answer', 1],
    ['delayed.dns.test', 'TXT', 'answer', 1],
    ['alias-to-timeout.dns.test', 'TXT', 'timeout', 3],
  ])('%s %s → %s after %i queries, in bounded time', async (name, type, status, queries) => {
    server.clearQueries();
    const started = Date.now();
    const result = await client.resolve(name, type);
    expect(result.status).toBe(status);
    expect(server.queries()).toHaveLength(queries);
    expect(Date.now() - started).toBeLessThan(DOES_NOT_HANG_MS);
  });

  it.each([
    ['notimp.dns.test', /NOTIMP/],
    ['servfail.dns.test', /SERVFAIL/],
    ['timeout.dns.test', /no reply within 200 ms/],
    ['malformed.dns.test', /RDATA/],
  ])('%s: detail names the failure', async (name, reason) => {
    const result = await client.resolve(name, 'TXT');
    expect('detail' in result && result.detail).toMatch(reason);
  });

  it.each<[RecordType, unknown[]]>([
    ['TXT', ['genuine']],
    ['A', ['192.0.2.5']],
  ])('spoof: ignores forged %s replies and takes the genuine one', async (type, records) => {
    expect(await client.resolve('spoof.dns.test', type)).toMatchObject({ status: 'answer', records });
  });

  it('truncate: a TC reply is repeated over TCP', async () => {
    server.clearQueries();
    const before = client.stats();
    expect(await client.resolve('truncate.dns.test', 'TXT')).toMatchObject({ status: 'answer', records: ['complete over TCP'] });
    expect(queriesFor('truncate.dns.test').map((query) => query.transport)).toEqual(['udp', 'tcp']);
    expect(client.stats()).toEqual({ ...before, queries: before.queries + 2, udp: before.udp + 1, tcp: before.tcp + 1 });
  });

  it('EDNS: a 600-byte answer arrives over UDP without truncation', async () => {
    server.clearQueries();
    const result = await client.resolve('big.dns.test', 'TXT');
    expect(result.status === 'answer' && result.records[0]?.length).toBe(600);
    expect(queriesFor('big.dns.test').map((query) => query.transport)).toEqual(['udp']);
  });

  it('counts timeouts', async () => {
    const before = client.stats().timeouts;
    await client.resolve('timeout.dns.test', 'A');
    expect(client.stats().timeouts).toBe(before + 2);
  });
});

describe('many queries in flight', () => {
  it('answers 500 concurrent lookups, each with its own result', async () => {
    const names = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? 'a.dns.test' : `missing-${i}.dns.test`));
    const results = await Promise.all(names.map((name) => client.resolve(name, 'A')));
    results.forEach((result, i) => expect(result.status).toBe(i % 2 === 0 ? 'answer' : 'nxdomain'));
  });
});
