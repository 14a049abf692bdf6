import type { LookupResult, RecordType, Resolver } from './types.js';

export interface QueryLimits {
  /** Lookups waiting on the wrapped resolver at once. */
  maxInFlight: number;
  /** Lookups started per second; unlimited when absent. Cloud resolvers throttle per interface. */
  ratePerSecond?: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Caps what reaches the wrapped resolver: at most `maxInFlight` lookups at once (FIFO beyond that) and
 * optionally an even rate. Put it under the cache so cached answers never wait.
 */
export function withQueryLimit(resolver: Resolver, limits: QueryLimits, clock: Clock = realClock): Resolver {
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let nextStart = 0;
  const spacing = limits.ratePerSecond ? 1000 / limits.ratePerSecond : 0;

  const acquire = async (): Promise<void> => {
    if (inFlight >= limits.maxInFlight) await new Promise<void>((resolve) => waiting.push(resolve));
    else inFlight++;
    if (spacing > 0) {
      const now = clock.now();
      const start = Math.max(now, nextStart);
      nextStart = start + spacing;
      if (start > now) await clock.sleep(start - now);
    }
  };
  // A finished lookup hands its slot straight to the next waiter, so inFlight never overshoots.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  // One then() with both handlers, not finally(): finally() adds two promises of its own to every lookup.
  const releaseAfter = <T>(lookup: Promise<T>): Promise<T> =>
    lookup.then(
      (result) => {
        release();
        return result;
      },
      (error: unknown) => {
        release();
        throw error;
      },
    );

  return {
    resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      // The common case, a free slot and no rate limit, asks at once.
      if (spacing === 0 && inFlight < limits.maxInFlight) {
        inFlight++;
        return releaseAfter(resolver.resolve(name, type));
      }
      return acquire().then(() => releaseAfter(resolver.resolve(name, type)));
    },
  };
}
