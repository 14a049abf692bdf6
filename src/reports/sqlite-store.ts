/**
 * Reports kept across runs in SQLite (better-sqlite3: synchronous, prepared statements,
 * transactions; an optional dependency, loaded only for --db). Each report is written in one
 * transaction, so a crash mid-import leaves every earlier report whole and no half report; WAL mode
 * keeps readers consistent. The schema is versioned with PRAGMA user_version and migrated forward;
 * a database from a newer dmarc-audit is refused rather than misread.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { inWindow, addReport, type AddOutcome, type ReportStore, type WindowTallies } from './ingest.js';
import { ReportTally } from './tally.js';
import { TlsTally } from './tls-tally.js';
import type { AggregateRecord, AggregateReport, PublishedPolicy, ReportMeta, TlsReport } from './types.js';
import { reportKey } from './types.js';

/** "DMAR" in ASCII: marks the file as ours (PRAGMA application_id). */
const APPLICATION_ID = 0x444d4152;

/** Each entry upgrades the schema by one version; never edit one that has shipped, add a new one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE reports (
     id INTEGER PRIMARY KEY,
     report_key TEXT NOT NULL UNIQUE,
     org_name TEXT NOT NULL, email TEXT NOT NULL, report_id TEXT NOT NULL,
     begin INTEGER NOT NULL, end INTEGER NOT NULL,
     policy TEXT NOT NULL,
     record_count INTEGER NOT NULL,
     origin TEXT NOT NULL, added_at INTEGER NOT NULL);
   CREATE INDEX reports_end ON reports(end);
   CREATE TABLE records (
     report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
     header_from TEXT NOT NULL, source_ip TEXT NOT NULL, count INTEGER NOT NULL,
     disposition TEXT NOT NULL, dkim TEXT NOT NULL, spf TEXT NOT NULL, envelope_from TEXT NOT NULL,
     reasons TEXT NOT NULL, dkim_results TEXT NOT NULL, spf_results TEXT NOT NULL);
   CREATE INDEX records_report ON records(report);
   CREATE TABLE tls_reports (
     id INTEGER PRIMARY KEY,
     report_key TEXT NOT NULL UNIQUE,
     end INTEGER NOT NULL, report TEXT NOT NULL,
     origin TEXT NOT NULL, added_at INTEGER NOT NULL);`,
];

export class DatabaseError extends Error {}

type Driver = typeof BetterSqlite3;

async function loadDriver(): Promise<Driver> {
  try {
    return (await import('better-sqlite3')).default;
  } catch (error) {
    throw new DatabaseError(`--db needs the optional dependency better-sqlite3, which is not installed or did not build here (${(error as Error).message.split('\n')[0]})`);
  }
}

export async function openSqliteStore(path: string, since: number | null): Promise<SqliteStore> {
  const Database = await loadDriver();
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw new DatabaseError(`cannot open the database ${path}: ${(error as Error).message}`);
  }
  try {
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db, since);
}

function migrate(db: BetterSqlite3.Database, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const empty = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n === 0;
  if (!empty && appId !== APPLICATION_ID) throw new DatabaseError(`${path} is not a dmarc-audit reports database`);
  if (version > MIGRATIONS.length) {
    throw new DatabaseError(`${path} was written by a newer dmarc-audit (schema version ${version}; this version knows up to ${MIGRATIONS.length}): upgrade dmarc-audit`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

interface RecordRow {
  report: number;
  org_name: string;
  email: string;
  report_id: string;
  begin: number;
  end: number;
  policy: string;
  header_from: string | null;
  source_ip: string;
  count: number;
  disposition: string;
  dkim: string;
  spf: string;
  envelope_from: string;
  reasons: string;
  dkim_results: string;
  spf_results: string;
}

export class SqliteStore implements ReportStore {
  private readonly insertReport: BetterSqlite3.Statement;
  private readonly insertRecord: BetterSqlite3.Statement;
  private readonly insertTls: BetterSqlite3.Statement;
  private readonly addAll: (report: AggregateReport, origin: string) => AddOutcome;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly since: number | null,
  ) {
    this.insertReport = db.prepare(
      'INSERT OR IGNORE INTO reports (report_key, org_name, email, report_id, begin, end, policy, record_count, origin, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertRecord = db.prepare(
      'INSERT INTO records (report, header_from, source_ip, count, disposition, dkim, spf, envelope_from, reasons, dkim_results, spf_results) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertTls = db.prepare('INSERT OR IGNORE INTO tls_reports (report_key, end, report, origin, added_at) VALUES (?, ?, ?, ?, ?)');
    // One transaction per report: all of its records or none of them.
    this.addAll = db.transaction((report: AggregateReport, origin: string): AddOutcome => {
      const r = report;
      const inserted = this.insertReport.run(reportKey(r), r.orgName, r.email, r.reportId, r.begin, r.end, JSON.stringify(r.policy), r.records.length, origin, Date.now());
      if (inserted.changes === 0) return 'duplicate';
      for (const c of r.records) {
        this.insertRecord.run(inserted.lastInsertRowid, c.headerFrom, c.sourceIp, c.count, c.disposition, c.dkim, c.spf, c.envelopeFrom, JSON.stringify(c.reasons), JSON.stringify(c.dkimResults), JSON.stringify(c.spfResults));
      }
      return 'added';
    });
  }

  addAggregate(report: AggregateReport, origin: string): AddOutcome {
    return this.addAll(report, origin);
  }

  addTls(report: TlsReport, origin: string): AddOutcome {
    const key = `${report.orgName}\u0000${report.reportId}`;
    return this.insertTls.run(key, Math.floor(Date.parse(report.end) / 1000) || 0, JSON.stringify(report), origin, Date.now()).changes === 0 ? 'duplicate' : 'added';
  }

  /** Every stored report in the window, read back a row at a time (never all at once). */
  windowTallies(): WindowTallies {
    const since = this.since ?? -Infinity;
    const result: WindowTallies = { tally: new ReportTally(), tls: new TlsTally(), reports: 0, tlsReports: 0, outsideWindow: 0 };
    const rows = this.db
      .prepare(
        `SELECT r.id AS report, r.org_name, r.email, r.report_id, r.begin, r.end, r.policy, c.header_from, c.source_ip, c.count,
                c.disposition, c.dkim, c.spf, c.envelope_from, c.reasons, c.dkim_results, c.spf_results
           FROM reports r LEFT JOIN records c ON c.report = r.id WHERE r.end >= ? ORDER BY r.id`,
      )
      .iterate(since) as IterableIterator<RecordRow>;
    let meta: ReportMeta | null = null;
    let current = -1;
    for (const row of rows) {
      if (row.report !== current) {
        current = row.report;
        meta = { orgName: row.org_name, email: row.email, reportId: row.report_id, begin: row.begin, end: row.end, policy: JSON.parse(row.policy) as PublishedPolicy };
        result.reports++;
        if (row.header_from === null) addReport(result.tally, { ...meta, records: [] });
      }
      if (row.header_from !== null) result.tally.add(meta!, recordOf(row));
    }
    result.outsideWindow = (this.db.prepare('SELECT count(*) AS n FROM reports WHERE end < ?').get(since) as { n: number }).n;
    for (const row of this.db.prepare('SELECT end, report FROM tls_reports').iterate() as IterableIterator<{ end: number; report: string }>) {
      if (!inWindow(row.end, this.since)) result.outsideWindow++;
      else {
        result.tls.add(JSON.parse(row.report) as TlsReport);
        result.tlsReports++;
      }
    }
    return result;
  }

  close(): void {
    this.db.close();
  }
}

function recordOf(row: RecordRow): AggregateRecord {
  return {
    headerFrom: row.header_from!,
    sourceIp: row.source_ip,
    count: row.count,
    disposition: row.disposition,
    dkim: row.dkim,
    spf: row.spf,
    envelopeFrom: row.envelope_from,
    reasons: JSON.parse(row.reasons) as string[],
    dkimResults: JSON.parse(row.dkim_results) as AggregateRecord['dkimResults'],
    spfResults: JSON.parse(row.spf_results) as AggregateRecord['spfResults'],
  };
}
