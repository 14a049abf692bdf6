import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from '../../src/gate/config-schema.js';
import { PROFILES } from '../../src/gate/profiles.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { MALFORMED_CASES } from '../support/audit-cases.js';
import { runCli } from '../support/cli.js';
import { sarifSchemaErrors } from '../support/sarif-schema.js';
import { ZONES } from '../support/fixture-names.js';


let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dns: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0'];
});

afterAll(() => server?.close());

// Runs outside GitHub Actions unless a test says otherwise, so a CI runner's own variables never leak in.
const QUIET_ENV = { GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: undefined };

/** A fresh directory with the given files, for configs and reports. */
function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmarc-audit-gate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function gate(args: string[], dir = workdir(), env: Record<string, string | undefined> = {}) {
  return runCli(['gate', ...args, ...dns], { ...QUIET_ENV, ...env }, { cwd: dir });
}

const config = (value: object): string => JSON.stringify(value, null, 2);

describe('the internet-nl profile (fixtures/zones/posture.zone)', () => {
  type Outcome = { domains: { domain: string; status: string; report: { checks: string[] }; results: { rule: string; status: string; message: string }[] }[] };
  it('runs the checks its rules read (dnssec, dane) and those it advises (mtaSts, tlsRpt) without a checks list', async () => {
    const run = await gate(['inl-ok.posture.test', 'sts-enforce.posture.test', '--profile', 'internet-nl', '--format', 'json']);
    expect(run.code, run.stderr).toBe(1);
    const outcome = JSON.parse(run.stdout) as Outcome;
    const [ok, weak] = outcome.domains;
    expect(ok?.report.checks).toEqual(expect.arrayContaining(['dkim', 'mtaSts', 'dane', 'tlsRpt', 'dnssec']));
    expect(ok?.status).toBe('pass');
    const failing = weak?.results.filter((r) => r.status === 'fail').map((r) => r.rule);
    expect(failing).toEqual(['requireDkim', 'requireDane', 'requireDnssec']);
  });

  it('a rule of a check left out of an explicit --checks list is undetermined, never passed', async () => {
    const run = await gate(['inl-ok.posture.test', '--profile', 'internet-nl', '--checks', 'dmarc,spf,dkim,mx', '--format', 'json']);
    expect(run.code, run.stderr).toBe(3);
    const results = (JSON.parse(run.stdout) as Outcome).domains[0]?.results ?? [];
    expect(results.filter((r) => /check, which did not run/.test(r.message)).map((r) => [r.rule, r.status])).toEqual([['requireDane', 'undetermined'], ['requireDnssec', 'undetermined']]);
  });
});

describe('malformed DMARC records (README "How records are interpreted")', () => {
  it('minPolicy fails every one: never a pass, never undetermined', async () => {
    const domains = MALFORMED_CASES.map((c) => c.domain);
    const run = await gate([...domains, '--profile', 'enforce', '--format', 'json']);
    expect(run.code, run.stderr).toBe(1);
    const outcome = JSON.parse(run.stdout) as { domains: { domain: string; results: { rule: string; status: string }[] }[] };
    const minPolicy = outcome.domains.map((d) => [d.domain, d.results.find((r) => r.rule === 'minPolicy')?.status]);
    expect(minPolicy).toEqual(domains.map((domain) => [domain, 'fail']));
  });
});

