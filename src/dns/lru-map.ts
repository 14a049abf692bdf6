interface Entry<K, V> {
  key: K;
  value: V;
  /** Toward the most recently used end. */
  newer: Entry<K, V> | undefined;
  /** Toward the least recently used end. */
  older: Entry<K, V> | undefined;
}

/**
 * A map holding at most `capacity` entries, dropping the least recently used, with every operation
 * O(1). (Deleting and re-inserting into a plain Map to keep recency order is not: V8 leaves a hole
 * for each deleted entry, and finding the oldest one then walks over all of them.)
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, Entry<K, V>>();
  private newest: Entry<K, V> | undefined;
  private oldest: Entry<K, V> | undefined;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`an LRU map needs a positive integer capacity, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, which becomes the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.unlink(entry);
    this.pushNewest(entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    const existing = this.entries.get(key);
    if (existing) this.remove(existing);
    const entry: Entry<K, V> = { key, value, newer: undefined, older: undefined };
    this.entries.set(key, entry);
    this.pushNewest(entry);
    if (this.entries.size > this.capacity && this.oldest) this.remove(this.oldest);
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry) this.remove(entry);
  }

  private remove(entry: Entry<K, V>): void {
    this.entries.delete(entry.key);
    this.unlink(entry);
  }

  private pushNewest(entry: Entry<K, V>): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest) this.newest.newer = entry;
    this.newest = entry;
    this.oldest ??= entry;
  }

  private unlink(entry: Entry<K, V>): void {
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
  }
}
