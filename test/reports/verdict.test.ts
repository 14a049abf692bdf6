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
import { closed, validatorFor } from '../support/json-schema.js';
import { reportXml, type RowSpec } from '../support/report-fixtures.js';

const ZONE = fileURLToPath(new URL('../../fixtures/zones/reports.zone', import.meta.url));
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let validate: ((value: unknown) => string[])[];
const dir = mkdtempSync(join(tmpdir(), 'reports-verdict-'));

function write(name: string, domain: string, rows: RowSpec[], p = 'none'): string {
  const path = join(dir, name);
  writeFileSync(path, reportXml({ id: name, domain, p, rows }));
  return path;
}

/** The analysis as JSON, each checked against `dmarc-audit schema --reports` as printed and with every object closed. */
async function analyse(paths: string[], ...flags: string[]): Promise<{ output: ReportsOutput; code: number | null; stderr: string }> {
  const run = await runCli(['reports', ...paths, '--format', 'json', '--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', ...flags]);
  const output = JSON.parse(run.stdout) as unknown;
  expect(validate.flatMap((check) => check(output))).toEqual([]);
  return { output: output as ReportsOutput, code: run.code, stderr: run.stderr };
}
const domain = (output: ReportsOutput, name: string): DomainAnalysis => output.domains.find((d) => d.domain === name)!;

