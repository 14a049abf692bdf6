export interface Shard {
  /** 1-based index of this shard. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | { error: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > 1_000_000) {
    return { error: `--shard takes k/n with 1 ≤ k ≤ n, e.g. 1/4; got "${text}"` };
  }
  return { index, count };
}

/** FNV-1a: fast, stable across machines and Node versions, and spreads similar names evenly. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Whether `key` belongs to `shard`: the shards of a list are disjoint and together cover it. */
export function inShard(key: string, shard: Shard): boolean {
  return fnv1a(key) % shard.count === shard.index - 1;
}
