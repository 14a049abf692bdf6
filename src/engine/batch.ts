export interface BatchOptions {
  /** Items in flight at once: a number, or a function asked before each start (a limit that changes). */
  concurrency: number | (() => number);
  /**
   * How far past the oldest unfinished item new work may start. Results wait here to leave in input
   * order, so this bounds memory whatever the input length; one slow item holds later ones back.
   */
  window: number;
  /** Stops pulling new items; items already started still finish and are emitted. */
  signal?: AbortSignal;
}

/**
 * Items started between two turns of the event loop at most. Work that finishes from cache, and input
 * lines that are only errors, settle in microtasks; without a turn now and then, timers (the progress
 * line) and signal handlers would wait for the whole list.
 */
const ITEMS_PER_TURN = 512;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Streams `items` through `work` with bounded concurrency and hands results to `emit` in input order.
 * Items are pulled from the source only when there is room, so neither input nor output is held whole.
 * Resolves with the number of items emitted.
 */
export async function runBatch<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => void | Promise<void>,
  options: BatchOptions,
): Promise<number> {
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  const finished = new Map<number, R>();
  let started = 0;
  let emitted = 0;
  let exhausted = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };

  const launch = async (item: T, index: number): Promise<void> => {
    try {
      finished.set(index, await work(item, index));
    } catch (error) {
      failure ??= error;
    }
    notify();
  };

  const { concurrency } = options;
  const limit = typeof concurrency === 'number' ? () => concurrency : concurrency;

  options.signal?.addEventListener('abort', notify, { once: true });
  for (;;) {
    while (finished.has(emitted)) {
      const result = finished.get(emitted) as R;
      finished.delete(emitted);
      await emit(result, emitted++);
    }
    if (failure !== undefined) throw failure;
    const inFlight = started - emitted - finished.size;
    const stopping = exhausted || options.signal?.aborted === true;
    if (stopping && started === emitted) return emitted;
    if (!stopping && inFlight < limit() && started - emitted < options.window) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        continue;
      }
      const index = started++;
      void launch(next.value, index);
      if (started % ITEMS_PER_TURN === 0) await nextTurn();
      continue;
    }
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function* toAsync<T>(iterator: Iterator<T>): AsyncGenerator<T> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
}
