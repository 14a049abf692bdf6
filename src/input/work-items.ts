import { normalizeDomain } from '../domain/normalize.js';
import { inShard, type Shard } from '../engine/shard.js';
import { listLineReader } from './domain-line.js';
import type { InputLine } from './read-lines.js';

/** One row of output to produce: a domain to audit, or an input line to report as invalid. */
export type WorkItem =
  | { kind: 'domain'; domain: string; line?: number }
  | { kind: 'invalid'; input: string; error: string; line?: number };

function keep(item: WorkItem, shard: Shard | undefined): boolean {
  return !shard || inShard(item.kind === 'domain' ? item.domain : item.input, shard);
}

/** Domains given as arguments come first, in order; they were validated before the run started. */
export function* argumentItems(domains: readonly string[], shard?: Shard): Generator<WorkItem> {
  for (const input of domains) {
    const result = normalizeDomain(input);
    const item: WorkItem = result.ok ? { kind: 'domain', domain: result.domain } : { kind: 'invalid', input, error: result.error };
    if (keep(item, shard)) yield item;
  }
}

/** The work a domain-list file asks for, one chunk of lines at a time, keeping line numbers for error reports. */
export async function* fileItems(lines: AsyncIterable<readonly InputLine[]>, shard?: Shard): AsyncGenerator<WorkItem[]> {
  const read = listLineReader();
  for await (const chunk of lines) {
    const items: WorkItem[] = [];
    for (const entry of read(chunk)) {
      const item: WorkItem =
        entry.kind === 'domain'
          ? { kind: 'domain', domain: entry.domain, line: entry.line }
          : { kind: 'invalid', input: entry.input, error: entry.error, line: entry.line };
      if (keep(item, shard)) items.push(item);
    }
    if (items.length > 0) yield items;
  }
}
