/**
 * Two runs' reports, each in domain order (sortedByDomain), walked side by side: every domain once,
 * with its changes. A domain read twice in one input counts once (its first report).
 */
import type { ReportData } from '../report/report.js';
import { compareReports, worstClass, type ChangeClass, type DomainDiff } from './compare.js';
import type { KeyedLine } from './sorted-reports.js';

/** A domain compared: its key and what changed (null when nothing did). */
export interface Compared {
  domain: string;
  diff: DomainDiff | null;
}

/** Drops the later reports of a domain, telling `onDuplicate` where each was and where the kept one is. */
async function* firstOfEach(entries: AsyncIterable<KeyedLine>, onDuplicate: (entry: KeyedLine, first: KeyedLine) => void): AsyncGenerator<KeyedLine> {
  let first: KeyedLine | undefined;
  for await (const entry of entries) {
    if (first && entry.key === first.key) {
      onDuplicate(entry, first);
      continue;
    }
    first = entry;
    yield entry;
  }
}

/** The lines were checked against the schema when they were first read. */
const reportOf = (entry: KeyedLine | undefined): ReportData | null => (entry ? (JSON.parse(entry.text) as ReportData) : null);

export async function* joinByDomain(
  old: AsyncIterable<KeyedLine>,
  now: AsyncIterable<KeyedLine>,
  onDuplicate: (side: 'old' | 'new', entry: KeyedLine, first: KeyedLine) => void,
): AsyncGenerator<Compared> {
  const a = firstOfEach(old, (entry, first) => onDuplicate('old', entry, first))[Symbol.asyncIterator]();
  const b = firstOfEach(now, (entry, first) => onDuplicate('new', entry, first))[Symbol.asyncIterator]();
  let left = await a.next();
  let right = await b.next();
  while (!left.done || !right.done) {
    const l = left.done ? undefined : left.value;
    const r = right.done ? undefined : right.value;
    const takeLeft = l !== undefined && (r === undefined || l.key <= r.key);
    const takeRight = r !== undefined && (l === undefined || r.key <= l.key);
    const domain = (takeLeft ? l : r)!.key;
    yield { domain, diff: compareReports(takeLeft ? reportOf(l) : null, takeRight ? reportOf(r) : null) };
    if (takeLeft) left = await a.next();
    if (takeRight) right = await b.next();
  }
}

/** Domains by outcome: each changed domain counts under its worst change. */
export class DiffTally {
  unchanged = 0;
  added = 0;
  removed = 0;
  readonly changed: Record<ChangeClass, number> = { regression: 0, improvement: 0, change: 0 };

  add({ diff }: Compared): void {
    if (diff === null) this.unchanged++;
    else if (diff.status === 'added') this.added++;
    else if (diff.status === 'removed') this.removed++;
    else this.changed[worstClass(diff.changes)]++;
  }

  /** Domains in both runs. */
  get compared(): number {
    return this.unchanged + this.changed.regression + this.changed.improvement + this.changed.change;
  }
}
