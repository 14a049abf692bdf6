/** `dmarc-audit spf` through the built CLI against fixtures/zones/spf-check.zone on the loopback fixture server. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';

const ZONE = fileURLToPath(new URL('../../fixtures/zones/spf-check.zone', import.meta.url));
const DNS_FLAGS = ['--timeout', '300', '--retries', '0'];

let server: Awaited<ReturnType<typeof startFixtureServer>>;
const spf = (...args: string[]) => runCli(['spf', ...args, '--nameserver', server.nameserver, ...DNS_FLAGS]);

beforeAll(async () => {
  server = await startFixtureServer({ zoneFiles: [ZONE] });
});

afterAll(() => server?.close());

describe('dmarc-audit spf <domain> --ip (check_host)', () => {
  it.each([
    { domain: 'spfcheck.test', ip: '192.0.2.10', result: 'pass', mechanism: 'ip4:192.0.2.0/24' },
    { domain: 'spfcheck.test', ip: '198.51.100.10', result: 'pass', mechanism: 'a' },
    { domain: 'spfcheck.test', ip: '2001:db8:1::20', result: 'pass', mechanism: 'mx' },
    { domain: 'spfcheck.test', ip: '203.0.113.5', result: 'pass', mechanism: 'include:_spf.provider.spfcheck.test' },
    { domain: 'spfcheck.test', ip: '::ffff:192.0.2.10', result: 'pass', mechanism: 'ip4:192.0.2.0/24' },
    { domain: 'soft.spfcheck.test', ip: '192.0.2.2', result: 'softfail', mechanism: '~all' },
    { domain: 'neutral.spfcheck.test', ip: '192.0.2.2', result: 'neutral', mechanism: '?all' },
    { domain: 'nospf.spfcheck.test', ip: '192.0.2.2', result: 'none', mechanism: null },
    { domain: 'perm.spfcheck.test', ip: '192.0.2.2', result: 'permerror', mechanism: null },
    { domain: 'temp.spfcheck.test', ip: '192.0.2.2', result: 'temperror', mechanism: null },
    { domain: 'redirect.spfcheck.test', ip: '192.0.2.10', result: 'pass', mechanism: 'ip4:192.0.2.0/24' },
    { domain: 'macro.spfcheck.test', ip: '192.0.2.55', sender: 'alice@macro.spfcheck.test', result: 'pass', mechanism: 'exists:%{l}.%{i}.allow.spfcheck.test' },
    { domain: 'macro.spfcheck.test', ip: '192.0.2.55', sender: 'bob@macro.spfcheck.test', result: 'fail', mechanism: '-all' },
    { domain: 'helo.spfcheck.test', ip: '192.0.2.77', helo: 'mta.spfcheck.test', result: 'pass', mechanism: 'a:%{h}' },
  ])('$domain from $ip → $result', async ({ domain, ip, sender, helo, result, mechanism }) => {
    const args = [domain, '--ip', ip, '--format', 'json'];
    if (sender) args.push('--sender', sender);
    if (helo) args.push('--helo', helo);
    const run = await spf(...args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ domain, result, mechanism });
    expect(json).toHaveProperty('explanation');
    expect(json).toHaveProperty('ip');
  });

  it('gives the exp= explanation of a fail, macros expanded', async () => {
    const run = await spf('spfcheck.test', '--ip', '198.51.100.99', '--format', 'json');
    expect(JSON.parse(run.stdout)).toMatchObject({
      result: 'fail',
      explanation: '198.51.100.99 is not allowed to send for spfcheck.test',
      explanationSource: 'exp',
      lookups: 3,
    });
  });

  it('prints the result, the match and the trace as text within 80 columns', async () => {
    const run = await spf('spfcheck.test', '--ip', '203.0.113.5');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Result       PASS');
    expect(run.stdout).toContain('Matched      include:_spf.provider.spfcheck.test in spfcheck.test');
    expect(run.stdout).toMatch(/✓ ip4:203\.0\.113\.0\/24\n\s+203\.0\.113\.5 is in 203\.0\.113\.0\/24/);
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows terminal escapes from DNS as visible text, never raw', async () => {
    const run = await spf('evil.spfcheck.test', '--ip', '192.0.2.1');
    expect(run.stdout).toContain('PERMERROR');
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('\\x1b[2J');
  });
});

describe('dmarc-audit spf <domain> (the tree and advice)', () => {
  it('marks the terms past the limit and advises flattening the range-only includes', async () => {
    const run = await spf('heavy.spfcheck.test');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('heavy.spfcheck.test · invalid · 12/10 lookups · 0/2 void · all -all');
    expect(run.stdout).toMatch(/ {2}11 {2}include:p3\.spfcheck\.test {2}over the limit/);
    expect(run.stdout).toContain('Replace include:p1.spfcheck.test (3 lookups) by its 2 ip4/ip6 ranges: saves');
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('gives the analysis, described findings and advice as JSON', async () => {
    const run = await spf('heavy.spfcheck.test', '--format', 'json');
    const json = JSON.parse(run.stdout) as { dnsLookups: number; findings: { code: string; message: string }[]; advice: { overLimit: unknown[]; includes: { term: string; flattenable: boolean }[] } };
    expect(json.dnsLookups).toBe(12);
    expect(json.findings.map((f) => f.code)).toContain('SPF_TOO_MANY_LOOKUPS');
    expect(json.advice.overLimit).toHaveLength(2);
    expect(json.advice.includes.map((i) => [i.term, i.flattenable])).toEqual([
      ['include:p2.spfcheck.test', false],
      ['include:p1.spfcheck.test', true],
      ['include:p3.spfcheck.test', true],
    ]);
  });
});

describe('usage errors (exit 2)', () => {
  it.each([
    { why: 'an invalid IP', args: ['spfcheck.test', '--ip', '192.0.2.300'], message: '--ip "192.0.2.300" is not an IPv4 or IPv6 address' },
    { why: 'an invalid domain', args: ['not a domain', '--ip', '192.0.2.1'], message: 'invalid domain "not a domain"' },
    { why: '--sender without --ip', args: ['spfcheck.test', '--sender', 'a@spfcheck.test'], message: '--sender and --helo need --ip' },
    { why: 'an unknown format', args: ['spfcheck.test', '--format', 'xml'], message: "option '--format <format>' argument 'xml' is invalid" },
  ])('$why', async ({ args, message }) => {
    const run = await spf(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
