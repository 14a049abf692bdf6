/** The DNS side of an SPF walk: a per-walk cache and a hard cap on the work one domain may cause. */
import { resolveSafely } from '../dns/resolve-safely.js';
import type { LookupResult, RecordType, Resolver } from '../dns/types.js';

/**
 * DNS queries one analysis may ask for. Requests answered from the cache count too, so a hostile
 * tree that names the same records over and over is bounded as well as one that names new ones.
 */
export const MAX_SPF_QUERIES = 100;

export class SpfQueries {
  private readonly cache = new Map<string, Promise<LookupResult>>();
  private used = 0;

  constructor(
    private readonly resolver: Resolver,
    private readonly limit: number = MAX_SPF_QUERIES,
  ) {}

  /** The TXT lookup of the domain a walk starts from; it always happens, so the cap leaves it out. */
  root(name: string): Promise<LookupResult<'TXT'>> {
    return this.resolve(name, 'TXT');
  }

  /**
   * Starts the lookups of `name` for every type in `types` at once (they are independent), or
   * returns null, asking for nothing, when they would go past the cap.
   */
  lookup<T extends RecordType>(name: string, types: readonly T[]): Promise<LookupResult<T>[]> | null {
    return this.spend(types.length) ? Promise.all(types.map((type) => this.resolve(name, type))) : null;
  }

  /** `lookup` for a single type, without the list: includes and redirects ask only for TXT. */
  lookupOne<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> | null {
    return this.spend(1) ? this.resolve(name, type) : null;
  }

  /** Counts `count` queries against the cap if they fit; false, counting nothing, if they do not. */
  private spend(count: number): boolean {
    if (this.used + count > this.limit) return false;
    this.used += count;
    return true;
  }

  /**
   * One cached lookup outside the cap. check_host() asks this way: RFC 7208 §4.6.4 already bounds
   * its work (10 DNS terms, 10 MX or PTR names each), and it stops there, unlike the audit walk.
   */
  resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
    const key = `${type} ${name}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = resolveSafely(this.resolver, name, type);
      this.cache.set(key, pending);
    }
    return pending as Promise<LookupResult<T>>;
  }
}
