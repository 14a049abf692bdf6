import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { ZONES } from '../support/fixture-names.js';

/**
 * What `-o` does with whatever is at its path. Device nodes are made with mknod in a temporary folder
 * (the tests run as root in CI), never the real /dev.
 */
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-targets-'));
let server: FixtureServer;
let dns: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', '--quiet'];
});
afterAll(() => server?.close());

let counter = 0;
const fresh = (name: string): string => join(dir, `${++counter}-${name}`);
/** A character device like /dev/null (1,3) or /dev/full (1,7), in the temporary folder. */
function device(name: string, minor: number): string {
  const path = fresh(name);
  execFileSync('mknod', [path, 'c', '1', String(minor)]);
  return path;
}
const audit = (output: string, ...more: string[]) => runCli(['reject.test', 'none.test', '--format', 'ndjson', '-o', output, ...more, ...dns]);
const domainsIn = (text: string): string[] => text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { domain: string }).domain);
const leftovers = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('-o onto what is not a regular file: written through, never replaced', () => {
  it('a device like /dev/null stays that device', async () => {
    const path = device('null', 3);
    const before = statSync(path);
    const run = await audit(path);
    expect(run.code, run.stderr).toBe(0);
    const after = lstatSync(path);
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
  });

  it('a device like /dev/full stays that device, and the full disk is an error (exit 1, one line)', async () => {
    const path = device('full', 7);
    const run = await audit(path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^dmarc-audit: cannot write the reports: ENOSPC[^\n]*\n$/);
    expect(lstatSync(path).isCharacterDevice()).toBe(true);
  });

  it('a FIFO stays a FIFO, and its reader gets the reports', async () => {
    const path = fresh('fifo');
    execFileSync('mkfifo', [path]);
    const reader = spawn('cat', [path]);
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    const run = await audit(path);
    // Were the FIFO replaced by a file, the reader would wait for a writer forever.
    const timer = setTimeout(() => reader.kill(), 5_000);
    await readerDone;
    clearTimeout(timer);
    expect(run.code, run.stderr).toBe(0);
    expect(domainsIn(read)).toEqual(['reject.test', 'none.test']);
    expect(lstatSync(path).isFIFO()).toBe(true);
  });

  it('a link to a device stays a link to it', async () => {
    const target = device('null-target', 3);
    const link = fresh('null-link');
    symlinkSync(target, link);
    expect((await audit(link)).code).toBe(0);
    expect(readlinkSync(link)).toBe(target);
    expect(lstatSync(target).isCharacterDevice()).toBe(true);
  });

  it('a /proc/self/fd/1-style link: the reports reach standard output, the link stays', async () => {
    const link = fresh('stdout-link');
    symlinkSync('/proc/self/fd/1', link);
    const run = await audit(link);
    expect(run.code, run.stderr).toBe(0);
    expect(domainsIn(run.stdout)).toEqual(['reject.test', 'none.test']);
    expect(readlinkSync(link)).toBe('/proc/self/fd/1');
  });
});

describe('-o onto a regular file: replaced whole, in the folder of the file a link leads to', () => {
  it('a link to a regular file stays a link, and the file it leads to gets the reports', async () => {
    const target = fresh('report.ndjson');
    writeFileSync(target, 'old\n');
    const link = fresh('report-link.ndjson');
    symlinkSync(target, link);
    expect((await audit(link)).code).toBe(0);
    expect(readlinkSync(link)).toBe(target);
    expect(domainsIn(readFileSync(target, 'utf8'))).toEqual(['reject.test', 'none.test']);
    expect(leftovers()).toEqual([]);
  });

  it('a dangling link: the file it names is created, the link stays', async () => {
    const target = fresh('created.ndjson');
    const link = fresh('dangling-link.ndjson');
    symlinkSync(target, link);
    expect((await audit(link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(domainsIn(readFileSync(target, 'utf8'))).toEqual(['reject.test', 'none.test']);
  });
});

describe('every output path is checked before the first DNS query (exit 2, one line)', () => {
  it.each([
    ['-o into a missing folder', ['-o', '/nonexistent-dmarc-audit/out.json'], /^dmarc-audit: --output \/nonexistent-dmarc-audit\/out\.json: cannot write: no such folder\n$/],
    ['--summary into a missing folder', ['--summary', '/nonexistent-dmarc-audit/s.json'], /^dmarc-audit: --summary \/nonexistent-dmarc-audit\/s\.json: cannot write: no such folder\n$/],
    ['-o onto a folder', ['-o', dir], /^dmarc-audit: --output .* is a directory; name a file\n$/],
  ])('audit: %s', async (_name, args, message) => {
    const before = server.queryCount();
    const run = await runCli(['reject.test', ...args, ...dns]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(server.queryCount()).toBe(before);
  });

  it('--summary that cannot be written leaves no -o file behind either', async () => {
    const out = fresh('not-written.json');
    const run = await runCli(['reject.test', '-o', out, '--summary', '/nonexistent-dmarc-audit/s.json', ...dns]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('gate: --output into a missing folder', async () => {
    const before = server.queryCount();
    const run = await runCli(['gate', 'reject.test', '--output', '/nonexistent-dmarc-audit/gate.sarif', '--format', 'sarif', ...dns.slice(0, -1)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('dmarc-audit: --output /nonexistent-dmarc-audit/gate.sarif: cannot write: no such folder\n');
    expect(server.queryCount()).toBe(before);
  });

  it('gate: --output onto a device like /dev/full stays that device (exit 1, one line)', async () => {
    const path = device('gate-full', 7);
    const run = await runCli(['gate', 'reject.test', '--output', path, '--format', 'json', ...dns.slice(0, -1)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^dmarc-audit: cannot write the reports: ENOSPC[^\n]*\n$/);
    expect(lstatSync(path).isCharacterDevice()).toBe(true);
  });
});
