/**
 * Where reports go once read: duplicates dropped (reporter + report id), the window applied, and
 * what was read counted for the summary. The in-memory store folds reports straight into the tally;
 * the SQLite store (src/reports/sqlite-store.ts) keeps them across runs.
 */
import type { ExtractSink } from './extract.js';
import { ReportTally } from './tally.js';
import { TlsTally } from './tls-tally.js';
import type { AggregateReport, TlsReport } from './types.js';
import { reportKey } from './types.js';

export type AddOutcome = 'added' | 'duplicate';

/** The reports of the window, added up. */
export interface WindowTallies {
  tally: ReportTally;
  tls: TlsTally;
  reports: number;
  tlsReports: number;
  /** Reports read or stored that end before the window. */
  outsideWindow: number;
}

export interface ReportStore {
  addAggregate(report: AggregateReport, origin: string): AddOutcome;
  addTls(report: TlsReport, origin: string): AddOutcome;
  windowTallies(): WindowTallies;
  close(): void;
}

/** `since` in seconds: a report counts when its period ends at or after it. */
export const inWindow = (end: number, since: number | null): boolean => since === null || end >= since;

/**
 * Reports of this run only, folded into the tallies as they arrive: memory grows with distinct
 * sources, not with reports; only the keys of the reports seen are kept, to drop duplicates.
 */
export class MemoryStore implements ReportStore {
  private readonly seen = new Set<string>();
  private readonly tallies: WindowTallies = { tally: new ReportTally(), tls: new TlsTally(), reports: 0, tlsReports: 0, outsideWindow: 0 };

  constructor(private readonly since: number | null) {}

  addAggregate(report: AggregateReport): AddOutcome {
    if (!this.remember(`a\u0000${reportKey(report)}`)) return 'duplicate';
    if (!inWindow(report.end, this.since)) this.tallies.outsideWindow++;
    else {
      addReport(this.tallies.tally, report);
      this.tallies.reports++;
    }
    return 'added';
  }

  addTls(report: TlsReport): AddOutcome {
    if (!this.remember(`t\u0000${report.orgName}\u0000${report.reportId}`)) return 'duplicate';
    if (!inWindow(Date.parse(report.end) / 1000, this.since)) this.tallies.outsideWindow++;
    else {
      this.tallies.tls.add(report);
      this.tallies.tlsReports++;
    }
    return 'added';
  }

  windowTallies(): WindowTallies {
    return this.tallies;
  }

  close(): void {}

  private remember(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

export function addReport(tally: ReportTally, report: AggregateReport): void {
  if (report.records.length === 0) tally.noteEmptyReport(report);
  for (const record of report.records) tally.add(report, record);
}

export interface IngestCounts {
  added: number;
  duplicates: number;
  tlsAdded: number;
  refused: { origin: string; reason: string }[];
  warnings: { origin: string; message: string }[];
}

/** The sink extraction writes into: the store, and the counts and lines for the summary. */
export function storeSink(store: ReportStore, counts: IngestCounts, onLine: (line: string) => void): ExtractSink {
  return {
    aggregate: (report, origin) => {
      if (store.addAggregate(report, origin) === 'added') counts.added++;
      else counts.duplicates++;
    },
    tls: (report, origin) => {
      if (store.addTls(report, origin) === 'added') counts.tlsAdded++;
      else counts.duplicates++;
    },
    refused: (origin, reason) => {
      counts.refused.push({ origin, reason });
      onLine(`${origin}: skipped: ${reason}`);
    },
    warning: (origin, message) => {
      counts.warnings.push({ origin, message });
      onLine(`${origin}: ${message}`);
    },
  };
}
