/** --db: reports kept across runs in SQLite, versioned schema, and a crash that loses nothing committed. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ReportsOutput } from '../../src/reports/output-schema.js';
import { MIGRATIONS } from '../../src/reports/sqlite-store.js';
import { BIN, runCli } from '../support/cli.js';
import { reportXml } from '../support/report-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'reports-db-'));
const DAY = 86_400;
const now = Math.floor(Date.now() / 1000);

function report(name: string, end: number, count: number): string {
  const path = join(dir, name);
  writeFileSync(path, reportXml({ id: name, begin: end - DAY, end, rows: [{ ip: '192.0.2.1', count, dkim: 'pass' }, { ip: '192.0.2.2', count: 1 }] }));
  return path;
}
const json = async (...args: string[]): Promise<ReportsOutput> => JSON.parse((await runCli(['reports', '--no-dns', '--format', 'json', ...args])).stdout) as ReportsOutput;

describe('--db', () => {
  it('a daily run adds new reports, drops duplicates, and --since reads the window across runs', async () => {
    const db = join(dir, 'daily.db');
    const first = await json('--db', db, report('d1.xml', now - 40 * DAY, 10), report('d2.xml', now - 2 * DAY, 20));
    expect([first.inputs.reports, first.domains[0]!.messages]).toEqual([2, 32]);
    const second = await json('--db', db, join(dir, 'd2.xml'), report('d3.xml', now - DAY, 30));
    expect([second.inputs.reports, second.inputs.duplicates, second.domains[0]!.messages]).toEqual([3, 1, 63]);
    const window = await json('--db', db, '--since', '30d');
    expect([window.inputs.reports, window.inputs.outsideWindow, window.domains[0]!.messages]).toEqual([2, 1, 52]);
  });

  it('a database from a newer dmarc-audit is refused with a clear message (exit 2)', async () => {
    const path = join(dir, 'newer.db');
    await json('--db', path, report('n1.xml', now, 1));
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const run = await runCli(['reports', '--no-dns', '--db', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`written by a newer dmarc-audit \\(schema version ${MIGRATIONS.length + 1}; this version knows up to ${MIGRATIONS.length}\\)`));
  });

  it('a SQLite file that is not ours is refused', async () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const run = await runCli(['reports', '--no-dns', '--db', path]);
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/is not a dmarc-audit reports database/)]);
  });

  it('killed mid-import: every stored report is whole, none is half written', async () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    const rows = Array.from({ length: 2000 }, (_, i) => ({ ip: `10.${i >> 8}.${i & 255}.1`, count: 1 }));
    for (let i = 0; i < 100; i++) writeFileSync(join(many, `r${String(i).padStart(3, '0')}.xml`), reportXml({ id: `m${i}`, rows }));
    const path = join(dir, 'crash.db');
    const child = spawn(process.execPath, [BIN, 'reports', '--no-dns', '--db', path, many], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill it as soon as a few reports are committed (polling a reader connection: WAL lets it read while the import writes).
    for (let stored = 0; stored < 5; await new Promise((r) => setTimeout(r, 20))) {
      try {
        const reader = new Database(path, { readonly: true, fileMustExist: true });
        stored = (reader.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
        reader.close();
      } catch {
        // not created yet
      }
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const db = new Database(path);
    const reports = db.prepare('SELECT r.report_id, r.record_count, (SELECT count(*) FROM records c WHERE c.report = r.id) AS stored FROM reports r').all() as { record_count: number; stored: number }[];
    db.close();
    expect(reports.length).toBeGreaterThanOrEqual(5);
    expect(reports.length).toBeLessThan(100);
    for (const r of reports) expect(r.stored).toBe(r.record_count);
    // The next run picks up where it stopped: nothing counted twice.
    const resumed = await json('--db', path, many);
    expect([resumed.inputs.reports, resumed.inputs.duplicates]).toEqual([100, reports.length]);
  }, 60_000);
});
