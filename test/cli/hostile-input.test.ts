import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { ZONES } from '../support/fixture-names.js';

const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-input-'));
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
});
afterAll(() => server?.close());

const utf16 = (text: string, bigEndian: boolean, bom = true): Buffer => {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return bigEndian ? le.swap16() : le;
};

/** What each kept line should become: the domain audited, or an INPUT_INVALID whose message matches. */
type Expected = [domain: string, verdict: string, message?: RegExp];
const OK: Expected = ['reject.test', 'enforcing'];
const BUCHER: Expected = ['xn--bcher-kva.test', 'enforcing'];
const bad = (message: RegExp): Expected => [expect.any(String) as unknown as string, 'error', message];

/**
 * One hostile file per row; every file ends with a good domain, which must still be audited: a bad line
 * costs only its own report.
 */
const CASES: [name: string, content: string | Buffer, expected: Expected[]][] = [
  ['binary bytes', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0x0a, ...Buffer.from('reject.test\n')]), [bad(/control characters/), OK]],
  ['a NUL inside a name', 'reject\u0000.test\nreject.test\n', [bad(/^Line 1: .*control characters/), OK]],
  ['a 10 MB single line', `${'a'.repeat(10 * 1024 * 1024)}\nreject.test\n`, [bad(/too long to be a domain name/), OK]],
  ['CRLF and a UTF-8 BOM', '\ufeffreject.test\r\nbücher.test\r\n', [OK, BUCHER]],
  ['UTF-16LE with BOM', utf16('reject.test\r\nbücher.test\r\n', false), [OK, BUCHER]],
  ['UTF-16BE with BOM', utf16('reject.test\nbücher.test\n', true), [OK, BUCHER]],
  ['UTF-16LE without BOM', utf16('reject.test\nbücher.test\n', false, false), [OK, BUCHER]],
  ['UTF-16BE without BOM', utf16('reject.test\nbücher.test\n', true, false), [OK, BUCHER]],
  ['a NUL-padded line after UTF-8 text', 'reject.test\nr\u0000e\u0000j\u0000\n', [OK, bad(/UTF-16 without a byte-order mark/)]],
  ['an IPv4 address', '192.0.2.1\nreject.test\n', [bad(/is an IP address; DMARC and SPF are published for domain names/), OK]],
  ['an IPv6 address', '[2001:db8::1]\nreject.test\n', [bad(/is an IP address/), OK]],
  ['a URL', 'https://reject.test/login\nreject.test\n', [bad(/is a URL; pass only its host name, e.g. "reject.test"/), OK]],
  ['an e-mail address', 'postmaster@reject.test\nreject.test\n', [bad(/is an e-mail address; pass the domain after "@", e.g. "reject.test"/), OK]],
  ['host:port', 'reject.test:25\nreject.test\n', [bad(/not only a host name; pass just the host, e.g. "reject.test"/), OK]],
  ['a wildcard', '*.reject.test\nreject.test\n', [bad(/is a wildcard; pass a concrete domain name/), OK]],
  ['a DMARC record name', '_dmarc.reject.test\nreject.test\n', [bad(/is a DNS record name, not a domain.*e\.g\. "reject\.test"/), OK]],
  ['an underscore inside a label', 'my_host.reject.test\nreject.test\n', [bad(/label "my_host" contains "_"/), OK]],
  ['a leading hyphen', '-x.reject.test\nreject.test\n', [bad(/label "-x" starts with a hyphen/), OK]],
  ['bad punycode', 'xn--zz.test\nreject.test\n', [bad(/not a valid A-label/), OK]],
  ['IDN: NFC, NFD, upper case, fullwidth dots, A-label', 'bücher.test\nbu\u0308cher.test\nBÜCHER.TEST\nbücher。test。\nbücher．test\nxn--bcher-kva.test\n', Array(6).fill(BUCHER) as Expected[]],
];

describe('hostile input files', () => {
  it.each(CASES)('%s', async (name, content, expected) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(path, content);
    const run = await runCli(['--file', path, '--format', 'ndjson', '--quiet', '--nameserver', server.nameserver, '--timeout', '300']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const reports = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { domain: string; verdict: string; findings: { code: string; message: string }[] });
    expect(reports.map((r) => [r.domain, r.verdict])).toEqual(expected.map(([domain, verdict]) => [domain, verdict]));
    expected.forEach(([, , message], index) => {
      if (message) expect(reports[index]!.findings).toEqual([expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringMatching(message) })]);
    });
  });

  it('a 1,000,000-line list is streamed and keeps its line numbers', async () => {
    const path = join(dir, 'million.txt');
    writeFileSync(path, `${'# filler\n'.repeat(999_999)}not_a.domain.test\nreject.test\n`);
    const run = await runCli(['--file', path, '--format', 'ndjson', '--quiet', '--nameserver', server.nameserver, '--timeout', '300']);
    const reports = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { domain: string; findings: { message: string }[] });
    expect(reports.map((r) => r.domain)).toEqual(['not_a.domain.test', 'reject.test']);
    expect(reports[0]!.findings[0]!.message).toMatch(/^Line 1000000: /);
  });
});

describe('unusable --file', () => {
  const notADirectory = join(dir, 'plain.txt');
  writeFileSync(notADirectory, 'reject.test\n');

  it.each([
    ['a missing file', join(dir, 'nope.txt'), /cannot read --file .*no such file/],
    ['a directory', dir, /is a directory; pass a file with one domain per line/],
    ['a path through a file', join(notADirectory, 'list.txt'), /cannot read --file .*ENOTDIR/],
  ])('%s is a usage error (exit 2)', async (_name, path, message) => {
    const run = await runCli(['--file', path, '--nameserver', server.nameserver]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  // Permission bits do not stop root, which CI containers often are.
  it.skipIf(process.getuid?.() === 0)('an unreadable file is a usage error (exit 2)', async () => {
    const path = join(dir, 'secret.txt');
    writeFileSync(path, 'reject.test\n');
    chmodSync(path, 0o000);
    const run = await runCli(['--file', path, '--nameserver', server.nameserver]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read --file .*EACCES|permission denied/i);
  });
});
