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
 * Streams items through `work` with bounded concurrency and hands results to `emit` in input order.
 * `items` is a plain iterable, or an async iterable of batches (the lines of one chunk read from a
 * file): waiting on the input then costs one promise per batch, not per item. Items are pulled only
 * when there is room, so neither input nor output is held whole beyond one batch.
 * `work` and `emit` may answer synchronously; they are awaited only when they return a promise.
 * Resolves with the number of items emitted.
 */
export async function runBatch<T, R>(
  items: AsyncIterable<Iterable<T>> | Iterable<T>,
  work: (item: T, index: number) => R | Promise<R>,
  emit: (result: R, index: number) => void | Promise<void>,
  options: BatchOptions,
): Promise<number> {
  const batches = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : undefined;
  let batch: Iterator<T> = batches ? EMPTY : (items as Iterable<T>)[Symbol.iterator]();
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

  const settle = (index: number, result: R): void => {
    finished.set(index, result);
    notify();
  };
  const fail = (error: unknown): void => {
    failure ??= error;
    notify();
  };
  const launch = (item: T, index: number): void => {
    try {
      const result = work(item, index);
      if (isPromiseLike(result)) result.then((value) => settle(index, value), fail);
      else settle(index, result);
    } catch (error) {
      fail(error);
    }
  };

  /** The first item of the next non-empty batch, or done at the end of the input. */
  const nextBatchItem = async (source: AsyncIterator<Iterable<T>>): Promise<IteratorResult<T>> => {
    for (;;) {
      const more = await source.next();
      if (more.done) return more;
      batch = more.value[Symbol.iterator]();
      const next = batch.next();
      if (!next.done) return next;
    }
  };

  const { concurrency } = options;
  const limit = typeof concurrency === 'number' ? () => concurrency : concurrency;

  options.signal?.addEventListener('abort', notify, { once: true });
  for (;;) {
    while (finished.has(emitted)) {
      const result = finished.get(emitted) as R;
      finished.delete(emitted);
      const emitting = emit(result, emitted++);
      if (emitting) await emitting;
    }
    if (failure !== undefined) throw failure;
    const inFlight = started - emitted - finished.size;
    const stopping = exhausted || options.signal?.aborted === true;
    if (stopping && started === emitted) return emitted;
    if (!stopping && inFlight < limit() && started - emitted < options.window) {
      let item = batch.next();
      if (item.done && batches) item = await nextBatchItem(batches);
      if (item.done) {
        exhausted = true;
        continue;
      }
      launch(item.value, started++);
      if (started % ITEMS_PER_TURN === 0) await nextTurn();
      continue;
    }
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

const EMPTY: Iterator<never> = { next: () => ({ done: true, value: undefined }) };

function isPromiseLike<R>(value: R | PromiseLike<R>): value is PromiseLike<R> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
