import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerPool, WorkerFailure, type WorkerPool } from '../../src/engine/worker-pool.js';

/** The pool on a test worker (test-worker.mjs, on the built worker side): no item may be lost, a failure must surface. */
const SCRIPT = new URL('./workers/test-worker.mjs', import.meta.url);
type Result = { item: unknown; threadId: number };

let pool: WorkerPool<unknown, Result> | undefined;
afterEach(async () => {
  await pool?.terminate();
  pool = undefined;
});

describe('startWorkerPool', () => {
  it('answers every item, spreads them over the threads, and closes each', async () => {
    pool = await startWorkerPool<unknown, Result>(SCRIPT, 3, { limit: 4 });
    expect(pool.capacity()).toBe(12);
    const items = Array.from({ length: 60 }, (_, i) => i);
    const results = await Promise.all(items.map((item) => pool!.run(item)));
    expect(results.map((result) => result.item)).toEqual(items);
    expect(new Set(results.map((result) => result.threadId)).size).toBe(3);
    expect(pool.inFlight()).toBe(0);
    const finals = await pool.close();
    expect(finals).toHaveLength(3);
    expect(finals.every((final) => /^closed \d+$/.test(String(final)))).toBe(true);
  });

  it('an item whose work throws rejects with its message; the others are answered', async () => {
    pool = await startWorkerPool<unknown, Result>(SCRIPT, 2, { limit: 8 });
    const [bad, good] = await Promise.allSettled([pool.run('throw'), pool.run(1)]);
    expect(bad).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ name: 'WorkerFailure', message: expect.stringMatching(/^worker thread \d of 2: bad item$/) }) });
    expect(good).toMatchObject({ status: 'fulfilled', value: { item: 1 } });
  });

  it.each([
    ['exits', 'exit', /^worker thread 1 of 1 exited \(code 7\) with \d+ domains unfinished$/],
    ['throws an uncaught error', 'uncaught', /^worker thread 1 of 1 failed: boom$/],
  ])('a thread that %s rejects every item in flight and every later one', async (_name, fatal, message) => {
    pool = await startWorkerPool<unknown, Result>(SCRIPT, 1, { limit: 8 });
    const slow = pool.run('slow');
    const outcomes = await Promise.allSettled([slow, pool.run(fatal)]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WorkerFailure);
      expect(((outcome as PromiseRejectedResult).reason as Error).message).toMatch(message);
    }
    await expect(pool.run(1)).rejects.toThrow(message);
    await expect(pool.close()).rejects.toThrow(message);
  });

  it('a thread that cannot start fails the start', async () => {
    await expect(startWorkerPool(SCRIPT, 2, { limit: 1, failAtStart: true })).rejects.toThrow(/^worker thread \d of 2 failed: cannot start$/);
  });
});
