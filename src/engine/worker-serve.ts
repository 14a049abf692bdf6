import { parentPort } from 'node:worker_threads';
import type { FromWorker, Outcome, ToWorker } from './worker-pool.js';

/** What a worker thread does with the items a WorkerPool sends it. */
export interface WorkerService<T, R> {
  /** Started as soon as the item arrives: the pool sends no more than `limit()` at once. */
  work(item: T): Promise<R>;
  /** Items this worker takes at once; it may change (adaptive concurrency) and is reported with each batch of results. */
  limit(): number;
  /** After the last item: release everything; the value goes back to the pool's `close`. */
  close(): Promise<unknown>;
}

/**
 * The worker side of worker-pool.ts: runs each item it is sent and posts the results back, gathered
 * per event-loop turn so a busy worker sends one message per batch rather than one per item.
 */
export function serveWork<T, R>(service: WorkerService<T, R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWork runs in a worker thread');
  const post = (message: FromWorker<R>): void => port.postMessage(message);
  let outbox: Outcome<R>[] = [];
  const flush = (): void => {
    post({ type: 'done', limit: service.limit(), results: outbox });
    outbox = [];
  };
  const settle = (outcome: Outcome<R>): void => {
    if (outbox.length === 0) setImmediate(flush);
    outbox.push(outcome);
  };
  port.on('message', (message: ToWorker<T>) => {
    if (message.type === 'close') {
      // A close that fails is an uncaught error: the pool sees the thread fail.
      void service.close().then((final) => post({ type: 'closed', final }));
      return;
    }
    for (const { id, item } of message.items) {
      service.work(item).then(
        (value) => settle({ id, value }),
        (error: unknown) => settle({ id, error: error instanceof Error ? error.message : String(error) }),
      );
    }
  });
  post({ type: 'ready', limit: service.limit() });
}
