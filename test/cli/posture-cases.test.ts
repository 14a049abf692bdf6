/**
 * Every MTA-STS, TLS-RPT, DANE, BIMI and DNSSEC case through the CLI: the fixture DNS server (AD bit per
 * name), a local HTTPS server with a CA made at test time by openssl (--ca-file, --https-port), every
 * check on and --bimi-fetch. Hostile servers (10 MB body, no body, redirect, another name's
 * certificate, a script in an SVG, billion laughs) each end in their finding within the budget.
 * Without openssl this file is skipped, saying why; under CI=true it fails instead (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/checks/registry.js';
import { auditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { mismatches } from '../support/audit-cases.js';
import { runCli } from '../support/cli.js';
import { startHttpsFixture, type HttpsFixture } from '../support/https-fixture.js';
import { POSTURE_CASES, POSTURE_ROUTES } from '../support/posture-cases.js';
import { createTestCa } from '../support/test-ca.js';
import { ZONES } from '../support/fixture-names.js';

const opensslInstalled = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const required = process.env.CI === 'true';
/** RFC 3709 id-pe-logotype, with an empty LogotypeExtn: what the check looks for, not a full logo. */
const LOGOTYPE = '1.3.6.1.5.5.7.1.12=DER:3000';

if (!opensslInstalled && !required) {
  describe.skip('posture cases: openssl is not installed (apt-get install openssl); CI installs it and fails without it', () => {
    it('needs openssl', () => {});
  });
} else {
  let dns: Awaited<ReturnType<typeof startFixtureServer>>;
  let https: HttpsFixture;
  let run: Awaited<ReturnType<typeof runCli>>;
  let flags: string[];
  const reports = new Map<string, AuditReport>();
  const domains = [...new Set(POSTURE_CASES.map((c) => c.domain))];

  beforeAll(async () => {
    expect(opensslInstalled, 'openssl must be installed in CI (.ci/run installs it)').toBe(true);
    const ca = createTestCa();
    const vmc = ca.issue(['bimi-ok.posture.test'], { extensions: [LOGOTYPE] });
    const plain = ca.issue(['someone-else.test']);
    https = await startHttpsFixture(ca, {
      ...POSTURE_ROUTES,
      'bimi.bimi-ok.posture.test/vmc.pem': { type: 'application/pem-certificate-chain', body: vmc.cert },
      'bimi.bimi-hostile.posture.test/plain.pem': { type: 'application/pem-certificate-chain', body: plain.cert },
    });
    dns = await startFixtureServer({ zoneDir: ZONES });
    // Timeouts generous enough for a loaded CI machine: only the hostile names (no answer, no body) may run into them.
    flags = ['--nameserver', dns.nameserver, '--timeout', '1000', '--retries', '2', '--ca-file', ca.caFile, '--https-port', String(https.port), '--https-timeout', '3000'];
    run = await runCli([...domains, '--checks', CHECK_IDS.join(','), '--bimi-fetch', '--format', 'ndjson', '--quiet', ...flags]);
    for (const line of run.stdout.trimEnd().split('\n')) {
      const report = auditReportSchema.parse(JSON.parse(line));
      reports.set(report.domain, report);
    }
  }, 60_000);

  afterAll(async () => {
    await https?.close();
    await dns?.close();
  });

  describe('posture cases through the CLI (every check, --bimi-fetch)', () => {
    it('audits every domain, exit 0, nothing on stderr', () => {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect([...reports.keys()]).toEqual(domains);
    });

    it.each(POSTURE_CASES.map((c, index) => [`${c.domain} #${index}`, c] as const))('%s', (_name, c) => {
      expect(mismatches(reports.get(c.domain)!, c)).toEqual([]);
    });

    it('--bimi-selector looks up another selector', async () => {
      const selected = await runCli(['bimi-ok.posture.test', '--checks', 'bimi', '--bimi-selector', 'brand', '--format', 'json', '--quiet', ...flags]);
      const [report] = JSON.parse(selected.stdout) as AuditReport[];
      expect(report?.bimi).toMatchObject({ status: 'valid', selector: 'brand', source: 'brand._bimi.bimi-ok.posture.test', certificate: null, logoStatus: null });
      expect(report?.findings.map((f) => f.code)).toContain('BIMI_NO_CERTIFICATE');
    });
  });

  describe('requireMtaSts through the gate: the rule pulls the check in; HTTPS failures fail closed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-posture-gate-'));
    // Only the MTA-STS rule: the enforce profile's SPF and error-finding rules switched off.
    const config = { domains: ['sts-enforce.posture.test'], profile: 'enforce', rules: { requireMtaSts: 'enforce', requireSpf: null, allowedSpfAll: null, maxSpfLookups: null, noErrorFindings: null } };
    writeFileSync(join(dir, 'gate.json'), JSON.stringify(config));
    it.each([
      ['sts-enforce.posture.test', 0],
      ['sts-redirect.posture.test', 1],
      ['sts-wrongcert.posture.test', 1],
      ['sts-hang.posture.test', 3],
      ['sts-refused.posture.test', 3],
    ])('%s: exit %i', async (domain, code) => {
      const gate = await runCli(['gate', domain, '--config', join(dir, 'gate.json'), '--quiet', ...flags], { GITHUB_ACTIONS: undefined });
      expect(gate.code, gate.stderr).toBe(code);
    });
  });
}
