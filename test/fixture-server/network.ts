/**
 * A network like the real one between a resolver and the servers it asks, for the fixture server:
 * replies delayed by a long-tailed latency, datagrams lost, and names whose servers never answer.
 * Seeded, so a run can be repeated exactly in what it draws (not in how the client's timing falls).
 */
export interface NetworkOptions {
  /**
   * Each reply's delay, drawn from a lognormal distribution between `minMs` and `maxMs`: median their
   * geometric mean (39 ms for 5–300), the bounds 2.5 standard deviations out (clipped there), so most
   * replies are quick and a few take several times as long, as round trips to the world's name servers do.
   */
  latency?: { minMs: number; maxMs: number };
  /** Share (0–1) of UDP exchanges lost: the query or its reply never arrives. TCP retransmits, so it loses nothing. */
  dropRate?: number;
  /** Names whose servers never answer, over UDP or TCP: each, and every name below it. */
  neverAnswer?: readonly string[];
  /** Seed of the draws (default 1). */
  seed?: number;
}

export interface NetworkModel {
  /** Milliseconds to hold the next reply (0 without a latency distribution). */
  delayMs(): number;
  /** Whether the next UDP exchange is lost. */
  drops(): boolean;
  /** Whether `name` (lower case, no trailing dot) is at or below a name that never answers. */
  silent(name: string): boolean;
}

/** `5-300` → { minMs: 5, maxMs: 300 } (the form the bench and the server's command line take), or an error. */
export function parseLatencyRange(text: string): NonNullable<NetworkOptions['latency']> {
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!range) throw new Error(`a latency range is min-max in ms, e.g. 5-300; got "${text}"`);
  return { minMs: Number(range[1]), maxMs: Number(range[2]) };
}

/** mulberry32: a small, fast, well-spread 32-bit generator; enough for simulated loss and delay. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
}

/** Standard normal draws from uniform ones (Box–Muller). */
function normal(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** How many standard deviations from the median to each bound of the latency range. */
const SPREAD = 2.5;

export function networkModel(options: NetworkOptions): NetworkModel {
  const { latency, dropRate = 0 } = options;
  if (latency && !(latency.minMs > 0 && latency.maxMs >= latency.minMs)) throw new Error(`latency range ${latency.minMs}-${latency.maxMs}: need 0 < min <= max`);
  if (!(dropRate >= 0 && dropRate < 1)) throw new Error(`drop rate ${dropRate}: need 0 <= rate < 1`);
  const uniform = generator(options.seed ?? 1);
  const gaussian = normal(uniform);
  const silentNames = new Set((options.neverAnswer ?? []).map((name) => name.toLowerCase().replace(/\.$/, '')));
  const logMin = Math.log(latency?.minMs ?? 1);
  const logMax = Math.log(latency?.maxMs ?? 1);
  const median = (logMin + logMax) / 2;
  const sigma = (logMax - logMin) / (2 * SPREAD);
  return {
    delayMs: () => (latency ? Math.exp(Math.min(logMax, Math.max(logMin, median + sigma * gaussian()))) : 0),
    drops: () => dropRate > 0 && uniform() < dropRate,
    silent: (name) => {
      for (let suffix = name; silentNames.size > 0; ) {
        if (silentNames.has(suffix)) return true;
        const dot = suffix.indexOf('.');
        if (dot === -1) break;
        suffix = suffix.slice(dot + 1);
      }
      return false;
    },
  };
}
