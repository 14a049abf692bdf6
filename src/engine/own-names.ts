import { canonicalName, type LookupResult, type RecordType, type Resolver } from '../dns/types.js';

/**
 * Most names an audit asks are its own domain's: `_dmarc.<domain>`, its SPF record and MX, its DKIM
 * selectors, mail hosts named below it. No other domain of a list asks them, but kept in the run's cache
 * they would push out the names domains do share (providers' SPF includes, parents on the DMARC tree
 * walk, shared mail hosts), and living until evicted they would outlast the garbage collector's young
 * generation: copied twice, promoted, then marked by every full collection (an eighth of what each
 * further domain cost in `npm run bench -- --instructions --margin`). So an audit drops its own names
 * from the cache when it ends.
 *
 * What this costs: a domain listed again after its audit ended, or a parent listed before its
 * subdomains, is asked again (one query per name). While two audits of one domain run at once, the
 * names stay until the last ends, so no audit sees a name answered twice.
 */
export interface OwnNameScope {
  /** The audit's view of the cache: notes the own names asked through it. */
  resolver: Resolver;
  /** The audit is over: its own names leave the cache (unless another audit of the domain is running). */
  end(): void;
}

/** Scopes over `cache` (a resolver with `forget`), one per audit: `begin(domain)` with the normalized domain. */
export function ownNameScopes(cache: Resolver): { begin(domain: string): OwnNameScope } {
  const running = new Map<string, number>();
  return {
    begin(domain) {
      if (!cache.forget) return { resolver: cache, end: () => {} };
      running.set(domain, (running.get(domain) ?? 0) + 1);
      const suffix = `.${domain}`;
      const asked: [string, RecordType][] = [];
      const resolver: Resolver = {
        resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
          const canonical = canonicalName(name);
          if (canonical === domain || canonical.endsWith(suffix)) asked.push([canonical, type]);
          return cache.resolve(name, type);
        },
      };
      if (cache.finishedLookup) resolver.finishedLookup = cache.finishedLookup.bind(cache);
      return {
        resolver,
        end() {
          const others = (running.get(domain) ?? 1) - 1;
          if (others > 0) {
            running.set(domain, others);
            return;
          }
          running.delete(domain);
          for (const [name, type] of asked) cache.forget?.(name, type);
        },
      };
    },
  };
}
