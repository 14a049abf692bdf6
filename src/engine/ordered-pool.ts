/**
 * Runs `work` over `items` with at most `concurrency` in flight and hands results to `emit`
 * in input order, so output lines up with input however long each item takes.
 */
export async function forEachInOrder<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => void | Promise<void>,
): Promise<void> {
  const done = new Map<number, R>();
  let nextToStart = 0;
  let nextToEmit = 0;
  let emitting: Promise<void> = Promise.resolve();

  const flush = async (): Promise<void> => {
    while (done.has(nextToEmit)) {
      const result = done.get(nextToEmit) as R;
      done.delete(nextToEmit);
      await emit(result, nextToEmit);
      nextToEmit++;
    }
  };

  const worker = async (): Promise<void> => {
    while (nextToStart < items.length) {
      const index = nextToStart++;
      done.set(index, await work(items[index] as T, index));
      emitting = emitting.then(flush);
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  await emitting;
}
