/**
 * --imap end to end against a real Dovecot on loopback (Debian dovecot-imapd, installed by
 * .ci/run): implicit TLS with a self-signed certificate the CLI trusts through NODE_EXTRA_CA_CERTS,
 * a read-only pass that changes nothing, then --imap-move.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportsOutput } from '../../src/reports/output-schema.js';
import { runCli } from '../support/cli.js';
import { dovecotInstalled, startDovecot, type Dovecot } from '../support/dovecot.js';
import { email, gzip, reportXml } from '../support/report-fixtures.js';

const required = process.env.CI === 'true';
const available = dovecotInstalled();

if (!available && !required) {
  describe.skip('IMAP: Dovecot is not installed (apt-get install dovecot-imapd); CI installs it and fails without it', () => {
    it.skip('needs dovecot', () => {});
  });
} else {
  describe('--imap against Dovecot on 127.0.0.1', { timeout: 30_000 }, () => {
    let dovecot: Dovecot;
    beforeAll(async () => {
      expect(available, 'dovecot-imapd must be installed in CI (.ci/run installs it)').toBe(true);
      dovecot = await startDovecot();
      dovecot.deliver('INBOX', '1700000000.M1.test', email('one', [{ type: 'application/gzip', name: 'a.xml.gz', data: gzip(reportXml({ id: 'imap-1', rows: [{ ip: '192.0.2.1', count: 7, dkim: 'pass' }] })) }]));
      dovecot.deliver('INBOX', '1700000001.M2.test', email('two', [{ type: 'text/xml', name: 'b.xml', data: reportXml({ id: 'imap-2', rows: [{ ip: '192.0.2.2', count: 3 }] }) }]));
      dovecot.deliver('INBOX', '1700000002.M3.test', 'From: someone@example.com\r\nSubject: not a report\r\n\r\nHello.\r\n');
    }, 30_000);
    afterAll(() => dovecot?.stop());

    const url = (): string => `imaps://${dovecot.user}@127.0.0.1:${dovecot.port}/INBOX`;
    const env = (): Record<string, string> => ({ NODE_EXTRA_CA_CERTS: dovecot.certificate, DMARC_AUDIT_IMAP_PASSWORD: dovecot.password });
    const run = (args: string[], extra: Record<string, string | undefined> = {}) => runCli(['reports', '--no-dns', '--format', 'json', '--imap', url(), ...args], { ...env(), ...extra });

    it('reads the reports read-only: the same messages stay, unseen', async () => {
      for (let pass = 0; pass < 2; pass++) {
        const result = await run([]);
        expect(result.code, result.stderr).toBe(0);
        const output = JSON.parse(result.stdout) as ReportsOutput;
        expect([output.inputs.reports, output.domains[0]!.messages]).toEqual([2, 10]);
        expect(result.stderr).toMatch(/imap:INBOX\/3: skipped: no report in this message/);
      }
      expect(dovecot.count('INBOX')).toBe(3);
    });

    it('the password from a file; a wrong one is a clear error (exit 2)', async () => {
      const file = join(tmpdir(), `imap-pass-${dovecot.port}`);
      writeFileSync(file, `${dovecot.password}\n`);
      expect((await run(['--imap-password-file', file], { DMARC_AUDIT_IMAP_PASSWORD: undefined })).code).toBe(0);
      const wrong = await run([], { DMARC_AUDIT_IMAP_PASSWORD: 'wrong' });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/cannot read imaps:\/\/dmarc@127\.0\.0\.1:\d+\/INBOX: /);
    });

    it('a password in the URL is refused', async () => {
      const result = await runCli(['reports', '--imap', `imaps://dmarc:secret@127.0.0.1:${dovecot.port}/INBOX`]);
      expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(/never put the password in the URL/)]);
    });

    it('--imap-move moves the messages whose reports were read, and leaves the rest', async () => {
      const result = await run(['--imap-move', 'Processed']);
      expect(result.code, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as ReportsOutput).inputs.reports).toBe(2);
      expect([dovecot.count('INBOX'), dovecot.count('Processed')]).toEqual([1, 2]);
    });
  });
}
