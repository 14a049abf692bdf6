/**
 * DNSSEC for real: a zone signed at test time with BIND's dnssec-keygen and dnssec-signzone, served by a
 * validating Unbound on 127.0.0.1 whose trust anchor is the zone's key. The audit sees AD on the signed
 * zone's answers (dnssec secure, DANE valid), none on an unsigned zone's (insecure), and a SERVFAIL for a
 * zone whose signatures do not match the anchor (bogus): a DNS error, never "no record". Unbound never
 * asks the network (every upstream address is refused). .ci/run installs unbound and bind9-utils; without
 * them this file is skipped, saying why, and under CI=true it fails instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { freePort } from '../support/free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { runCli } from '../support/cli.js';
import { loopbackUnboundServer } from '../support/unbound-config.js';

const installed = (command: string, args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const tools = installed('unbound', ['-V']) && spawnSync('dnssec-signzone', ['-h'], { stdio: 'ignore' }).error === undefined && spawnSync('dnssec-keygen', ['-h'], { stdio: 'ignore' }).error === undefined;
const required = process.env.CI === 'true';

const TLSA = '3 1 1 cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd';
const zone = (origin: string, extra = ''): string =>
  [
    `$ORIGIN ${origin}.`,
    '$TTL 300',
    '@ SOA ns hostmaster 1 3600 600 86400 300',
    '@ NS ns',
    'ns A 127.0.0.1',
    '@ MX 10 mail',
    'mail A 192.0.2.25',
    '@ TXT "v=spf1 -all"',
    `_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@${origin}"`,
    `_25._tcp.mail TLSA ${TLSA}`,
    extra,
    '',
  ].join('\n');

function sh(command: string, args: string[], cwd: string): string {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** Signs `origin` in `dir` with a fresh key pair; returns the KSK's DNSKEY record (the trust anchor). */
function signZone(dir: string, origin: string): string {
  const ksk = sh('dnssec-keygen', ['-q', '-a', 'ECDSAP256SHA256', '-f', 'KSK', '-K', dir, origin], dir).trim();
  const zsk = sh('dnssec-keygen', ['-q', '-a', 'ECDSAP256SHA256', '-K', dir, origin], dir).trim();
  writeFileSync(join(dir, `${origin}.zone`), `${zone(origin)}$INCLUDE ${ksk}.key\n$INCLUDE ${zsk}.key\n`);
  sh('dnssec-signzone', ['-q', '-K', dir, '-o', origin, '-f', `${origin}.signed`, `${origin}.zone`], dir);
  return readFileSync(join(dir, `${ksk}.key`), 'utf8').split('\n').find((line) => /DNSKEY/.test(line) && !line.startsWith(';')) as string;
}

