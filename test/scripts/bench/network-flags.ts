/**
 * The bench's lossy network (test/fixture-server/network.ts) from its flags:
 *   --latency-dist 5-300   each reply delayed by a long-tailed (lognormal) draw between 5 and 300 ms
 *   --drop 0.01            1 % of UDP exchanges lost
 *   --never-answer 20      20 domains of the population whose servers never answer (evenly spread)
 *   --seed 1               the draws' seed
 */
import { parseLatencyRange, type NetworkOptions } from '../../fixture-server/index.js';

export const NETWORK_FLAGS = {
  'latency-dist': { type: 'string' },
  drop: { type: 'string' },
  'never-answer': { type: 'string' },
  seed: { type: 'string', default: '1' },
} as const;

export interface BenchNetwork {
  /** Undefined when no flag asks for a lossy network. */
  options?: NetworkOptions;
  /** The domains that never answer: their reports must say error, never a verdict. */
  silent: ReadonlySet<string>;
  label: string;
}

export function benchNetwork(values: { 'latency-dist'?: string; drop?: string; 'never-answer'?: string; seed?: string }, names: readonly string[]): BenchNetwork {
  const latency = values['latency-dist'] === undefined ? undefined : parseLatencyRange(values['latency-dist']);
  const dropRate = values.drop === undefined ? undefined : Number(values.drop);
  const silentCount = Number(values['never-answer'] ?? 0);
  if (!(Number.isInteger(silentCount) && silentCount >= 0 && silentCount <= names.length)) throw new Error(`--never-answer takes 0 to ${names.length} domains`);
  const silent = new Set(Array.from({ length: silentCount }, (_, k) => names[Math.floor(((k + 0.5) * names.length) / silentCount)] as string));
  if (!latency && dropRate === undefined && silent.size === 0) return { silent, label: '' };
  const parts = [latency && `latency ${latency.minMs}-${latency.maxMs} ms (lognormal)`, dropRate !== undefined && `${dropRate * 100} % of datagrams dropped`, silent.size > 0 && `${silent.size} domains never answer`];
  return {
    options: { latency, dropRate, neverAnswer: [...silent], seed: Number(values.seed) },
    silent,
    label: parts.filter(Boolean).join(', '),
  };
}