describe('check options in the config', () => {
  it('dkimSelectors in overrides names a domain\'s own selector', async () => {
    const without = await gate([], workdir({ 'dmarc-audit.config.json': config({ domains: ['custom-dkim.gate.test'], rules: { requireDkim: true } }) }));
    expect(without.code, without.stdout).toBe(1);
    const named = config({ domains: ['custom-dkim.gate.test'], rules: { requireDkim: true }, overrides: { 'custom-dkim.gate.test': { dkimSelectors: ['mail2024'] } } });
    const run = await gate(['--format', 'json'], workdir({ 'dmarc-audit.config.json': named }));
    expect(run.code, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout) as { domains: { report: { dkim: { probedSelectors: string[] } } }[] };
    expect(outcome.domains[0]?.report.dkim.probedSelectors).toEqual(['mail2024']);
  });

  it('a bad selector in the config is a config error naming the field', async () => {
    const run = await gate([], workdir({ 'dmarc-audit.config.json': config({ domains: ['reject.test'], dkimSelectors: ['no spaces allowed'] }) }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dkimSelectors[0]');
  });
});

describe('exit codes', () => {
  it.each([
    ['0: every domain passes', { domains: ['reject.test', 'quarantine.test'] }, 0],
    ['1: a violation', { domains: ['reject.test', 'none.test'] }, 1],
    ['1: a violation outranks an undetermined domain', { domains: ['none.test', 'dns-timeout.test'] }, 1],
    ['3: a DNS timeout', { domains: ['reject.test', 'dns-timeout.test'] }, 3],
    ['3: a timeout deep in an SPF include', { domains: ['spf-include-timeout.test'] }, 3],
    ['3: SERVFAIL', { domains: ['dns-servfail.test'] }, 3],
    ['0: an ignore accepts the violation', { domains: ['none.test'], ignore: [{ code: 'minPolicy', reason: 'moving to quarantine', expires: '2999-12-31' }] }, 0],
    ['1: an expired ignore no longer does', { domains: ['none.test'], ignore: [{ code: 'minPolicy', reason: 'moving to quarantine', expires: '2000-01-31' }] }, 1],
    ['2: an unknown key', { domains: ['reject.test'], rule: {} }, 2],
    ['2: a wrong type', { domains: ['reject.test'], rules: { maxSpfLookups: '10' } }, 2],
    ['2: a bad profile name', { domains: ['reject.test'], profile: 'enforcing' }, 2],
  ])('%s', async (_name, value, code) => {
    const run = await gate([], workdir({ 'dmarc-audit.config.json': config(value) }));
    expect(run.code, run.stderr).toBe(code);
  });

  it.each(PROFILE_NAMES)('a DNS timeout never passes the %s profile', async (profile) => {
    const run = await gate(['dns-timeout.test', '--profile', profile]);
    // Undetermined (3), or failed (1) when a rule the timeout does not touch fails anyway (no DKIM key).
    expect(run.code).toBe(PROFILES[profile].rules.requireDkim ? 1 : 3);
    expect(run.stderr).toContain(PROFILES[profile].rules.requireDkim ? 'gate failed' : 'gate failed closed');
  });

  it.each([
    ['no config and no domain', [], /no dmarc-audit\.config\.json here/],
    ['a missing --config file', ['--config', 'nope.json'], /nope\.json: cannot read the config: ENOENT/],
    ['an invalid domain', ['exa mple.test'], /invalid domain "exa mple.test"/],
    ['an unknown profile', ['reject.test', '--profile', 'lenient'], /Allowed choices are enforce, strict, bod-18-01, bulk-sender, parked/],
    ['an unknown format', ['reject.test', '--format', 'xml'], /Allowed choices are text, json, sarif, junit, markdown/],
  ])('2: %s', async (_name, args, message) => {
    const run = await gate(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('2: config errors say which field, its value and what is allowed', async () => {
    const dir = workdir({ 'dmarc-audit.config.json': config({ domains: ['reject.test'], rules: { minPolicy: 'rejct' } }) });
    const run = await gate([], dir);
    expect(run.stderr).toContain('dmarc-audit.config.json: rules.minPolicy: "rejct" — allowed: none, quarantine, reject');
  });

  it('works without a config file when domains are named', async () => {
    const run = await gate(['norua.test', 'bulk.gate.test', '--profile', 'bulk-sender']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^PASS +bulk\.gate\.test$/m);
    expect(run.stdout).toMatch(/^FAIL +norua\.test .*\n.*requireRua/m);
  });
});

describe('reports', () => {
  const files = {
    'dmarc-audit.config.json': `{\n  // our domains\n  "domainList": "domains.txt",\n  "domains": ["reject.test"]\n}\n`,
    'domains.txt': '# production\nnone.test\n\ndns-timeout.test\n',
  };

  it('SARIF to a file while text goes to the terminal, located at config and list lines', async () => {
    const dir = workdir(files);
    const run = await gate(['--format', 'sarif', '--output', 'gate.sarif'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +none\.test/m);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'gate.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [run0] = sarif.runs;
    const where = new Map(run0!.results.map((r) => [r.message.text.split(':')[0], r.locations[0]!.physicalLocation]));
    expect(where.get('none.test')).toEqual({ artifactLocation: { uri: 'domains.txt' }, region: { startLine: 2 } });
    expect(where.get('dns-timeout.test')).toEqual({ artifactLocation: { uri: 'domains.txt' }, region: { startLine: 4 } });
    expect(where.has('reject.test')).toBe(false);
    for (const result of run0!.results) expect(run0!.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('SARIF valid against the SARIF 2.1.0 schema, every result located, for config, list and named domains', async () => {
    const named = ['escape.test', 'spf-lookups.test', 'nodmarc.test', 'dns-servfail.test', 'xn--bcher-kva.test'];
    const fromConfig = await gate(['--format', 'sarif'], workdir(files));
    const fromArguments = await gate([...named, '--format', 'sarif', '--profile', 'strict']);
    for (const run of [fromConfig, fromArguments]) {
      const log = JSON.parse(run.stdout) as { runs: { results: { level: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[] };
      expect(sarifSchemaErrors(log)).toEqual([]);
      const { results } = log.runs[0]!;
      expect(results.length).toBeGreaterThan(2);
      for (const result of results) expect(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toMatch(/^(domains\.txt|dmarc-audit\.config\.json|dns\/[a-z0-9.-]+)$/);
    }
    const uris = JSON.parse(fromArguments.stdout).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri) as string[];
    expect(new Set(uris)).toEqual(new Set(named.map((domain) => `dns/${domain}`)));
  });

  it('JUnit to stdout parses back with a failure for every failing domain', async () => {
    const run = await gate(['--format', 'junit'], workdir(files));
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout) as {
      testsuites: { testsuite: { name: string; failures: string; errors: string }[] };
    };
    expect(parsed.testsuites.testsuite.map((s) => [s.name, s.failures, s.errors])).toEqual([
      ['reject.test', '0', '0'],
      ['none.test', '1', '0'],
      ['dns-timeout.test', '0', '7'],
    ]);
  });

  it('JSON carries each domain\'s status and results', async () => {
    const run = await gate(['--format', 'json'], workdir(files));
    const outcome = JSON.parse(run.stdout) as { status: string; domains: { domain: string; status: string }[] };
    expect(outcome.status).toBe('fail');
    expect(outcome.domains.map((d) => [d.domain, d.status])).toEqual([
      ['reject.test', 'pass'],
      ['none.test', 'fail'],
      ['dns-timeout.test', 'undetermined'],
    ]);
  });

  it('in GitHub Actions: annotations and a step summary', async () => {
    const dir = workdir(files);
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = await gate([], dir, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(run.stdout).toMatch(/^::error file=domains\.txt,line=2,title=dmarc-audit minPolicy%3A none\.test::none\.test: /m);
    expect(run.stdout).toMatch(/^::warning file=domains\.txt,line=4,/m);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toMatch(/^# earlier step\n## dmarc-audit gate failed/);
    expect(markdown).toContain('| none.test | ❌ fail | `minPolicy` |');
  });

  it('in GitHub Actions, annotations keep out of a machine-readable stdout', async () => {
    const run = await gate(['--format', 'json', 'none.test'], workdir(), { GITHUB_ACTIONS: 'true' });
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    expect(run.stderr).toMatch(/^::error title=dmarc-audit minPolicy%3A none\.test::/m);
  });
});

describe('--file and --quiet', () => {
  it('-f checks a domain list (with named domains, once each) without a config, located at its lines', async () => {
    const dir = workdir({ 'list.txt': '# ours\nnone.test\nreject.test\n\nNONE.test\n' });
    const run = await gate(['reject.test', '-f', 'list.txt', '--format', 'json'], dir, { GITHUB_ACTIONS: 'true' });
    expect(run.code).toBe(1);
    const outcome = JSON.parse(run.stdout) as { domains: { domain: string; location?: { file: string; line: number } }[] };
    expect(outcome.domains.map((d) => [d.domain, d.location])).toEqual([
      ['reject.test', undefined],
      ['none.test', { file: 'list.txt', line: 2 }],
    ]);
    expect(run.stderr).toMatch(/^::error file=list\.txt,line=2,title=dmarc-audit minPolicy%3A none\.test::/m);
  });

  it('-f replaces the config\'s domains when --config is given, whose rules still apply', async () => {
    const dir = workdir({ 'list.txt': 'bulk.gate.test\n', 'gate.json': config({ domains: ['reject.test'], profile: 'bulk-sender' }) });
    const run = await gate(['--config', 'gate.json', '--file', 'list.txt'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^PASS +bulk\.gate\.test$/m);
    expect(run.stdout).not.toContain('reject.test');
  });

  it.each([
    ['a line that is not a domain, with file and line', { 'list.txt': 'none.test\nhttps://x.test/\n' }, ['-f', 'list.txt'], /^dmarc-audit: list\.txt:2: "https:\/\/x\.test\/" — not a domain name: /],
    ['a missing list', {}, ['-f', 'nope.txt'], /^dmarc-audit: cannot read --file nope\.txt: no such file/],
    ['a list without domains', { 'list.txt': '# nothing yet\n' }, ['-f', 'list.txt'], /^dmarc-audit: no domain to check: --file list\.txt lists none/],
  ])('2: %s', async (_name, files, args, message) => {
    const run = await gate(args, workdir(files));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('-f - reads the list from standard input', async () => {
    const run = await runCli(['gate', '-f', '-', ...dns], QUIET_ENV, { cwd: workdir(), input: 'none.test\n' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +none\.test/m);
  });

  it('-q prints no text report, only the one-line reason and the --output file', async () => {
    const dir = workdir();
    const run = await gate(['none.test', '-q', '-o', 'gate.sarif', '--format', 'sarif'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('dmarc-audit: gate failed: 1 of 1 domains violate the policy\n');
    expect(JSON.parse(readFileSync(path.join(dir, 'gate.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
  });

  it('-q still prints a machine-readable format asked for on stdout', async () => {
    const run = await gate(['reject.test', '-q', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'pass' });
  });
});

describe('init', () => {
  it('writes a commented config the gate accepts, and refuses to overwrite it', async () => {
    const dir = workdir();
    const first = await runCli(['init', 'reject.test', 'quarantine.test'], QUIET_ENV, { cwd: dir });
    expect(first.code).toBe(0);
    expect(readFileSync(path.join(dir, 'dmarc-audit.config.json'), 'utf8')).toMatch(/^\/\/ /);
    expect((await gate([], dir)).code).toBe(0);

    const again = await runCli(['init'], QUIET_ENV, { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('dmarc-audit.config.json already exists; pass --force to overwrite it');

    const forced = await runCli(['init', 'bulk.gate.test', '--force', '--profile', 'bulk-sender'], QUIET_ENV, { cwd: dir });
    expect(forced.code).toBe(0);
    expect((await gate([], dir)).code).toBe(0);
  });

  it('schema --config prints the config\'s JSON Schema', async () => {
    const run = await runCli(['schema', '--config']);
    const schema = JSON.parse(run.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toContain('2020-12');
    expect(Object.keys(schema.properties)).toContain('ignore');
  });
});
