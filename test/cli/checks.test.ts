/** --checks: which checks run, what a report says of the others, and what the gate makes of a rule whose check did not run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '../../src/report/schema.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { ZONES } from '../support/fixture-names.js';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dns: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', '--quiet'];
});

afterAll(() => server?.close());

const report = async (args: string[]) => {
  const run = await runCli(['dkim-m365.test', '--format', 'ndjson', ...args, ...dns]);
  expect(run.code, run.stderr).toBe(0);
  return auditReportSchema.parse(JSON.parse(run.stdout));
};

describe('--checks', () => {
  it('by default: every check that needs only DNS', async () => {
    const r = await report([]);
    expect(r.checks).toEqual(['dmarc', 'spf', 'dkim', 'mx']);
    expect(r.dkim?.status).toBe('found');
  });

  it('dmarc,spf: the other sections are null and their findings absent', async () => {
    const r = await report(['--checks', 'dmarc,spf']);
    expect(r.checks).toEqual(['dmarc', 'spf']);
    expect([r.dkim, r.mx]).toEqual([null, null]);
    expect(r.findings.map((f) => f.code).filter((code) => /^(DKIM|MX)_/.test(code))).toEqual([]);
  });

  it('dmarc always runs, even when not named', async () => {
    expect((await report(['--checks', 'dkim'])).checks).toEqual(['dmarc', 'dkim']);
  });

  it('an unknown check is a usage error naming the checks', async () => {
    const run = await runCli(['reject.test', '--checks', 'dmarc,dkm', ...dns]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown check "dkm": the checks are dmarc, spf, dkim, mx/);
  });

  it('the gate: a rule of a check that did not run is undetermined, never passed', async () => {
    const run = await runCli(['gate', 'dkim-m365.test', '--profile', 'bulk-sender', '--checks', 'dmarc,spf', '--format', 'json', ...dns.filter((a) => a !== '--quiet')]);
    expect(run.code).toBe(3);
    const outcome = JSON.parse(run.stdout) as { domains: { results: { rule: string; status: string; code?: string }[] }[] };
    expect(outcome.domains[0]?.results.find((r) => r.rule === 'requireDkim')).toMatchObject({ status: 'undetermined' });
  });

  it('--dkim-selector alone replaces the built-in list', async () => {
    const r = await report(['--dkim-selector', 'selector2']);
    expect(r.dkim?.probedSelectors).toEqual(['selector2']);
    expect(r.dkim?.selectors.map((k) => k.selector)).toEqual(['selector2']);
  });
});
