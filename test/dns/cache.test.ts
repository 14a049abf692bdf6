import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCache } from '../../src/dns/cache.js';
import { createDnsClient } from '../../src/dns/client.js';
import type { DnsClient } from '../../src/dns/client.js';
import { parseNameserver } from '../../src/dns/nameservers.js';
import type { LookupResult, RecordType, Resolver } from '../../src/dns/types.js';
import { startFixtureServer } from '../fixture-server/index.js';
import type { FixtureServer } from '../fixture-server/index.js';
import { CLIENT_ZONE } from './support.js';

let server: FixtureServer;
let client: DnsClient;

beforeAll(async () => {
  server = await startFixtureServer({ zoneFiles: [CLIENT_ZONE] });
  client = createDnsClient({ nameservers: [parseNameserver(server.nameserver)], timeoutMs: 200, retries: 1 });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

/** A resolver that counts the lookups reaching it. */
function countingResolver(result: LookupResult = { status: 'nodata' }): Resolver & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    resolve: async <T extends RecordType>(name: string, type: T) => {
      calls.push(`${type} ${name}`);
      return result as LookupResult<T>;
    },
  };
}

describe('withCache over the DNS client', () => {
  it.each<[string, string, RecordType, number]>([
    ['identical concurrent lookups share one query', 'a.dns.test', 'A', 1],
    ['names differing in case and trailing dot share one query', 'A.DNS.test.', 'A', 1],
    ['failures are cached too: one timed-out name costs its attempts once', 'timeout.dns.test', 'TXT', 2],
  ])('%s', async (_, name, type, queries) => {
    server.clearQueries();
    const cached = withCache(client);
    const results = await Promise.all([cached.resolve(name, type), cached.resolve(name.toLowerCase().replace(/\.$/, ''), type)]);
    expect(results[0]).toEqual(results[1]);
    expect(await cached.resolve(name, type)).toEqual(results[0]);
    expect(server.queries()).toHaveLength(queries);
  });

  it('keeps types apart', async () => {
    server.clearQueries();
    const cached = withCache(client);
    await Promise.all([cached.resolve('target.dns.test', 'A'), cached.resolve('target.dns.test', 'TXT')]);
    expect(server.queries().map((query) => query.type).sort()).toEqual(['A', 'TXT']);
  });
});

describe('withCache bounds', () => {
  it.each<[string, string[], string[]]>([
    ['a hit refreshes an entry, so the least recently used one is evicted', ['a', 'b', 'a', 'c', 'a', 'b'], ['TXT a', 'TXT b', 'TXT c', 'TXT b']],
    ['without hits, insertion order decides', ['a', 'b', 'c', 'a'], ['TXT a', 'TXT b', 'TXT c', 'TXT a']],
  ])('%s', async (_, lookups, expectedCalls) => {
    const inner = countingResolver();
    const cached = withCache(inner, { maxEntries: 2 });
    for (const name of lookups) await cached.resolve(name, 'TXT');
    expect(inner.calls).toEqual(expectedCalls);
  });

  it('bounds each record type by itself: other types do not push an answer out', async () => {
    const inner = countingResolver();
    const cached = withCache(inner, { maxEntries: 1 });
    for (const [name, type] of [['a', 'TXT'], ['a', 'A'], ['b', 'MX'], ['a', 'TXT'], ['c', 'TXT'], ['a', 'TXT']] as const) await cached.resolve(name, type);
    expect(inner.calls).toEqual(['TXT a', 'A a', 'MX b', 'TXT c', 'TXT a']);
  });

  it('forgets a rejected lookup instead of replaying it', async () => {
    let attempts = 0;
    const flaky: Resolver = {
      resolve: async () => {
        if (++attempts === 1) throw new Error('resolver bug');
        return { status: 'nodata' };
      },
    };
    const cached = withCache(flaky);
    await expect(cached.resolve('x.test', 'A')).rejects.toThrow('resolver bug');
    expect(await cached.resolve('x.test', 'A')).toEqual({ status: 'nodata' });
  });

  it.each([0, -1, 1.5])('rejects maxEntries %s', (maxEntries) => {
    expect(() => withCache(countingResolver(), { maxEntries })).toThrow(RangeError);
  });
});
