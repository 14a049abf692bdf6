import { describe, expect, it } from 'vitest';
import { withQueryLimit } from '../../src/dns/limit.js';
import type { LookupResult, RecordType, Resolver } from '../../src/dns/types.js';

function slowResolver(ms: number) {
  const stats = { inFlight: 0, max: 0, starts: 0 };
  const resolver: Resolver = {
    async resolve<T extends RecordType>(): Promise<LookupResult<T>> {
      stats.inFlight++;
      stats.max = Math.max(stats.max, stats.inFlight);
      stats.starts++;
      await new Promise((resolve) => setTimeout(resolve, ms));
      stats.inFlight--;
      return { status: 'nodata' };
    },
  };
  return { resolver, stats };
}

describe('withQueryLimit', () => {
  it.each([1, 3, 10])('never has more than %i lookups in flight, and answers all', async (maxInFlight) => {
    const { resolver, stats } = slowResolver(2);
    const limited = withQueryLimit(resolver, { maxInFlight });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => limited.resolve(`n${i}.test`, 'TXT')));
    expect(results.every((r) => r.status === 'nodata')).toBe(true);
    expect(stats.max).toBeLessThanOrEqual(maxInFlight);
    expect(stats.starts).toBe(40);
  });

  it('spaces starts evenly at the given rate', async () => {
    const { resolver } = slowResolver(0);
    const sleeps: number[] = [];
    const clock = { now: () => 1000, sleep: async (ms: number) => void sleeps.push(ms) };
    const limited = withQueryLimit(resolver, { maxInFlight: 100, ratePerSecond: 200 }, clock);
    await Promise.all(Array.from({ length: 5 }, (_, i) => limited.resolve(`n${i}.test`, 'A')));
    // 200/s is one start every 5 ms: with the clock standing still, each later start waits 5 ms more.
    expect(sleeps).toEqual([5, 10, 15, 20]);
  });

  it('releases the slot when the resolver throws', async () => {
    let calls = 0;
    const limited = withQueryLimit(
      { resolve: async () => { calls++; throw new Error('broken'); } },
      { maxInFlight: 1 },
    );
    await expect(limited.resolve('a.test', 'A')).rejects.toThrow('broken');
    await expect(limited.resolve('b.test', 'A')).rejects.toThrow('broken');
    expect(calls).toBe(2);
  });
});