if (!tools && !required) {
  describe.skip('DNSSEC with a validating Unbound: unbound or bind9-utils is not installed (apt-get install unbound bind9-utils); CI installs them and fails without them', () => {
    it('needs unbound and dnssec-signzone', () => {});
  });
} else {
  let unbound: ChildProcess | undefined;
  let port = 0;
  const reports = new Map<string, AuditReport>();

  beforeAll(async () => {
    expect(tools, 'unbound and bind9-utils must be installed in CI (.ci/run installs them)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-dnssec-'));
    const anchor = signZone(dir, 'secure.test');
    // bogus.test is signed with one key, but Unbound trusts another: its answers fail validation.
    signZone(dir, 'bogus.test');
    const wrongAnchor = sh('dnssec-keygen', ['-q', '-a', 'ECDSAP256SHA256', '-f', 'KSK', '-K', join(dir), 'bogus.test'], dir).trim();
    const bogusAnchor = readFileSync(join(dir, `${wrongAnchor}.key`), 'utf8').split('\n').find((line) => /DNSKEY/.test(line) && !line.startsWith(';')) as string;
    writeFileSync(join(dir, 'plain.test.zone'), zone('plain.test'));
    writeFileSync(join(dir, 'anchors.key'), `${anchor}\n${bogusAnchor}\n`);
    // The parent, unsigned: the DMARC tree walk asks _dmarc.test.
    writeFileSync(join(dir, 'test.zone'), '$ORIGIN test.\n$TTL 300\n@ SOA ns hostmaster 1 3600 600 86400 300\n@ NS ns\nns A 127.0.0.1\n');
    port = await freePort();
    const authZone = (name: string, file: string): string[] => ['auth-zone:', `  name: "${name}."`, `  zonefile: "${join(dir, file)}"`, '  for-downstream: no', '  for-upstream: yes', '  fallback-enabled: no'];
    const config = [
      ...loopbackUnboundServer(dir, port),
      '  module-config: "validator iterator"',
      `  trust-anchor-file: "${join(dir, 'anchors.key')}"`,
      '  qname-minimisation: no',
      // Unbound answers "test." itself (RFC 6761) unless told not to.
      '  local-zone: "test." nodefault',
      // Nothing leaves the machine: every upstream address is refused, so names outside the zones fail at once.
      '  do-not-query-address: 0.0.0.0/0',
      '  do-not-query-address: ::/0',
      ...authZone('secure.test', 'secure.test.signed'),
      ...authZone('bogus.test', 'bogus.test.signed'),
      ...authZone('plain.test', 'plain.test.zone'),
      ...authZone('test', 'test.zone'),
      'remote-control:',
      '  control-enable: no',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'unbound.conf'), config);
    sh('unbound-checkconf', [join(dir, 'unbound.conf')], dir);
    unbound = spawn('unbound', ['-d', '-c', join(dir, 'unbound.conf')], { stdio: 'ignore' });
    // Ready when it answers.
    for (let attempt = 0; attempt < 50; attempt++) {
      const probe = await runCli(['secure.test', '--checks', 'dmarc', '--format', 'json', '--quiet', '--nameserver', `127.0.0.1:${port}`, '--timeout', '200', '--retries', '0']);
      if (probe.code === 0 && !probe.stdout.includes('DNS_ERROR')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const run = await runCli(['secure.test', 'plain.test', 'bogus.test', '--checks', 'dmarc,spf,mx,dane,dnssec', '--format', 'ndjson', '--quiet', '--nameserver', `127.0.0.1:${port}`, '--timeout', '1000', '--retries', '0']);
    expect(run.stderr).toBe('');
    for (const line of run.stdout.trimEnd().split('\n')) {
      const report = auditReportSchema.parse(JSON.parse(line));
      reports.set(report.domain, report);
    }
  }, 60_000);

  afterAll(() => void unbound?.kill());

  describe('DNSSEC through a validating Unbound with a locally signed zone', () => {
    it('a signed zone under the trust anchor: every answer secure, DANE valid', () => {
      const report = reports.get('secure.test')!;
      expect(report.dnssec).toMatchObject({ status: 'secure' });
      expect(report.dnssec?.recordSets.every((set) => set.status === 'secure')).toBe(true);
      expect(report.dnssec?.recordSets.map((set) => `${set.name} ${set.type}`)).toEqual(expect.arrayContaining(['_dmarc.secure.test TXT', 'secure.test MX', 'mail.secure.test A', '_25._tcp.mail.secure.test TLSA']));
      expect(report.dane).toMatchObject({ status: 'valid', mxSecure: true });
      expect(report.findings.map((f) => f.code)).not.toContain('DANE_NOT_SECURE');
    });

    it('an unsigned zone: insecure, and its TLSA records are ignored', () => {
      const report = reports.get('plain.test')!;
      expect(report.dnssec).toMatchObject({ status: 'insecure' });
      expect(report.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['DNSSEC_INSECURE', 'DANE_NOT_SECURE']));
    });

    it('a zone whose signatures fail validation: SERVFAIL, a DNS error, never a missing record', () => {
      const report = reports.get('bogus.test')!;
      expect(report.verdict).toBe('error');
      expect(report.dnssec?.status).toBe('error');
      expect(report.findings.map((f) => f.code)).toContain('DNS_ERROR');
      expect(report.findings.map((f) => f.code)).not.toContain('DMARC_MISSING');
    });
  });
}
