/**
 * The readiness verdict on generated scenarios, end to end: reports written to files, the built
 * CLI, fixtures/zones/reports.zone on the loopback fixture DNS server for PTR, SPF, DKIM and DMARC.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainAnalysis, ReportsOutput } from '../../src/reports/output-schema.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { reportXml, type RowSpec } from '../support/report-fixtures.js';

const ZONE = fileURLToPath(new URL('../../fixtures/zones/reports.zone', import.meta.url));
let server: Awaited<ReturnType<typeof startFixtureServer>>;
const dir = mkdtempSync(join(tmpdir(), 'reports-verdict-'));

function write(name: string, domain: string, rows: RowSpec[], p = 'none'): string {
  const path = join(dir, name);
  writeFileSync(path, reportXml({ id: name, domain, p, rows }));
  return path;
}

async function analyse(paths: string[], ...flags: string[]): Promise<{ output: ReportsOutput; code: number | null; stderr: string }> {
  const run = await runCli(['reports', ...paths, '--format', 'json', '--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', ...flags]);
  return { output: JSON.parse(run.stdout) as ReportsOutput, code: run.code, stderr: run.stderr };
}
const domain = (output: ReportsOutput, name: string): DomainAnalysis => output.domains.find((d) => d.domain === name)!;

beforeAll(async () => {
  server = await startFixtureServer({ zoneFiles: [ZONE] });
});
afterAll(() => server?.close());

const SHOP = 'shop.reports.test';
const shopRows: RowSpec[] = [
  { ip: '192.0.2.10', count: 1000, dkim: 'pass', spf: 'pass', dkimAuth: [{ domain: SHOP, selector: 's1', result: 'pass' }], spfAuth: [{ domain: SHOP, result: 'pass' }] },
  { ip: '192.0.2.11', count: 200, dkimAuth: [{ domain: 'sendgrid.net', selector: 's1', result: 'pass' }], spfAuth: [{ domain: 'bounces.sendgrid.net', scope: 'mfrom', result: 'pass' }] },
  { ip: '192.0.2.66', count: 30, spfAuth: [{ domain: SHOP, result: 'fail' }] },
];

describe('readiness verdict', () => {
  it('a legitimate unaligned sender (SendGrid) → not-ready, with that sender, its share and the fix', async () => {
    const { output, code } = await analyse([write('shop.xml', SHOP, shopRows)]);
    expect(code).toBe(0);
    const d = domain(output, SHOP);
    expect(d.verdict).toBe('not-ready');
    expect(d.blockers).toHaveLength(1);
    expect(d.blockers[0]).toMatchObject({ service: 'sendgrid', name: 'SendGrid', messages: 200, ips: ['192.0.2.11'], fixedNow: 'no' });
    expect(d.blockers[0]!.share).toBeCloseTo(200 / 1200);
    expect(d.blockers[0]!.fix).toBe('sign with DKIM d=shop.reports.test at SendGrid (domain authentication), or align SPF with domain authentication (it sets up the return path too) and include:sendgrid.net in that domain\'s SPF record');
    expect(d.spoofing.messages).toBe(30);
    expect(d.nextStep).toMatchObject({ action: 'np', change: 'np=reject' });
    const sources = Object.fromEntries(d.sources.map((s) => [s.ip, s]));
    expect(sources['192.0.2.10']).toMatchObject({ ptr: { status: 'confirmed', name: 'mail.shop.reports.test' }, service: 'own', classification: 'legitimate' });
    expect(sources['192.0.2.11']).toMatchObject({ ptr: { status: 'confirmed', name: 'o1.ptr1.sendgrid.net' }, service: 'sendgrid', blocking: 200 });
    expect(sources['192.0.2.66']).toMatchObject({ ptr: { status: 'unconfirmed' }, classification: 'unidentified', blocking: 0, live: { spf: { result: 'fail' } } });
  });

  it('--fail-on not-ready exits 1; text names the blocker within 80 columns', async () => {
    const path = write('shop2.xml', SHOP, shopRows);
    expect((await analyse([path], '--fail-on', 'not-ready')).code).toBe(1);
    const text = await runCli(['reports', path, '--nameserver', server.nameserver, '--timeout', '300', '--retries', '0']);
    expect(text.stdout).toMatch(/shop\.reports\.test: NOT READY/);
    expect(text.stdout).toMatch(/SendGrid: 200 messages \(16\.7%\) from 1 IP; fixed in today's DNS: no/);
    for (const line of text.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('only spoofing fails → ready, next step p=quarantine', async () => {
    const rows: RowSpec[] = [{ ip: '192.0.2.20', count: 5000, dkim: 'pass', spf: 'pass' }, { ip: '192.0.2.99', count: 400 }];
    const { output, code } = await analyse([write('clean.xml', 'clean.reports.test', rows)], '--fail-on', 'not-ready');
    expect(code).toBe(0);
    const d = domain(output, 'clean.reports.test');
    expect([d.verdict, d.blockers, d.spoofing.messages]).toEqual(['ready', [], 400]);
    expect(d.nextStep).toMatchObject({ action: 'quarantine', change: 'p=quarantine' });
    expect(d.policy).toMatchObject({ source: 'dns', p: 'none', record: 'v=DMARC1; p=none; rua=mailto:dmarc@clean.reports.test' });
  });

  it('the threshold: a blocker under it is ready', async () => {
    const rows: RowSpec[] = [{ ip: '192.0.2.20', count: 999, dkim: 'pass' }, { ip: '192.0.2.21', count: 1, dkimAuth: [{ domain: 'clean.reports.test', result: 'fail' }] }];
    const path = write('threshold.xml', 'clean.reports.test', rows);
    expect(domain((await analyse([path])).output, 'clean.reports.test').verdict).toBe('ready');
    expect(domain((await analyse([path], '--threshold', '0.05')).output, 'clean.reports.test').verdict).toBe('not-ready');
  });

  it("a sender whose SPF failed in the reports but today's SPF authorizes → fixed now", async () => {
    const rows: RowSpec[] = [{ ip: '192.0.2.30', count: 100, envelopeFrom: 'fixed.reports.test', spfAuth: [{ domain: 'fixed.reports.test', scope: 'mfrom', result: 'fail' }] }];
    const d = domain((await analyse([write('fixed.xml', 'fixed.reports.test', rows, 'quarantine')])).output, 'fixed.reports.test');
    expect(d.verdict).toBe('not-ready');
    expect(d.blockers[0]).toMatchObject({ fixedNow: 'yes', ips: ['192.0.2.30'] });
    expect(d.sources[0]!.live?.spf).toMatchObject({ domain: 'fixed.reports.test', result: 'pass', mechanism: 'ip4:192.0.2.30' });
  });

  it('DKIM selectors seen are probed: a missing key is named in the fix', async () => {
    const rows: RowSpec[] = [{ ip: '192.0.2.40', count: 10, dkimAuth: [{ domain: 'nokey.reports.test', selector: 's1', result: 'fail' }, { domain: 'nokey.reports.test', selector: 's2', result: 'fail' }] }];
    const d = domain((await analyse([write('nokey.xml', 'nokey.reports.test', rows)])).output, 'nokey.reports.test');
    expect(d.sources[0]!.live?.dkim).toEqual([
      { domain: 'nokey.reports.test', selector: 's1', status: 'missing', detail: 'no TXT record at s1._domainkey.nokey.reports.test (NXDOMAIN)' },
      { domain: 'nokey.reports.test', selector: 's2', status: 'published', detail: 'a key is published at s2._domainkey.nokey.reports.test' },
    ]);
    expect(d.blockers[0]!.fix).toMatch(/no DKIM key is published today at s1\._domainkey\.nokey\.reports\.test/);
  });

  it('DNS that does not answer is never taken for "fixed" or for the current policy', async () => {
    const rows: RowSpec[] = [{ ip: '192.0.2.50', count: 10, envelopeFrom: 'flaky.reports.test', spfAuth: [{ domain: 'flaky.reports.test', result: 'fail' }], dkimAuth: [{ domain: 'flaky.reports.test', result: 'fail' }] }];
    const d = domain((await analyse([write('flaky.xml', 'flaky.reports.test', rows)])).output, 'flaky.reports.test');
    expect(d.blockers[0]!.fixedNow).toBe('unknown');
    expect(d.policy).toMatchObject({ source: 'reports', note: expect.stringMatching(/lookup failed/) });
  });

  it('--domain without reports → no-data; --no-dns checks nothing', async () => {
    const { output } = await analyse([write('shop3.xml', SHOP, shopRows)], '--domain', 'none.reports.test', '--domain', SHOP, '--no-dns');
    expect(output.domains.map((d) => [d.domain, d.verdict])).toEqual([['none.reports.test', 'no-data'], [SHOP, 'not-ready']]);
    expect(domain(output, 'none.reports.test').nextStep.action).toBe('collect-reports');
    const shop = domain(output, SHOP);
    expect(shop.sources.every((s) => s.ptr.status === 'not-checked' && s.live === null)).toBe(true);
    expect(shop.blockers[0]!.fixedNow).toBe('not-checked');
  });
});
