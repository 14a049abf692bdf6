import type { AggregateRecord } from './types.js';

/** Everything about a record but its count, as one string: records with the same key are the same mail. */
function recordKey(r: AggregateRecord): string {
  const parts = [r.headerFrom, r.sourceIp, r.disposition, r.dkim, r.spf, r.envelopeFrom, r.reasons.join(',')];
  for (const d of r.dkimResults) parts.push(`d:${d.domain}/${d.selector}/${d.result}`);
  for (const s of r.spfResults) parts.push(`s:${s.domain}/${s.scope}/${s.result}`);
  return parts.join('\u0000');
}

/**
 * The records of one report, identical ones merged with their counts added, so a report holds as
 * many entries as it has distinct sources and results, however many rows the reporter wrote.
 */
export class RecordBatch {
  private readonly byKey = new Map<string, AggregateRecord>();
  /** Rows read, before merging. */
  rows = 0;

  add(record: AggregateRecord): void {
    this.rows++;
    const key = recordKey(record);
    const known = this.byKey.get(key);
    if (known) known.count += record.count;
    else this.byKey.set(key, record);
  }

  records(): AggregateRecord[] {
    return [...this.byKey.values()];
  }
}
