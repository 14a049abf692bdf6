import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { AUDIT_CASES } from '../support/audit-cases.js';
import { normalizeDomain } from '../../src/domain/normalize.js';
import { ZONES } from '../support/fixture-names.js';

const normalizeName = (name: string): string => {
  const result = normalizeDomain(name);
  return result.ok ? result.domain : name;
};

const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-report-'));
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dns: string[];
let replay: string[];

const path = (name: string): string => join(dir, name);
const write = (name: string, content: string): string => {
  writeFileSync(path(name), content);
  return path(name);
};
/** The summary without what belongs to one run rather than to the reports (time, queries, how they were read). */
const countsOf = (file: string): Record<string, unknown> => {
  const { elapsedSeconds: _e, domainsPerSecond: _d, dnsQueries: _q, slowestDomain: _s, read: _r, ...counts } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return counts;
};
const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

// Every audit case of the fixture zones (DNS failures included; each domain once) and a bad line.
const DOMAINS = [...new Map(AUDIT_CASES.map((c) => [normalizeName(c.domain), c.domain])).values()];
const LIST = [...DOMAINS, 'not a domain'].join('\n');
const TOTAL = DOMAINS.length + 1;

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', '--quiet'];
  write('list.txt', `${LIST}\n`);
  const whole = await runCli(['--file', path('list.txt'), '--format', 'ndjson', '-o', path('whole.ndjson'), '--summary', path('whole.json'), '--dns-record', path('answers.ndjson'), ...dns]);
  expect(whole.code).toBe(0);
  // The shards get the same answers (a loaded machine could otherwise time out on a different domain).
  replay = ['--dns-replay', path('answers.ndjson'), '--quiet'];
  const shards = await Promise.all(
    [1, 2, 3, 4].map((k) => runCli(['--file', path('list.txt'), '--shard', `${k}/4`, '--format', 'ndjson', '-o', path(`shard${k}.ndjson`), ...replay])),
  );
  expect(shards.map((run) => run.code)).toEqual([0, 0, 0, 0]);
}, 60_000);
afterAll(() => server?.close());

describe('dmarc-audit report: shards of a job array', () => {
  it('the shards of --shard 1/4 … 4/4 give the summary and the reports of the unsharded run', async () => {
    const shards = [1, 2, 3, 4].map((k) => path(`shard${k}.ndjson`));
    for (const shard of shards) expect(lines(readFileSync(shard, 'utf8')).length).toBeGreaterThan(0);
    const run = await runCli(['report', ...shards, '--format', 'ndjson', '--summary', path('merged.json'), '-q']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(countsOf(path('merged.json'))).toEqual(countsOf(path('whole.json')));
    expect((countsOf(path('merged.json')).total as number)).toBe(TOTAL);
    expect(lines(run.stdout).sort()).toEqual(lines(readFileSync(path('whole.ndjson'), 'utf8')).sort());
    expect(JSON.parse(readFileSync(path('merged.json'), 'utf8')).read).toEqual({ files: 4, lines: TOTAL, reports: TOTAL, badLines: 0, duplicates: 0 });
  });

  it('renders each format of audit from the saved reports exactly as audit rendered it', async () => {
    for (const format of ['text', 'csv', 'json', 'ndjson']) {
      const live = await runCli(['--file', path('list.txt'), '--format', format, ...replay]);
      const saved = await runCli(['report', path('whole.ndjson'), '--format', format, '-q']);
      expect(saved.code).toBe(0);
      expect(saved.stdout, format).toBe(live.stdout);
    }
  });

  it('reports a domain read twice (across files or within one) once, and says where', async () => {
    const whole = readFileSync(path('whole.ndjson'), 'utf8');
    const first = lines(whole)[0]!;
    write('again.ndjson', `${first}\n`);
    const run = await runCli(['report', path('whole.ndjson'), path('again.ndjson'), '--summary', path('dup.json'), '-q']);
    expect(run.code).toBe(0);
    const domain = (JSON.parse(first) as { domain: string }).domain;
    expect(run.stderr).toBe(`dmarc-audit: ${path('again.ndjson')}:1: ${domain} was read before, at ${path('whole.ndjson')}:1; counted once (the first)\n`);
    expect(countsOf(path('dup.json'))).toEqual(countsOf(path('whole.json')));
    expect(JSON.parse(readFileSync(path('dup.json'), 'utf8')).read).toMatchObject({ duplicates: 1, reports: TOTAL });
  });
});

describe('dmarc-audit report: bad input', () => {
  it('names each bad line by file and line, and uses the rest', async () => {
    const [a, b] = lines(readFileSync(path('whole.ndjson'), 'utf8'));
    const broken = JSON.stringify({ ...JSON.parse(b!), verdict: 'safe' });
    const file = write('bad.ndjson', `${a}\n\n{"domain":\n${broken}\n[1,2]\n${b}\n`);
    const run = await runCli(['report', file, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([a, b]);
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('dmarc-audit: '));
    expect(errors).toEqual([
      expect.stringMatching(new RegExp(`^dmarc-audit: ${file}:3: not JSON: .*; the line is skipped$`)),
      expect.stringMatching(new RegExp(`^dmarc-audit: ${file}:4: not a report of the schema: verdict: .*; the line is skipped$`)),
      expect.stringMatching(new RegExp(`^dmarc-audit: ${file}:5: not a report of the schema: .*; the line is skipped$`)),
    ]);
    expect(run.stderr).toMatch(/read +2 reports from 1 file; 3 bad lines skipped, 0 duplicates counted once/);
  });

  it('reads standard input for -, and a report of a later version (unknown finding code and check)', async () => {
    const [a] = lines(readFileSync(path('whole.ndjson'), 'utf8'));
    const later = JSON.parse(a!) as Record<string, unknown> & { findings: unknown[]; checks: string[] };
    later.checks = [...later.checks, 'arc'];
    later.arc = { status: 'pass' };
    later.findings = [...later.findings, { code: 'ARC_SOMETHING', severity: 'warning', message: 'm', fix: 'f', ref: 'RFC 0000' }];
    const run = await runCli(['report', '-', '--format', 'csv', '-q'], {}, { input: `${JSON.stringify(later)}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ARC_SOMETHING/);
  });

  it.each([
    ['a missing file', () => path('nope.ndjson'), /cannot read saved reports .*nope\.ndjson: no such file/],
    ['a directory', () => dir, /is a directory/],
  ])('%s is a usage error before anything is written', async (_name, input, message) => {
    const run = await runCli(['report', path('whole.ndjson'), input(), '-o', path('never.html'), '--format', 'html']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(() => readFileSync(path('never.html'))).toThrow();
  });

  it('--fail-on judges the saved reports as audit does', async () => {
    const run = await runCli(['report', path('whole.ndjson'), '--fail-on', 'unprotected', '-q', '--format', 'ndjson']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/domains match --fail-on unprotected/);
  });
});
