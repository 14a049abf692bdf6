import { LruMap } from './lru-map.js';
import { canonicalName, type LookupResult, type RecordType, type Resolver } from './types.js';

export interface CacheOptions {
  /** Oldest-used entries are dropped beyond this many names, per record type. */
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
  // One LRU per type, keyed by the name alone: no "type name" key to build and hash on every lookup.
  // TXT, which every audit asks, is made up front, so a bad maxEntries is rejected at once.
  const byType = new Map<RecordType, LruMap<string, CacheEntry>>([['TXT', new LruMap(maxEntries)]]);
  const entriesOf = (type: RecordType): LruMap<string, CacheEntry> => {
    let entries = byType.get(type);
    if (!entries) byType.set(type, (entries = new LruMap(maxEntries)));
    return entries;
  };

  return {
    resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      const entries = entriesOf(type);
      const key = canonicalName(name);
      const cached = entries.get(key);
      if (cached) return cached.lookup as Promise<LookupResult<T>>;
      const entry: CacheEntry = { lookup: resolver.resolve(name, type), finished: false };
      entries.set(key, entry);
      entry.lookup.then(
        () => (entry.finished = true),
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.lookup as Promise<LookupResult<T>>;
    },
    finishedLookup<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> | undefined {
      const cached = entriesOf(type).get(canonicalName(name));
      return cached?.finished ? (cached.lookup as Promise<LookupResult<T>>) : undefined;
    },
    forget(name: string, type: RecordType): void {
      byType.get(type)?.delete(canonicalName(name));
    },
  };
}

interface CacheEntry {
  lookup: Promise<LookupResult>;
  /** The lookup has resolved: awaiting it waits for nothing. */
  finished: boolean;
}
