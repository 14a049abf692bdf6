/** An entry of a `DeadlineQueue`: the queue keeps its deadline and its place in the line on it. */
export interface Deadlined<T> {
  deadline: number;
  older: T | undefined;
  newer: T | undefined;
}

/**
 * Entries that share one timeout, each expiring that long after it was added, under one timer.
 * Added in order, they expire in order, so the queue is a list: adding and removing cost a few
 * pointer writes, where a timer per entry costs a Timeout object, a closure, and a clearTimeout at
 * thousands of DNS queries a second. The timer is armed for the oldest entry only and keeps the
 * process alive while anything is queued, as a timer per entry would.
 */
export class DeadlineQueue<T extends Deadlined<T>> {
  private oldest: T | undefined;
  private newest: T | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly expire: (entry: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(entry: T): void {
    entry.deadline = this.now() + this.timeoutMs;
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
    this.timer ??= setTimeout(this.sweep, this.timeoutMs);
  }

  /** Takes the entry out of the queue; an entry not in it (expired, removed, never added) is left alone. */
  remove(entry: T): void {
    if (entry.older) entry.older.newer = entry.newer;
    else if (this.oldest === entry) this.oldest = entry.newer;
    else return;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = entry.newer = undefined;
    if (!this.oldest) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private readonly sweep = (): void => {
    this.timer = undefined;
    const now = this.now();
    // An expired entry's owner may add another at once; it lands at the far end, with a later deadline.
    for (let entry = this.oldest; entry && entry.deadline <= now; entry = this.oldest) {
      this.remove(entry);
      this.expire(entry);
    }
    if (!this.oldest) return;
    // Re-armed for the oldest entry even if an owner's add armed it for a full timeout. The timer runs on
    // the event loop's clock, which may be a fraction of a millisecond behind ours: never less than 1 ms.
    clearTimeout(this.timer);
    this.timer = setTimeout(this.sweep, Math.max(1, Math.ceil(this.oldest.deadline - now)));
  };
}
