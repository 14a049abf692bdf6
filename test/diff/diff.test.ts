import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareReports, type Change } from '../../src/diff/compare.js';
import { sortedByDomain, type KeyedLine } from '../../src/diff/sorted-reports.js';
import type { ReportData } from '../../src/report/report.js';
import { runCli } from '../support/cli.js';
import { GOLDEN_REPORTS, laterRun, type Editable } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-diff-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, reports: readonly ReportData[]): string => {
  const path = join(dir, name);
  writeFileSync(path, reports.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return path;
};
const bank = GOLDEN_REPORTS.find((r) => r.domain === 'acme-bank.test')!;
const changed = (edit: (report: Editable) => void): ReportData => {
  const copy = structuredClone(bank) as Editable;
  edit(copy);
  return copy as ReportData;
};
const summary = (changes: Change[] | undefined) => changes?.map((c) => [c.class, c.field, c.code ?? '', c.old, c.new]);

describe('compareReports: each change classified', () => {
  it.each([
    ['nothing changed', bank, undefined],
    ['verdict weaker', changed((r) => (r.verdict = 'monitoring')), [['regression', 'verdict', '', 'enforcing', 'monitoring']]],
    ['verdict unknown now (DNS error): fails closed', changed((r) => (r.verdict = 'error')), [['regression', 'verdict', '', 'enforcing', 'error']]],
    ['grade better', changed((r) => (r.grade = 'A')), undefined],
    ['grade worse', changed((r) => (r.grade = 'D')), [['regression', 'grade', '', 'A', 'D']]],
    ['effective policy weaker', changed((r) => (r.dmarc.effectivePolicy = 'quarantine')), [['regression', 'dmarc_effective_policy', '', 'reject', 'quarantine']]],
    ['SPF all stricter', changed((r) => (r.spf.all = '~all')), [['regression', 'spf_all', '', '-all', '~all']]],
    ['SPF lookups moved: a change', changed((r) => (r.spf.dnsLookups = 9)), [['change', 'spf_lookups', '', 4, 9]]],
    ['record edited: a change, old → new', changed((r) => (r.spf.record = 'v=spf1 -all')), [['change', 'spf_record', '', 'v=spf1 mx include:_spf.mailhost.test -all', 'v=spf1 -all']]],
    ['a warning appeared', changed((r) => r.findings.push({ code: 'SPF_PTR', severity: 'warning', message: 'ptr', fix: '', ref: '' })), [['regression', 'finding', 'SPF_PTR', null, 'ptr']]],
    ['an info finding appeared: a change', changed((r) => r.findings.push({ code: 'DMARC_INHERITED', severity: 'info', message: 'i', fix: '', ref: '' })), [['change', 'finding', 'DMARC_INHERITED', null, 'i']]],
    ['a check that did not run before', changed((r) => ((r.checks = ['dmarc']), (r.spf = r.dkim = r.mx = null))), expect.arrayContaining([['change', 'checks', '', 'dmarc,spf,dkim,mx', 'dmarc'], ['change', 'spf_status', '', 'valid', null]])],
  ])('%s', (_name, after, expected) => {
    expect(summary(compareReports(bank, after)?.changes)).toEqual(expected);
  });

  it('a finding that disappeared is an improvement, one reworded a change', () => {
    const before = changed((r) => r.findings.push({ code: 'SPF_PTR', severity: 'warning', message: 'a', fix: '', ref: '' }, { code: 'DNS_ERROR', severity: 'error', message: 'timeout at 1', fix: '', ref: '' }));
    const after = changed((r) => r.findings.push({ code: 'DNS_ERROR', severity: 'error', message: 'timeout at 2', fix: '', ref: '' }));
    expect(summary(compareReports(before, after)?.changes)).toEqual([
      ['change', 'finding', 'DNS_ERROR', 'timeout at 1', 'timeout at 2'],
      ['improvement', 'finding', 'SPF_PTR', 'a', null],
    ]);
  });

  it('added and removed domains', () => {
    expect(compareReports(null, bank)).toMatchObject({ status: 'added', changes: [{ class: 'change', field: 'domain', old: null, new: 'enforcing, grade A' }] });
    expect(compareReports(bank, null)).toMatchObject({ status: 'removed', changes: [{ class: 'change', field: 'domain', old: 'enforcing, grade A', new: null }] });
  });
});

describe('sortedByDomain: an external merge sort', () => {
  it('sorts across many run files, names bad lines by number, and leaves nothing in memory but a run', async () => {
    const names = Array.from({ length: 500 }, (_, i) => `d${(i * 7919) % 500}.example`);
    const lines = names.map((name, i) => (i === 10 ? 'not json' : JSON.stringify({ ...bank, domain: name })));
    const runDir = mkdtempSync(join(dir, 'runs-'));
    const bad: [number, string][] = [];
    const out: KeyedLine[] = [];
    const bytes = (async function* () {
      yield Buffer.from(`${lines.join('\n')}\n`);
    })();
    for await (const entry of sortedByDomain(bytes, { tempDir: runDir, prefix: 't', runBytes: 20_000, onBadLine: (line, reason) => bad.push([line, reason]) })) out.push(entry);
    expect(readdirSync(runDir).length).toBeGreaterThan(10);
    expect(bad).toEqual([[11, expect.stringMatching(/^not JSON/)]]);
    const expected = names.filter((_, i) => i !== 10).sort();
    expect(out.map((entry) => entry.key)).toEqual(expected);
    expect(out.every((entry) => (JSON.parse(entry.text) as ReportData).domain === entry.key)).toBe(true);
  });
});

describe('dmarc-audit diff', () => {
  const old = write('old.ndjson', GOLDEN_REPORTS);
  const now = write('new.ndjson', laterRun());

  it('exits 1 with --fail-on regression when a domain regressed, and names the count', async () => {
    const run = await runCli(['diff', old, now, '--fail-on', 'regression']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('dmarc-audit: 1 of 8 domains have a regression\n');
    expect(run.stdout).toMatch(/acme-bank\.test\n {2}regression {3}verdict: enforcing → monitoring\n/);
  });

  it('exits 0 without regressions, or without --fail-on', async () => {
    expect((await runCli(['diff', old, old, '--fail-on', 'regression'])).code).toBe(0);
    expect((await runCli(['diff', old, now])).code).toBe(0);
  });

  it('JSON: every changed domain with its changes, then the summary', async () => {
    const run = await runCli(['diff', old, '-', '--format', 'json', '-q'], {}, { input: laterRun().map((r) => JSON.stringify(r)).join('\n') });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { domains: { domain: string; status: string }[]; summary: Record<string, unknown> };
    expect(result.domains.map((d) => [d.domain, d.status])).toEqual([
      ['acme-bank.test', 'changed'],
      ['acme-news.test', 'removed'],
      ['acme-shop.test', 'changed'],
      ['acme-travel.test', 'changed'],
      ['new.example', 'added'],
    ]);
    expect(result.summary).toMatchObject({ old, new: '-', compared: 8, unchanged: 5, regressions: 1, improvements: 1, changes: 1, added: 1, removed: 1 });
  });

  it('names bad lines by file and line and repeated domains, and uses the rest', async () => {
    const path = join(dir, 'messy.ndjson');
    writeFileSync(path, `${JSON.stringify(bank)}\n{oops\n${JSON.stringify(bank)}\n`);
    const run = await runCli(['diff', path, old, '-q']);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^dmarc-audit: ${path}:2: not JSON: .*; the line is skipped$`)),
      `dmarc-audit: ${path}:3: acme-bank.test was read before, at line 1; the first report counts`,
    ]);
    expect(run.stdout).toMatch(/skipped: 1 bad lines in the old run, 0 in the new; 1 and 0 repeated domains/);
  });

  it.each([
    ['a missing run', ['diff', join(dir, 'nope.ndjson'), join(dir, 'old.ndjson')], /cannot read run .*nope\.ndjson: no such file/],
    ['a directory', ['diff', dir, join(dir, 'old.ndjson')], /is a directory/],
    ['one run only', ['diff', join(dir, 'old.ndjson')], /missing required argument/],
    ['a class that is not one', ['diff', join(dir, 'old.ndjson'), join(dir, 'old.ndjson'), '--fail-on', 'change'], /Allowed choices are regression/],
  ])('%s is a usage error (exit 2)', async (_name, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
