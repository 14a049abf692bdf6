import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { ZONES } from '../support/fixture-names.js';


let server: Awaited<ReturnType<typeof startFixtureServer>>;
let ns: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  ns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0'];
});

afterAll(() => server?.close());

describe('usage errors exit 2 with a message saying what is wrong', () => {
  it.each([
    ['no domain', [], /no domain given/],
    ['unknown flag', ['--bogus', 'example.com'], /unknown option '--bogus'/],
    ['invalid domain syntax', ['exa mple.com'], /invalid domain "exa mple.com": .*white space/],
    ['URL instead of a domain', ['https://example.com/x'], /is a URL; pass only its host name, e.g. "example.com"/],
    ['e-mail address', ['user@example.com'], /e-mail address; pass the domain after "@"/],
    ['IP address', ['192.0.2.1'], /IP address/],
    ['label too long', [`${'a'.repeat(64)}.com`], /longer than 63/],
    ['bad format', ['--format', 'xml', 'example.com'], /Allowed choices are text, json, ndjson/],
    ['bad timeout', ['--timeout', 'soon', 'example.com'], /--timeout must be a whole number/],
    ['bad nameserver', ['--nameserver', 'not a server', 'example.com'], /--nameserver/],
    ['concurrency neither a number nor auto', ['--concurrency', 'fast', 'example.com'], /--concurrency must be a whole number/],
    ['concurrency 0', ['--concurrency', '0', 'example.com'], /--concurrency must be a whole number from 1/],
  ])('%s', async (_name, args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    // One prefix for every error, commander's own included.
    expect(run.stderr).toMatch(/^dmarc-audit: /);
  });
});

describe('help', () => {
  it('at the top level shows the commands and the options of audit, the default command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: dmarc-audit \[audit\] \[options\] \[domains\.\.\.\]/);
    expect(run.stdout).toMatch(/^ {2}gate \[options\]/m);
    for (const option of ['-f, --file <path>', '--format <format>', '--nameserver <host[:port]>', '--concurrency <n|auto>', '--fail-on <conditions>']) {
      expect(run.stdout).toContain(option);
    }
  });

  it.each([['audit'], ['gate'], ['spf']])('of %s gives one default for --nameserver', async (command) => {
    const run = await runCli([command, '--help']);
    // An option's help runs until the next option; wrapped lines joined.
    const help = run.stdout.split(/\n(?= {2}-)/).find((block) => block.trimStart().startsWith('--nameserver'))?.replace(/\s+/g, ' ');
    expect(help).toMatch(/\(default: the servers in \/etc\/resolv\.conf\)$/);
    expect(help?.match(/default:/g)).toHaveLength(1);
  });
});

