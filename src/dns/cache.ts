import { LruMap } from './lru-map.js';
import type { LookupResult, RecordType, Resolver } from './types.js';

export interface CacheOptions {
  /** Oldest-used entries are dropped beyond this many names × types. */
  maxEntries?: number;
}

export const DEFAULT_CACHE_ENTRIES = 10_000;

/**
 * A per-run cache in front of a resolver. Identical lookups share one promise, so concurrent
 * audits of domains that include the same SPF provider send one query, not one each.
 *
 * Failures (timeouts, SERVFAIL…) are cached too, for the life of the cache. The underlying
 * client has already retried them; asking again for every domain that references the same
 * slow name would multiply the run time by the number of such domains, and would let the same
 * name yield different results within one report. The cost — a transient failure sticks for
 * the run — is bounded because the cache lives only as long as one run. Only a rejected promise
 * (a resolver bug, not a DNS outcome) is forgotten so that it is not replayed.
 *
 * TTLs are ignored for the same reason: a run lasts minutes, not days.
 */
export function withCache(resolver: Resolver, options: CacheOptions = {}): Resolver {
  const maxEntries = options.maxEntries ?? DEFAULT_CACHE_ENTRIES;
  const entries = new LruMap<string, Promise<LookupResult>>(maxEntries);

  return {
    resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      const lower = name.toLowerCase();
      const key = `${type} ${lower.endsWith('.') ? lower.slice(0, -1) : lower}`;
      const cached = entries.get(key);
      if (cached) return cached as Promise<LookupResult<T>>;
      const lookup = resolver.resolve(name, type);
      entries.set(key, lookup);
      lookup.catch(() => {
        if (entries.get(key) === lookup) entries.delete(key);
      });
      return lookup;
    },
  };
}
