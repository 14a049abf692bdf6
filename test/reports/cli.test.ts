/** `dmarc-audit reports` as a user runs it: the contract of each format, escaping, inputs, exit codes. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportsOutput } from '../../src/reports/output-schema.js';
import { runCli } from '../support/cli.js';
import { closed, validatorFor } from '../support/json-schema.js';
import { email, gzip, reportXml } from '../support/report-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'reports-cli-'));
const SAMPLES = '../shared/conformance/aggregate-reports/';
const reports = (...args: string[]) => runCli(['reports', '--no-dns', ...args]);

// A reporter that puts terminal controls (C1 CSI, which XML allows, unlike ESC), a bidi override
// and a spreadsheet formula where names go.
const hostile = reportXml({
  id: 'evil',
  org: 'Evil\u009b2J\u202eCorp',
  domain: 'victim.test',
  rows: [{ ip: '192.0.2.9', count: 3, from: 'victim.test', dkimAuth: [{ domain: '=HYPERLINK("x")', selector: 's', result: 'pass' }] }],
});

beforeAll(() => {
  writeFileSync(join(dir, 'evil.xml'), hostile);
  mkdirSync(join(dir, 'Maildir', 'cur'), { recursive: true });
  mkdirSync(join(dir, 'Maildir', 'new'));
  mkdirSync(join(dir, 'Maildir', 'tmp'));
  writeFileSync(join(dir, 'Maildir', 'dovecot-uidlist'), '3 V1 N2\n');
  writeFileSync(join(dir, 'Maildir', 'cur', '1700000000.M1P1.host:2,S'), email('m1', [{ type: 'application/gzip', name: 'a.xml.gz', data: gzip(reportXml({ id: 'md-1', rows: [{ ip: '192.0.2.1', count: 1, dkim: 'pass' }] })) }]));
  writeFileSync(join(dir, 'Maildir', 'new', '1700000001.M2P1.host'), email('m2', [{ type: 'text/xml', name: 'b.xml', data: reportXml({ id: 'md-2', rows: [{ ip: '192.0.2.2', count: 1 }] }) }]));
  writeFileSync(join(dir, 'Maildir', 'tmp', 'partial'), 'From: half a message');
});

describe('dmarc-audit reports: output contracts', () => {
  it('JSON validates against `dmarc-audit schema --reports` (ajv), as printed and with every object closed', async () => {
    const schema = JSON.parse((await runCli(['schema', '--reports'])).stdout) as object;
    const run = await reports(SAMPLES, join(dir, 'evil.xml'), '--format', 'json');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as ReportsOutput;
    expect([...validatorFor(schema)(output), ...validatorFor(closed(schema) as object)(output)]).toEqual([]);
    // 15 distinct sample reports and ours; duplicates: nice-input.xml.gz and .zip, and invalid_utf_8.xml (the same report id and reporter as !example.com!…xml).
    expect(output.inputs).toMatchObject({ reports: 16, tlsReports: 4, duplicates: 3 });
    expect(output.inputs.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/^not a report/), expect.stringMatching(/^malformed XML/), 'empty file']);
  });

  it('CSV: a row per domain × source, parsed by csv-parse, formulas defused, escapes shown', async () => {
    const run = await reports(join(dir, 'evil.xml'), SAMPLES + 'aggregate/usssa.com!example.com!1538784000!1538870399.xml', '--format', 'csv');
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.domain, r.ip, r.messages])).toEqual([['victim.test', '192.0.2.9', '3'], ['example.com', '12.20.127.40', '1'], ['example.com', '199.230.200.36', '1']]);
    expect(rows[0]!.dkim_domains).toBe('\'=hyperlink("x")');
    expect(rows[0]!.reporters).toBe('Evil\\x9b2J\\u202eCorp');
  });

  it('text escapes what came from a report', async () => {
    const run = await reports(join(dir, 'evil.xml'));
    expect(run.stdout).not.toMatch(/[\u009b\u202e]/);
    expect(run.stdout).toContain('victim.test');
  });
});

describe('dmarc-audit reports: inputs', () => {
  it('a Maildir: cur/ and new/ only; the same report twice counts once', async () => {
    const run = await reports(join(dir, 'Maildir'), join(dir, 'Maildir'), '--format', 'json');
    const output = JSON.parse(run.stdout) as ReportsOutput;
    expect([output.inputs.reports, output.inputs.duplicates, output.inputs.refused]).toEqual([2, 2, []]);
    expect(run.stderr).toMatch(/4 inputs: 2 aggregate and 0 TLS reports analysed, 2 duplicates dropped/);
  });

  it('standard input with "-"', async () => {
    const run = await runCli(['reports', '-', '--no-dns', '--format', 'json'], {}, { input: reportXml({ id: 'stdin', rows: [{ ip: '192.0.2.1', count: 4, dkim: 'pass' }] }) });
    const output = JSON.parse(run.stdout) as ReportsOutput;
    expect(output.domains.map((d) => [d.domain, d.messages, d.verdict])).toEqual([['example.com', 4, 'ready']]);
  });

  it('--since drops older reports and says so', async () => {
    const old = join(dir, 'old.xml');
    writeFileSync(old, reportXml({ id: 'old', begin: 1_000_000_000, rows: [{ ip: '192.0.2.1', count: 1 }] }));
    const output = JSON.parse((await reports(old, '--since', '30d', '--format', 'json')).stdout) as ReportsOutput;
    expect([output.inputs.reports, output.inputs.outsideWindow, output.domains]).toEqual([0, 1, []]);
  });

  it('a missing path costs one line; the rest is read', async () => {
    const run = await reports(join(dir, 'nope.xml'), join(dir, 'evil.xml'), '--format', 'json');
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes('nope.xml'))).toEqual([expect.stringMatching(/nope\.xml: skipped: cannot read: ENOENT$/)]);
    expect((JSON.parse(run.stdout) as ReportsOutput).inputs.reports).toBe(1);
  });
});

describe('dmarc-audit reports: usage errors exit 2', () => {
  it.each([
    [[], /no reports to read/],
    [['x.xml', '--since', 'yesterday'], /--since "yesterday"/],
    [['x.xml', '--threshold', '120'], /--threshold "120"/],
    [['x.xml', '--domain', 'not a domain'], /--domain "not a domain"/],
    [['x.xml', '--format', 'pdf'], /invalid/],
  ])('%j', async (args, message) => {
    const run = await runCli(['reports', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