describe('--fail-on', () => {
  it.each([
    ['no --fail-on: audited is success', [], ['nodmarc.test', 'dns-timeout.test'], 0],
    ['monitoring, none', ['--fail-on', 'monitoring'], ['reject.test', 'nodmarc.test'], 0],
    ['monitoring, one', ['--fail-on', 'monitoring'], ['reject.test', 'none.test'], 1],
    ['unprotected, none', ['--fail-on', 'unprotected'], ['none.test'], 0],
    ['unprotected, one', ['--fail-on', 'unprotected'], ['nodmarc.test', 'reject.test'], 1],
    ['dns-error deep in SPF, with the DMARC verdict known', ['--fail-on', 'dns-error'], ['spf-include-timeout.test'], 1],
    ['dns-error, none', ['--fail-on', 'dns-error'], ['reject.test', 'none.test'], 0],
    ['error: a finding of severity error', ['--fail-on', 'error'], ['spf-passall.test'], 1],
    ['error: warnings only', ['--fail-on', 'error'], ['none.test'], 0],
    ['a comma list', ['--fail-on', 'monitoring,unprotected'], ['nodmarc.test'], 1],
    ['repeated', ['--fail-on', 'monitoring', '--fail-on', 'dns-error'], ['dns-timeout.test'], 1],
    ['monitoring, with the verdict hidden by a DNS failure: fails closed', ['--fail-on', 'monitoring'], ['reject.test', 'dns-timeout.test'], 3],
    ['a match outranks an undetermined domain', ['--fail-on', 'unprotected'], ['nodmarc.test', 'dns-timeout.test'], 1],
    ['a DNS failure that leaves the verdict known is not undetermined', ['--fail-on', 'monitoring'], ['spf-include-timeout.test'], 0],
  ])('%s', async (_name, failOn, domains, code) => {
    const run = await runCli([...domains, ...failOn, '--format', 'ndjson', ...ns]);
    expect(run.code, run.stderr).toBe(code);
    // Every report is written either way.
    expect(run.stdout.trim().split('\n')).toHaveLength(domains.length);
    const conditions = failOn.filter((a) => a !== '--fail-on').join(',');
    if (code === 1) expect(run.stderr).toMatch(new RegExp(`^dmarc-audit: 1 of ${domains.length} domains match --fail-on ${conditions}`, 'm'));
    if (code === 3) expect(run.stderr).toContain(`dmarc-audit: failed closed: DNS errors hid the verdict of 1 of ${domains.length} domains, which may match --fail-on ${conditions}`);
  });

  it('rejects an unknown condition before any query, saying what is allowed', async () => {
    const run = await runCli(['reject.test', '--fail-on', 'monitoring,warning', ...ns]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--fail-on "warning" is not a condition; allowed: error, monitoring, unprotected, dns-error');
  });
});

describe('--concurrency', () => {
  it.each([['auto'], ['1'], ['3']])('%s audits every domain, in input order', async (concurrency) => {
    const run = await runCli(['none.test', 'reject.test', 'none.test', '--format', 'ndjson', '--concurrency', concurrency, ...ns]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { domain: string }).domain)).toEqual(['none.test', 'reject.test', 'none.test']);
  });
});

describe('output formats', () => {
  it('json is one array of reports in input order', async () => {
    const run = await runCli(['none.test', 'reject.test', '--format', 'json', ...ns]);
    expect(run.code).toBe(0);
    const reports = JSON.parse(run.stdout) as { domain: string; verdict: string }[];
    expect(reports.map((r) => [r.domain, r.verdict])).toEqual([
      ['none.test', 'monitoring'],
      ['reject.test', 'enforcing'],
    ]);
  });

  it('a DNS failure still exits 0: the domain was audited, with verdict error', async () => {
    const run = await runCli(['dns-timeout.test', '--format', 'ndjson', ...ns]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'error', dmarc: { status: 'error' } });
  });

  it('text shows verdict first, the records, the SPF lookup tree and findings with fixes', async () => {
    const run = await runCli(['spf-provider.test', 'none.test', ...ns], { NO_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('spf-provider.test  ENFORCING  grade A');
    expect(run.stdout).toContain('v=DMARC1; p=reject; rua=mailto:dmarc@spf-provider.test');
    expect(run.stdout).toContain('include:_spf.provider.test [+1 = 1; +2 inside]');
    expect(run.stdout).toContain('none.test  MONITORING ONLY (p=none)  grade C');
    expect(run.stdout).toMatch(/DMARC_POLICY_NONE: [^→]*\[RFC 9989 §4.7\]\n +→ Once aggregate reports/);
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it.each([
    ['NO_COLOR set', { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['not a TTY', {}, false],
    ['forced', { FORCE_COLOR: '1' }, true],
  ])('colour: %s', async (_name, env, coloured) => {
    const run = await runCli(['reject.test', ...ns], env);
    expect(run.stdout.includes('\u001b[')).toBe(coloured);
  });

  it('never prints terminal escapes from DNS data, even with colour on', async () => {
    const run = await runCli(['escape.test', ...ns], { FORCE_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b]');
    expect(run.stdout).not.toContain('\u001b[31mred');
    expect(run.stdout).not.toContain('\u0007');
    expect(run.stdout).toContain('\\x1b[31mred');
  });
});

describe('schema', () => {
  it('prints the JSON Schema of a report', async () => {
    const run = await runCli(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['domain', 'verdict', 'grade', 'dmarc', 'spf', 'findings']));
  });
});
