import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDomain } from '../../src/index.js';
import { parseNameserver } from '../../src/dns/nameservers.js';
import { auditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { FINDING_CODES } from '../../src/findings/catalog.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { AUDIT_CASES, mismatches } from '../support/audit-cases.js';
import { POSTURE_CASES } from '../support/posture-cases.js';
import { runCli } from '../support/cli.js';
import { ZONES } from '../support/fixture-names.js';

const DNS_FLAGS = ['--timeout', '300', '--retries', '1'];

let server: Awaited<ReturnType<typeof startFixtureServer>>;
const cliReports = new Map<string, AuditReport>();

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  const run = await runCli([...AUDIT_CASES.map((c) => c.domain), '--format', 'ndjson', '--quiet', '--nameserver', server.nameserver, ...DNS_FLAGS]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(AUDIT_CASES.length);
  lines.forEach((line, index) => cliReports.set(AUDIT_CASES[index]!.domain, auditReportSchema.parse(JSON.parse(line))));
});

afterAll(() => server?.close());

describe('every case through the CLI (ndjson, input order)', () => {
  it.each(AUDIT_CASES)('$domain', (c) => {
    expect(mismatches(cliReports.get(c.domain)!, c)).toEqual([]);
  });
});

describe('every case through the library', () => {
  it.each(AUDIT_CASES)('$domain', async (c) => {
    const report = await auditDomain(c.domain, { nameservers: [parseNameserver(server.nameserver)], timeoutMs: 300, retries: 1 });
    expect(mismatches(auditReportSchema.parse(report), c)).toEqual([]);
  });
});

describe('the case table', () => {
  const verdicts = new Set(AUDIT_CASES.map((c) => c.expect.verdict));
  // The posture cases (MTA-STS, TLS-RPT, DANE, BIMI, DNSSEC) need the HTTPS server: test/cli/posture-cases.test.ts runs them.
  const covered = new Set([...AUDIT_CASES, ...POSTURE_CASES].flatMap((c) => c.expect.codes ?? []));

  it.each(['enforcing', 'monitoring', 'unprotected', 'error'])('covers the verdict %s', (verdict) => {
    expect(verdicts.has(verdict as AuditReport['verdict'])).toBe(true);
  });

  // INPUT_INVALID belongs to domain lists, not domains: test/cli/batch.test.ts covers it.
  it.each(FINDING_CODES.filter((code) => code !== 'INPUT_INVALID'))('covers the finding code %s', (code) => {
    expect(covered.has(code)).toBe(true);
  });
});
