// A worker for worker-pool.test.ts, on the built serveWork: each item says what to do.
import { threadId, workerData } from 'node:worker_threads';
import { serveWork } from '../../../dist/src/engine/worker-serve.js';

if (workerData.failAtStart) throw new Error('cannot start');

serveWork({
  work: async (item) => {
    if (item === 'throw') throw new Error('bad item');
    if (item === 'exit') process.exit(7);
    if (item === 'uncaught') setImmediate(() => {
      throw new Error('boom');
    });
    if (item === 'slow' || item === 'uncaught') await new Promise((resolve) => setTimeout(resolve, 60_000));
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { item, threadId };
  },
  limit: () => workerData.limit,
  close: async () => `closed ${threadId}`,
});
