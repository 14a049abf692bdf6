import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/engine/batch.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 0…count-1 in batches of `batchSize`, each batch produced lazily, so `onPull` sees every item as it is taken. */
async function* numbers(count: number, onPull?: (n: number) => void, batchSize = 7): AsyncGenerator<Iterable<number>> {
  for (let first = 0; first < count; first += batchSize) {
    yield (function* () {
      for (let i = first; i < Math.min(count, first + batchSize); i++) {
        onPull?.(i);
        yield i;
      }
    })();
  }
}

/** The same items in batches given as arrays of the sizes listed (empty ones included). */
async function* inBatches(sizes: number[]): AsyncGenerator<number[]> {
  let next = 0;
  for (const size of sizes) yield Array.from({ length: size }, () => next++);
}

describe('runBatch', () => {
  it('lets timers run while work that never waits on I/O streams through', async () => {
    // Every item settles in a microtask, like a cached audit or an invalid input line: the progress timer must still fire.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const count = await runBatch(numbers(200_000), async (i) => i, () => {}, { concurrency: 256, window: 1024 });
    clearInterval(timer);
    expect(count).toBe(200_000);
    expect(ticks).toBeGreaterThan(0);
  });

  it('emits in input order whatever the completion order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (delays, concurrency) => {
        const out: number[] = [];
        const count = await runBatch(numbers(delays.length), async (i) => (await delay(delays[i]!), i * 10), (r) => void out.push(r), { concurrency, window: 16 });
        expect(count).toBe(delays.length);
        expect(out).toEqual(delays.map((_, i) => i * 10));
      }),
      { numRuns: 30 },
    );
  });

  it('takes items however the input is cut into batches, and answers given without a promise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 12 }), fc.integer({ min: 1, max: 8 }), async (sizes, concurrency) => {
        const total = sizes.reduce((sum, size) => sum + size, 0);
        const out: number[] = [];
        const count = await runBatch(inBatches(sizes), (i) => (i % 2 === 0 ? i : Promise.resolve(i)), (r) => void out.push(r), { concurrency, window: 8 });
        expect(count).toBe(total);
        expect(out).toEqual([...Array(total).keys()]);
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    [1, 1],
    [4, 4],
    [8, 3],
  ])('keeps at most %i in flight and stays within a window of %i', async (concurrency, window) => {
    let inFlight = 0;
    let maxInFlight = 0;
    let pulled = 0;
    let emitted = 0;
    let maxAhead = 0;
    await runBatch(
      numbers(50, () => {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - emitted);
      }),
      async (i) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await delay(i % 7 === 0 ? 6 : 1);
        inFlight--;
        return i;
      },
      () => void emitted++,
      { concurrency, window },
    );
    expect(maxInFlight).toBeLessThanOrEqual(Math.min(concurrency, window));
    expect(maxAhead).toBeLessThanOrEqual(window);
    expect(emitted).toBe(50);
  });

  it('asks a limit given as a function before each start, so the limit can change during the run', async () => {
    let limit = 1;
    let inFlight = 0;
    const seen: [number, number][] = [];
    await runBatch(
      numbers(40),
      async (i) => {
        inFlight++;
        seen.push([limit, inFlight]);
        if (i === 10) limit = 6;
        if (i === 25) limit = 2;
        await delay(1);
        inFlight--;
        return i;
      },
      () => {},
      { concurrency: () => limit, window: 64 },
    );
    // Each start sees the limit that admitted it (work runs synchronously until its first await).
    expect(seen.filter(([allowed, running]) => running > allowed)).toEqual([]);
    expect(Math.max(...seen.map(([, running]) => running))).toBe(6);
    expect(seen.slice(-5).every(([allowed]) => allowed === 2)).toBe(true);
  });

  it('stops pulling on abort and still emits what was started', async () => {
    const controller = new AbortController();
    let pulled = 0;
    const out: number[] = [];
    const count = await runBatch(
      numbers(1000, () => void pulled++),
      async (i) => {
        if (i === 5) controller.abort();
        await delay(2);
        return i;
      },
      (r) => void out.push(r),
      { concurrency: 4, window: 8, signal: controller.signal },
    );
    expect(count).toBe(out.length);
    expect(out).toEqual([...out.keys()]);
    expect(pulled).toBeLessThan(20);
  });

  const failAtTwo = (i: number): number => {
    if (i === 2) throw new Error('boom');
    return i;
  };
  it.each([
    ['rejects', async (i: number) => failAtTwo(i)],
    ['throws', failAtTwo],
  ])('when work %s, rejects with the first error after in-order results before it', async (_, work) => {
    const out: number[] = [];
    await expect(runBatch([0, 1, 2, 3], work, (r) => void out.push(r), { concurrency: 1, window: 4 })).rejects.toThrow('boom');
    expect(out).toEqual([0, 1]);
  });
});