beforeAll(async () => {
  server = await startFixtureServer({ zoneFiles: [ZONE] });
  const schema = JSON.parse((await runCli(['schema', '--reports'])).stdout) as object;
  validate = [validatorFor(schema), validatorFor(closed(schema) as object)];
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
    expect(d.blockers[0]!.fixCode).toEqual({
      code: 'REPORTS_FIX_SERVICE',
      args: { domain: SHOP, service: 'SendGrid', dkimSetup: 'domain authentication', returnPathSetup: 'domain authentication (its CNAMEs set up the return path too)' },
    });
    expect(d.blockers[0]!.fix).toBe('sign with DKIM d=shop.reports.test at SendGrid (domain authentication), or align SPF with domain authentication (its CNAMEs set up the return path too)');
    expect(d.spoofing.messages).toBe(30);
    expect(d.nextStep).toEqual({
      action: 'np',
      change: 'np=reject',
      whyCode: { code: 'REPORTS_STEP_NP_WHILE_FIXING', args: {} },
      why: 'Fix the blocking senders before raising p. Meanwhile np=reject is safe: subdomains that do not exist send no legitimate mail.',
    });
    const sources = Object.fromEntries(d.sources.map((s) => [s.ip, s]));
    expect(sources['192.0.2.10']).toMatchObject({ whyCode: { code: 'REPORTS_SOURCE_PASSES_DMARC', args: { dmarcPass: 1000, messages: 1000 } }, why: '1000 of its 1000 messages pass DMARC' });
    expect(sources['192.0.2.11']).toMatchObject({
      whyCode: { code: 'REPORTS_SOURCE_SENDING_SERVICE', args: { service: 'SendGrid', matchedBy: 'ptr', matched: 'o1.ptr1.sendgrid.net' } },
      why: 'SendGrid (PTR o1.ptr1.sendgrid.net); SendGrid, a sending service, sends as the domain',
    });
    // Its PTR claims the domain but does not lead back: no name is taken from it.
    expect(sources['192.0.2.66']).toMatchObject({ whyCode: { code: 'REPORTS_SOURCE_UNIDENTIFIED', args: {} }, why: 'no forward-confirmed PTR, no known service, no passing mail' });
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

  it('DKIM selectors seen are judged as the DKIM check judges keys, and the fix says what is wrong today', async () => {
    const KEYS = 'keys.reports.test';
    const selectors = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
    const rows: RowSpec[] = [{ ip: '192.0.2.40', count: 10, dkimAuth: selectors.map((selector) => ({ domain: KEYS, selector, result: 'fail' })) }];
    const d = domain((await analyse([write('keys.xml', KEYS, rows)])).output, KEYS);
    const name = (selector: string): string => `${selector}._domainkey.${KEYS}`;
    const live = (selector: string, status: string, key: string, code: string, args: object, detail: unknown) => ({ domain: KEYS, selector, status, key, detailCode: { code, args: { name: name(selector), ...args } }, detail });
    expect(d.sources[0]!.live?.dkim).toEqual([
      live('s1', 'missing', 'missing', 'REPORTS_DKIM_KEY_MISSING', {}, `no DKIM key is published at ${name('s1')}`),
      live('s2', 'missing', 'invalid', 'REPORTS_DKIM_KEY_INVALID', { problem: expect.stringMatching(/^p= does not decode as a rsa public key/) }, expect.stringMatching(/^the key at s2\._domainkey\.keys\.reports\.test is invalid: p= does not decode/)),
      live('s3', 'published', 'usable', 'REPORTS_DKIM_KEY_USABLE', {}, `a key verifiers accept is published at ${name('s3')}`),
      live('s4', 'missing', 'revoked', 'REPORTS_DKIM_KEY_REVOKED', {}, `the key at ${name('s4')} is revoked (empty p=): signatures made with it fail`),
      live('s5', 'missing', 'weak', 'REPORTS_DKIM_KEY_WEAK', { bits: 512 }, `the RSA key at ${name('s5')} has 512 bits: verifiers must not accept keys under 1024 bits`),
      live('s6', 'missing', 'weak', 'REPORTS_DKIM_KEY_WEAK', { h: 'sha1' }, `the key at ${name('s6')} allows only h=sha1: verifiers must not accept rsa-sha1 signatures`),
      // A lookup that timed out is an error, never "missing" (the args are the DKIM check's DNS_ERROR).
      { domain: KEYS, selector: 's7', status: 'error', key: 'error', detailCode: { code: 'DNS_ERROR', args: expect.objectContaining({ context: 'dkim', name: name('s7'), type: 'TXT', status: 'timeout' }) }, detail: expect.stringMatching(/^DNS lookup of s7\._domainkey\.keys\.reports\.test TXT failed \(timeout: .*\); the result is unknown, not absent\.$/) },
    ]);
    expect(d.blockers[0]!.fixCode).toEqual({
      code: 'REPORTS_FIX_SENDER',
      args: { domain: KEYS, sender: `${KEYS} (own servers)`, ips: '192.0.2.40', ipCount: 1, spfDomain: KEYS, keysMissing: name('s1'), keysInvalid: name('s2'), keysRevoked: name('s4'), keysWeak: `${name('s5')} ${name('s6')}`, keysUnknown: name('s7') },
    });
    expect(d.blockers[0]!.fix).toBe(
      `sign with DKIM d=${KEYS} on ${KEYS} (own servers) (192.0.2.40), or send with a MAIL FROM in ${KEYS} and add ip4:192.0.2.40 to the SPF record of ${KEYS} ` +
        `(no DKIM key is published today at ${name('s1')}; the key at ${name('s4')} is revoked; the key at ${name('s2')} is invalid; ` +
        `the keys at ${name('s5')}, ${name('s6')} are too weak for verifiers; the key at ${name('s7')} could not be checked (DNS error))`,
    );
  });

  it('DNS that does not answer is never taken for "fixed" or for the current policy', async () => {
    const rows: RowSpec[] = [{ ip: '192.0.2.50', count: 10, envelopeFrom: 'flaky.reports.test', spfAuth: [{ domain: 'flaky.reports.test', result: 'fail' }], dkimAuth: [{ domain: 'flaky.reports.test', result: 'fail' }] }];
    const d = domain((await analyse([write('flaky.xml', 'flaky.reports.test', rows)])).output, 'flaky.reports.test');
    expect(d.blockers[0]!.fixedNow).toBe('unknown');
    expect(d.policy).toMatchObject({ source: 'reports', noteCode: { code: 'REPORTS_POLICY_LOOKUP_FAILED', args: {} }, note: 'the DMARC lookup failed today: the policy of the latest report' });
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
