import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/render/csv.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { BIN, runCli } from '../support/cli.js';
import { ZONES } from '../support/fixture-names.js';

const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-batch-'));
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dns: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', '--quiet'];
});
afterAll(() => server?.close());

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const ndjson = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as { domain: string; verdict: string; findings: { code: string; message: string }[] });

describe('--file', () => {
  it('audits every line in order, reports bad lines by number, and skips comments, blanks and a CSV header', async () => {
    const list = file('mixed.csv', '\ufeffdomain,rank\r\n# a comment\r\nreject.test,1\r\n\r\nhttps://none.test/,2\r\n  none.test ,3\r\n');
    const run = await runCli(['--file', list, '--format', 'ndjson', ...dns]);
    expect(run.code).toBe(0);
    const reports = ndjson(run.stdout);
    expect(reports.map((r) => [r.domain, r.verdict])).toEqual([
      ['reject.test', 'enforcing'],
      ['https://none.test/', 'error'],
      ['none.test', 'monitoring'],
    ]);
    expect(reports[1]!.findings).toEqual([expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringMatching(/^Line 5: .*URL; pass only its host name, e.g. "none.test"/) })]);
  });

  it('combines domains given as arguments (first) with the file', async () => {
    const run = await runCli(['quarantine.test', '--file', file('one.txt', 'reject.test\n'), '--format', 'ndjson', ...dns]);
    expect(ndjson(run.stdout).map((r) => r.domain)).toEqual(['quarantine.test', 'reject.test']);
  });

  it('reads standard input for -', async () => {
    const run = await runCli(['--file', '-', '--format', 'ndjson', ...dns], {}, { input: 'none.test\nreject.test\n' });
    expect(ndjson(run.stdout).map((r) => r.domain)).toEqual(['none.test', 'reject.test']);
  });

  it.each([
    ['a missing file', join(dir, 'nope.txt'), /cannot read --file .*no such file/],
    ['a directory', dir, /is a directory/],
  ])('%s is a usage error', async (_name, path, message) => {
    const run = await runCli(['--file', path, ...dns]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('output', () => {
  it('CSV has the documented header, RFC 4180 quoting, and neutralised formula cells', async () => {
    const list = file('csv.txt', 'reject.test\n=HYPERLINK("http://x")\nspf-multi.test\n');
    const run = await runCli(['--file', list, '--format', 'csv', ...dns]);
    const rows = run.stdout.split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    const cells = (row = ''): Record<string, string> => Object.fromEntries(row.split(',').map((cell, i) => [CSV_COLUMNS[i], cell]));
    expect(cells(rows[1])).toMatchObject({ domain: 'reject.test', verdict: 'enforcing', grade: 'A', dmarc_status: 'valid', dmarc_policy: 'reject', dmarc_source: '_dmarc.reject.test', spf_all: '-all' });
    expect(rows[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",error,F,/);
    expect(rows[3]).toContain('SPF_MULTIPLE_RECORDS');
    expect(rows).toHaveLength(5);
  });

  it('--output writes the file whole and leaves no temporary file; --summary writes the counts', async () => {
    const out = join(dir, 'out.json');
    const summary = join(dir, 'summary.json');
    const run = await runCli(['reject.test', 'none.test', 'nodmarc.test', '--format', 'json', '--output', out, '--summary', summary, ...dns]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length).toBe(3);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(summary, 'utf8'))).toMatchObject({
      total: 3,
      verdict: { enforcing: { count: 1 }, monitoring: { count: 1 }, unprotected: { count: 1 } },
      dmarcPolicy: { reject: { count: 1 }, none: { count: 1 }, absent: { count: 1 } },
    });
  });

  it('prints the summary on stderr for a list unless --quiet', async () => {
    const run = await runCli(['reject.test', 'none.test', '--format', 'ndjson', '--nameserver', server.nameserver]);
    expect(run.stderr).toMatch(/^Summary: 2 domains audited in /);
    for (const line of run.stderr.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('keeps an input line that is not a domain out of the verdicts, grades and DNS errors, and says so', async () => {
    const list = file('mixed.txt', 'reject.test\nhttps://none.test/\n');
    const summaryFile = join(dir, 'mixed-summary.json');
    const run = await runCli(['--file', list, '--format', 'text', '--summary', summaryFile, '--no-color', '--nameserver', server.nameserver]);
    expect(run.stdout).toMatch(/^https:\/\/none\.test\/ {2}INVALID INPUT$/m);
    expect(run.stdout).not.toContain('UNKNOWN (DNS error)');
    expect(run.stderr).toMatch(/^Summary: 1 domains audited \(and 1 input lines that are not domains\)/);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { total: number; audited: number; verdict: Record<string, unknown>; grade: Record<string, unknown>; dnsErrors: { count: number }; inputErrors: { count: number } };
    expect(summary).toMatchObject({ total: 2, audited: 1, dnsErrors: { count: 0 }, inputErrors: { count: 1 } });
    expect(Object.keys(summary.verdict)).toEqual(['enforcing']);
    expect(Object.keys(summary.grade)).toEqual(['A']);
  });
});

describe('a reader of standard output that goes away', () => {
  const many = (): string => file('many.txt', `${Array.from({ length: 3000 }, () => 'reject.test').join('\n')}\n`);

  it('ends the run quietly with exit code 0, as Unix tools do', async () => {
    const child = spawn(process.execPath, [BIN, '--file', many(), '--format', 'ndjson', ...dns]);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `| head -c 1`: the reader closes its end after the first bytes.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  // With worker threads too: they are stopped while their sockets may still receive (see worker-pool.ts).
  it.each([[[]], [['--workers', '2']]])('dmarc-audit --file … %j | head -1: exit 0 and nothing on stderr', async (threads: string[]) => {
    const errors = join(dir, `head-stderr-${threads.length}.txt`);
    const command = [process.execPath, BIN, '--file', many(), '--format', 'ndjson', ...dns, ...threads].map((word) => `'${word}'`).join(' ');
    const shell = spawn('bash', ['-c', `${command} 2>'${errors}' | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`]);
    let status = '';
    shell.stdout.setEncoding('utf8').on('data', (chunk: string) => (status += chunk));
    await new Promise((resolve) => shell.on('close', resolve));
    expect(status.trim()).toBe('0');
    expect(readFileSync(errors, 'utf8')).toBe('');
  });
});

describe('--shard', () => {
  it('splits a list into disjoint shards that together cover it', async () => {
    const domains = ['reject.test', 'quarantine.test', 'none.test', 'nodmarc.test', 'pct.test', 'norua.test', 'testing.test', 'legacy.test'];
    const list = file('shard.txt', `${domains.join('\n')}\n`);
    const shards = await Promise.all([1, 2, 3].map((k) => runCli(['--file', list, '--shard', `${k}/3`, '--format', 'ndjson', ...dns])));
    const parts = shards.map((run) => (run.stdout === '' ? [] : ndjson(run.stdout).map((r) => r.domain)));
    expect(parts.flat().sort()).toEqual([...domains].sort());
    expect(new Set(parts.flat()).size).toBe(domains.length);
  });

  it.each(['0/3', '4/3', '1/0', 'a/b'])('rejects --shard %s', async (value) => {
    const run = await runCli(['reject.test', '--shard', value, ...dns]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--shard takes k\/n/);
  });
});

describe('interruption', () => {
  const list = (): string => file('long.txt', `${Array.from({ length: 400 }, (_, i) => (i % 2 ? 'reject.test' : `n${i}.nothing.test`)).join('\n')}\n`);
  const start = (out: string) => {
    const child = spawn(process.execPath, [BIN, '--file', list(), '--format', 'json', '--output', out, '--rate', '40', '--concurrency', '4', ...dns]);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    return { child, closed, stderr: () => stderr };
  };

  it.each([
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'SIGTERM'],
  ] as const)('%s says so at once, stops new work, closes the JSON array with what finished in a partial file, and exits %i', async (signal, exitCode, again) => {
    const out = join(dir, `interrupted-${signal}.json`);
    const run = start(out);
    setTimeout(() => run.child.kill(signal), 1500);
    expect(await run.closed).toBe(exitCode);
    expect(run.stderr()).toMatch(new RegExp(`^stopping: finishing \\d+ domains? in flight \\(${again} again to quit now\\)\n`));
    const written = Number(/interrupted: (\d+) finished reports were written to (.*)\.partial, not to /.exec(run.stderr())?.[1]);
    // The partial run never takes the name of a whole report.
    expect(existsSync(out)).toBe(false);
    const reports = JSON.parse(readFileSync(`${out}.partial`, 'utf8')) as unknown[];
    // Every report the CLI says it finished is in the file: none is lost.
    expect(reports.length).toBe(written);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.length).toBeLessThan(400);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a run killed outright leaves no file at --output that could pass for a whole report', async () => {
    const out = join(dir, 'killed.json');
    const run = start(out);
    setTimeout(() => run.child.kill('SIGKILL'), 1500);
    await run.closed;
    expect(existsSync(out)).toBe(false);
    // What remains is the hidden temporary file, named for what it is.
    const leftovers = readdirSync(dir).filter((name) => name.startsWith('.killed.json.') && name.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    for (const name of leftovers) rmSync(join(dir, name));
  });
});
