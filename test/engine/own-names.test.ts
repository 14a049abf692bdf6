import { describe, expect, it } from 'vitest';
import { withCache } from '../../src/dns/cache.js';
import { createMemoryResolver } from '../../src/dns/memory.js';
import type { LookupResult, RecordType, Resolver } from '../../src/dns/types.js';
import { createAuditor } from '../../src/engine/auditor.js';
import { ownNameScopes } from '../../src/engine/own-names.js';

/** A resolver that answers NODATA and notes each question reaching it. */
function counting(inner: Resolver = { resolve: async () => ({ status: 'nodata' }) }): Resolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: <T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> => {
      asked.push(`${type} ${name}`);
      return inner.resolve(name, type);
    },
  };
}

describe('ownNameScopes: an audit leaves its own names out of the run cache', () => {
  it.each<[string, string, boolean]>([
    ['the domain itself', 'example.test', true],
    ['a name below it', '_dmarc.example.test', true],
    ['case and trailing dot do not matter', 'S1._DomainKey.Example.TEST.', true],
    ['a parent (a subdomain tree walk asks it)', '_dmarc.test', false],
    ['a name ending in the same letters, not at a label boundary', 'notexample.test', false],
    ['another domain (a provider include)', '_spf.provider.test', false],
  ])('%s: %s forgotten = %s', async (_, name, forgotten) => {
    const network = counting();
    const cache = withCache(network);
    const scope = ownNameScopes(cache).begin('example.test');
    await scope.resolver.resolve(name, 'TXT');
    scope.end();
    await cache.resolve(name, 'TXT');
    expect(network.asked).toHaveLength(forgotten ? 2 : 1);
  });

  it('keeps the names while another audit of the same domain runs, and drops them when the last ends', async () => {
    const network = counting();
    const cache = withCache(network);
    const scopes = ownNameScopes(cache);
    const first = scopes.begin('example.test');
    const second = scopes.begin('example.test');
    await first.resolver.resolve('_dmarc.example.test', 'TXT');
    await second.resolver.resolve('_dmarc.example.test', 'TXT');
    first.end();
    await second.resolver.resolve('_dmarc.example.test', 'TXT');
    expect(network.asked).toEqual(['TXT _dmarc.example.test']);
    second.end();
    await cache.resolve('_dmarc.example.test', 'TXT');
    expect(network.asked).toEqual(['TXT _dmarc.example.test', 'TXT _dmarc.example.test']);
  });

  it('forgets only the type asked: the same name of another type stays', async () => {
    const network = counting();
    const cache = withCache(network);
    await cache.resolve('example.test', 'MX');
    const scope = ownNameScopes(cache).begin('example.test');
    await scope.resolver.resolve('example.test', 'TXT');
    scope.end();
    await cache.resolve('example.test', 'MX');
    expect(network.asked).toEqual(['MX example.test', 'TXT example.test']);
  });
});

describe('createAuditor: own names and shared names across audits', () => {
  const zone = {
    '_dmarc.org.test': { TXT: ['v=DMARC1; p=reject'] },
    'a.org.test': { TXT: ['v=spf1 include:_spf.provider.test -all'], MX: [{ preference: 10, exchange: 'mx.provider.test' }] },
    'b.org.test': { TXT: ['v=spf1 include:_spf.provider.test -all'], MX: [{ preference: 10, exchange: 'mx.provider.test' }] },
    '_spf.provider.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
    'mx.provider.test': { A: ['192.0.2.1'] },
  };

  it('asks a shared name once for the run and a domain audited twice again', async () => {
    const network = counting(createMemoryResolver(zone));
    const auditor = await createAuditor({ resolver: network });
    for (const domain of ['a.org.test', 'b.org.test', 'a.org.test']) await auditor.audit(domain);
    const times = (question: string): number => network.asked.filter((asked) => asked === question).length;
    expect(times('TXT _spf.provider.test')).toBe(1);
    expect(times('TXT _dmarc.org.test')).toBe(1);
    expect(times('TXT _dmarc.a.org.test')).toBe(2);
    expect(times('TXT a.org.test')).toBe(2);
    await auditor.close();
  });

  it('gives the same report the second time', async () => {
    const auditor = await createAuditor({ resolver: createMemoryResolver(zone) });
    const first = await auditor.audit('a.org.test');
    await auditor.audit('b.org.test');
    expect(await auditor.audit('a.org.test')).toEqual(first);
    await auditor.close();
  });
});
