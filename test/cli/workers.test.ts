import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixture-server/index.js';
import { runCli, type CliRun } from '../support/cli.js';
import { fixtureNames, ZONES } from '../support/fixture-names.js';

/**
 * `--workers n` against the default single thread: the same reports, byte for byte and in the same
 * order, the same summary (but for timing and the queries the per-worker caches send), the same exit.
 */
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-workers-'));
let server: FixtureServer;
let dns: string[];
let fixtureList: string;
let generatedList: string;

/** A deterministic shuffle (a linear congruential generator), so a failure can be reproduced. */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES, keepLog: false });
  // Long enough that no answer the fixture server does send misses it on a loaded machine: the outcome of every name is fixed.
  dns = ['--nameserver', server.nameserver, '--timeout', '1000', '--retries', '0', '--quiet'];
  fixtureList = join(dir, 'fixtures.txt');
  writeFileSync(fixtureList, `${fixtureNames().join('\n')}\n`);
  // Every fixture name twice, shuffled, with comments, blank lines and lines that are not domains between them.
  const noise = ['# a comment', '', 'not a domain!', 'https://reject.test/', 'x'.repeat(300)];
  generatedList = join(dir, 'generated.txt');
  writeFileSync(generatedList, `${shuffled([...fixtureNames(), ...fixtureNames(), ...noise, ...noise], 19).join('\n')}\n`);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The summary without what depends on the run's timing and on how the cache was split between threads. */
function comparableSummary(file: string): unknown {
  const { elapsedSeconds, domainsPerSecond, dnsQueries, slowestDomain, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  expect([elapsedSeconds, domainsPerSecond, dnsQueries].every((value) => typeof value === 'number')).toBe(true);
  expect(slowestDomain).toEqual({ domain: expect.any(String), seconds: expect.any(Number) });
  return rest;
}

async function both(args: string[], workers = '3'): Promise<[CliRun, CliRun]> {
  return [await runCli([...args, ...dns]), await runCli([...args, '--workers', workers, ...dns])];
}

describe('--workers writes what one thread writes', { timeout: 60_000 }, () => {
  it.each(['ndjson', 'json', 'csv', 'text'])('%s, on every fixture name and on a generated list, with the same summary', async (format) => {
    for (const list of [fixtureList, generatedList]) {
      const summaries = [join(dir, `${format}-1.json`), join(dir, `${format}-n.json`)];
      const single = await runCli(['--file', list, '--format', format, '--summary', summaries[0] as string, ...dns]);
      const threaded = await runCli(['--file', list, '--format', format, '--summary', summaries[1] as string, '--workers', '3', ...dns]);
      expect(single.code).toBe(0);
      expect(threaded.code).toBe(0);
      expect(threaded.stdout.length).toBeGreaterThan(10_000);
      expect(threaded.stdout).toBe(single.stdout);
      expect(comparableSummary(summaries[1] as string)).toEqual(comparableSummary(summaries[0] as string));
    }
  });

  it.each(['markdown', 'html'])('%s, which the main thread writes (it keeps state across reports): the same but for the run\'s time', async (format) => {
    const untimed = (text: string): string =>
      text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/[\d.]+ s \([\d,]+ domains\/s, [\d,]+ DNS queries\)/g, 'DURATION');
    const [single, threaded] = await both(['--file', generatedList, '--format', format]);
    expect(single.code).toBe(0);
    expect(threaded.stdout.length).toBeGreaterThan(10_000);
    expect(untimed(threaded.stdout)).toBe(untimed(single.stdout));
  });

  it('text in colour (--color): the worker threads colour as the main thread would', async () => {
    const [single, threaded] = await both(['--file', fixtureList, '--color'], '2');
    expect(single.stdout).toContain('\u001b[');
    expect(threaded.stdout).toBe(single.stdout);
  });

  it('the checks and their options reach every worker', async () => {
    const [single, threaded] = await both(['--file', fixtureList, '--format', 'ndjson', '--checks', 'dmarc,spf,dkim,mx,dnssec', '--dkim-selector', 'selector1', '--dkim-selectors', 'extended', '--mx-targets']);
    expect(single.code).toBe(0);
    expect(single.stdout).toContain('"dnssec":{');
    expect(threaded.stdout).toBe(single.stdout);
  });

  it('--fail-on: the same exit code and message', async () => {
    const [single, threaded] = await both(['--file', generatedList, '--format', 'csv', '--fail-on', 'monitoring,unprotected']);
    expect(single.code).toBe(1);
    expect([threaded.code, threaded.stderr, threaded.stdout]).toEqual([single.code, single.stderr, single.stdout]);
  });

  it('--zone and --evidence: each worker reads the zone files, and the evidence is the same', async () => {
    const zone = join(dir, 'reject.zone');
    writeFileSync(zone, '$ORIGIN reject.test.\n$TTL 300\n@ SOA ns hostmaster ( 1 3600 600 86400 300 )\n@ NS ns\nns A 192.0.2.53\n_dmarc TXT "v=DMARC1; p=none"\n');
    const [single, threaded] = await both(['--file', fixtureList, '--format', 'ndjson', '--zone', zone, '--evidence']);
    expect(single.code).toBe(0);
    expect(single.stdout).toContain('"sha256"');
    expect(threaded.stdout).toBe(single.stdout);
  });

  it('--output is written whole, with no temporary file left, as with one thread', async () => {
    const out = join(dir, 'out', 'reports.json');
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    mkdirSync(join(dir, 'out'));
    const single = await runCli(['--file', generatedList, '--format', 'json', ...dns]);
    const threaded = await runCli(['--file', generatedList, '--format', 'json', '-o', out, '--workers', 'auto', ...dns]);
    expect(threaded.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(single.stdout);
    expect(readdirSync(join(dir, 'out'))).toEqual(['reports.json']);
  });
});

describe('--workers usage errors (exit 2, nothing written)', () => {
  it.each([
    [['--workers', '0'], /--workers/],
    [['--workers', 'many'], /--workers/],
    [['--workers', '2', '--dns-record', 'rec.ndjson'], /--dns-record cannot be combined with --workers 2: a recording is one resolver's questions in order; use --workers 1/],
    [['--workers', '3', '--rate', '2'], /--rate 2 cannot be shared by --workers 3: each worker needs at least 1/],
    [['--workers', '4', '--concurrency', '3'], /--concurrency 3 cannot be shared by --workers 4/],
    [['--workers', '2', '--max-queries', '1'], /--max-queries 1 cannot be shared by --workers 2/],
  ])('%j', async (flags, message) => {
    const out = join(dir, 'never.ndjson');
    const run = await runCli(['reject.test', '-o', out, ...flags, ...dns]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('--dns-replay too', async () => {
    const recording = join(dir, 'rec.ndjson');
    expect((await runCli(['reject.test', '--dns-record', recording, ...dns])).code).toBe(0);
    const run = await runCli(['reject.test', '--dns-replay', recording, '--workers', '2', '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--dns-replay cannot be combined with --workers 2/);
  });
});
