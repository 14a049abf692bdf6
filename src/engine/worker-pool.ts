import { Worker } from 'node:worker_threads';

/**
 * Items of work spread over worker threads (node:worker_threads), each with its own state (its own
 * sockets and cache): the threads share nothing but the items they are sent and the results they send
 * back. The worker side of the protocol is `serveWork` (worker-serve.ts).
 */

/** The main thread's messages to a worker. */
export type ToWorker<T> = { type: 'work'; items: { id: number; item: T }[] } | { type: 'close' };

/** What became of one item: its result, or the message of the error its work threw. */
export type Outcome<R> = { id: number; value: R } | { id: number; error: string };

/** A worker's messages: its limit (items it takes at once) comes with every batch of results. */
export type FromWorker<R> = { type: 'ready'; limit: number } | { type: 'done'; limit: number; results: Outcome<R>[] } | { type: 'closed'; final: unknown };

/** A worker thread that failed (an uncaught error, an exit before it was told to close), or an item whose work threw. */
export class WorkerFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailure';
  }
}

export interface WorkerPool<T, R> {
  readonly size: number;
  /** Items the workers take at once: the sum of their limits, as they last reported them. */
  capacity(): number;
  /** Items sent and not yet answered. */
  inFlight(): number;
  /** Sends the item to the worker with the most room; rejects with a WorkerFailure if it fails. */
  run(item: T): Promise<R>;
  /** Lets every worker finish and close (each answers `final`); then stops the threads. */
  close(): Promise<unknown[]>;
  /** Stops every thread, whatever it was doing (each closes its sockets first, for a moment at most). */
  terminate(): Promise<void>;
}

interface Pending<R> {
  resolve(value: R): void;
  reject(error: Error): void;
}

interface Thread<R> {
  worker: Worker;
  limit: number;
  pending: Map<number, Pending<R>>;
  outbox: { id: number; item: unknown }[];
  /** Told to stop: its exit is no failure. */
  closing: boolean;
  /** Called with what the thread answers to `close`. */
  onClosed?: (final: unknown) => void;
  exited: Promise<void>;
}

/** How long a thread being stopped may take to close its sockets before it is stopped anyway. */
const CLOSE_GRACE_MS = 2000;

/**
 * Starts `count` threads running `script` with `workerData`, and resolves once each has said it is
 * ready. If one fails at any point, every item in flight rejects (no item is ever silently lost) and
 * so does every later `run`.
 */
export async function startWorkerPool<T, R>(script: URL, count: number, workerData: unknown): Promise<WorkerPool<T, R>> {
  const threads: Thread<R>[] = [];
  const ready: Promise<void>[] = [];
  let failure: WorkerFailure | undefined;
  let nextId = 0;
  let flushScheduled = false;

  const terminateAll = async (): Promise<void> => {
    for (const thread of threads) thread.closing = true;
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  };
  /**
   * Each thread is asked to close first, so its sockets are closed before it is stopped: stopping a
   * thread while one of its UDP sockets receives a datagram can abort the whole process (Node 20 fails
   * a native assertion in UDPWrap::OnRecv, seen once in a `| head -1` run).
   */
  const stop = async (): Promise<void> => {
    await Promise.all(
      threads.map(async (thread) => {
        thread.closing = true;
        const closed = new Promise<void>((resolve) => (thread.onClosed = () => resolve()));
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
        thread.worker.postMessage({ type: 'close' } satisfies ToWorker<unknown>);
        await Promise.race([closed, thread.exited, grace]);
        clearTimeout(timer);
      }),
    );
    await terminateAll();
  };

  const fail = (error: WorkerFailure): void => {
    failure ??= error;
    for (const thread of threads) {
      for (const pending of thread.pending.values()) pending.reject(failure);
      thread.pending.clear();
    }
    void stop();
  };

  const flush = (): void => {
    flushScheduled = false;
    for (const thread of threads) {
      if (thread.outbox.length === 0) continue;
      thread.worker.postMessage({ type: 'work', items: thread.outbox } satisfies ToWorker<unknown>);
      thread.outbox = [];
    }
  };

  for (let number = 1; number <= count; number++) {
    const worker = new Worker(script, { workerData });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const thread: Thread<R> = { worker, limit: 1, pending: new Map(), outbox: [], closing: false, exited };
    threads.push(thread);
    const name = `worker thread ${number} of ${count}`;
    ready.push(
      new Promise<void>((resolve, reject) => {
        worker.on('message', (message: FromWorker<R>) => {
          if (message.type === 'closed') return thread.onClosed?.(message.final);
          thread.limit = message.limit;
          if (message.type === 'ready') return resolve();
          for (const outcome of message.results) {
            const pending = thread.pending.get(outcome.id);
            thread.pending.delete(outcome.id);
            if ('error' in outcome) pending?.reject(new WorkerFailure(`${name}: ${outcome.error}`));
            else pending?.resolve(outcome.value);
          }
        });
        worker.on('error', (error: Error) => {
          const failed = new WorkerFailure(`${name} failed: ${error.message}`);
          reject(failed);
          fail(failed);
        });
        worker.on('messageerror', (error: Error) => fail(new WorkerFailure(`${name}: a message could not be read: ${error.message}`)));
        worker.on('exit', (code) => {
          if (thread.closing) return;
          const failed = new WorkerFailure(`${name} exited (code ${code}) with ${thread.pending.size} domains unfinished`);
          reject(failed);
          fail(failed);
        });
      }),
    );
  }

  try {
    await Promise.all(ready);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    size: count,
    capacity: () => threads.reduce((sum, thread) => sum + thread.limit, 0),
    inFlight: () => threads.reduce((sum, thread) => sum + thread.pending.size, 0),
    run: (item) => {
      if (failure) return Promise.reject(failure);
      let chosen = threads[0] as Thread<R>;
      for (const thread of threads) if (thread.limit - thread.pending.size > chosen.limit - chosen.pending.size) chosen = thread;
      const id = nextId++;
      chosen.outbox.push({ id, item });
      // Items started together (runBatch starts many in one turn) go in one message.
      if (!flushScheduled) {
        flushScheduled = true;
        queueMicrotask(flush);
      }
      return new Promise<R>((resolve, reject) => chosen.pending.set(id, { resolve, reject }));
    },
    close: async () => {
      if (failure) throw failure;
      const finals = await Promise.all(
        threads.map(
          (thread) =>
            new Promise<unknown>((resolve, reject) => {
              thread.onClosed = resolve;
              void thread.exited.then(() => reject(failure ?? new WorkerFailure('a worker thread exited while closing')));
              thread.worker.postMessage({ type: 'close' } satisfies ToWorker<unknown>);
            }),
        ),
      );
      // Each has closed its sockets: nothing more to wait for.
      await terminateAll();
      return finals;
    },
    terminate: stop,
  };
}
