/**
 * --zone, --dns-record, --dns-replay and --evidence through the built CLI, against the fixture
 * server on 127.0.0.1 (which serves fixtures/zones with the same zone parser).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, closeSync, ftruncateSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '../../src/report/schema.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server/index.js';
import { domainName, generatePopulation } from '../scripts/bench/population.js';
import { runCli } from '../support/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_LIST = join(root, 'fixtures/demo-domains.txt');
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-zone-replay-'));
let server: FixtureServer;
let dns: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: join(root, 'fixtures/zones') });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0'];
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A proposed version of the demo's acme-bank.test zone, as a pull request would change it. */
const proposed = (dmarc: string, extra = '') =>
  file(
    `acme-bank-${dmarc.replace(/\W+/g, '-')}.zone`,
    `$ORIGIN acme-bank.test.\n$TTL 300\n@ SOA ns hostmaster ( 2026120301 3600 600 86400 300 )\n@ NS ns\nns A 192.0.2.53\n` +
      `@ MX 10 mx\nmx A 192.0.2.80\n@ TXT "v=spf1 mx include:_spf.mailhost.test -all"\n_dmarc TXT "${dmarc}"\n${extra}`,
  );

type Report = { domain: string; verdict: string; dmarc: { policy: string | null }; findings: { code: string; message: string }[]; evidence?: { questions: { name: string; type: string; zone?: string }[]; sha256?: string } };
const ndjson = (text: string): Report[] => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Report);

describe('--zone', () => {
  it('answers for the zone\'s names, says which answers came from it, and leaves the rest to DNS', async () => {
    const zone = proposed('v=DMARC1; p=quarantine; rua=mailto:d@acme-bank.test');
    const run = await runCli(['acme-bank.test', 'gone.acme-bank.test', 'acme-shop.test', '--zone', zone, '--format', 'ndjson', ...dns]);
    expect(run.code, run.stderr).toBe(0);
    const [bank, gone, shop] = ndjson(run.stdout) as [Report, Report, Report];
    expect(bank.dmarc.policy).toBe('quarantine');
    expect(bank.evidence?.questions).toEqual(
      expect.arrayContaining([
        { name: '_dmarc.acme-bank.test', type: 'TXT', zone },
        { name: 'acme-bank.test', type: 'TXT', zone },
        // The include lives outside the zone: the live answer, unmarked.
        { name: '_spf.mailhost.test', type: 'TXT' },
      ]),
    );
    expect(bank.evidence?.sha256).toBeUndefined();
    // The live zone has news.acme-bank.test; the proposed one does not: NXDOMAIN.
    expect(gone.findings.map((f) => f.code)).toContain('DOMAIN_NOT_FOUND');
    expect(shop.evidence?.questions.every((q) => q.zone === undefined)).toBe(true);
    for (const report of [bank, gone, shop]) auditReportSchema.parse(report);
    const text = await runCli(['acme-bank.test', '--zone', zone, '--evidence', ...dns]);
    // (The long temporary path is cut to 80 columns.)
    expect(text.stdout.replace(/\s+/g, ' ')).toMatch(/Zone \/tmp\/\S+ ?\S* answered _dmarc\.acme-bank\.test TXT, /);
    expect(text.stdout).toMatch(/Evidence: SHA-256 of the \d+ answers\n {2}[0-9a-f]{64}\n/);
  });

  it('gates a pull request\'s zone file: pass, violation, and a parse error that stops everything', async () => {
    const pass = await runCli(['gate', 'acme-bank.test', '--zone', proposed('v=DMARC1; p=reject; rua=mailto:d@acme-bank.test'), ...dns]);
    expect(pass.code, pass.stdout + pass.stderr).toBe(0);
    const weakened = await runCli(['gate', 'acme-bank.test', '--zone', proposed('v=DMARC1; p=none'), ...dns]);
    expect(weakened.code).toBe(1);
    expect(weakened.stdout).toMatch(/minPolicy/);
    // DNSControl writes no $ORIGIN: the zone is named on the command line.
    const exported = file('dnscontrol.zone', '$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 604800 1440\n  IN NS ns\n  IN TXT "v=spf1 -all"\nns IN A 192.0.2.53\n_dmarc IN TXT "v=DMARC1; p=reject"\n');
    const named = await runCli(['gate', 'acme-bank.test', '--zone', `acme-bank.test=${exported}`, ...dns]);
    expect(named.code, named.stdout + named.stderr).toBe(0);
    expect((await runCli(['gate', 'acme-bank.test', '--zone', exported, ...dns])).stderr).toMatch(/dnscontrol\.zone:2: "@" used before \$ORIGIN/);
    const broken = proposed('v=DMARC1; p=reject', 'mx2 A 192.0.2.300\n');
    for (const command of [['gate', 'acme-bank.test'], ['acme-bank.test'], ['spf', 'acme-bank.test']]) {
      const run = await runCli([...command, '--zone', broken, ...dns]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`dmarc-audit: ${broken}:10: "192.0.2.300" is not an IPv4 address\n`);
      expect(run.stdout).toBe('');
    }
  });

  it('spf --zone evaluates the proposed record', async () => {
    const zone = proposed('v=DMARC1; p=reject', 'spf2 TXT "v=spf1 ip4:203.0.113.0/24 -all"\n');
    const run = await runCli(['spf', 'spf2.acme-bank.test', '--ip', '203.0.113.9', '--format', 'json', '--zone', zone, ...dns]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ result: 'pass' });
  });
});

describe('--dns-record and --dns-replay', () => {
  /** Records a run of `args`, then replays it with the server gone; both outputs. */
  async function recordAndReplay(args: string[], name: string): Promise<{ live: string; replayed: string; recording: string }> {
    const recording = join(dir, `${name}.ndjson`);
    const live = await runCli([...args, ...dns, '--quiet', '--dns-record', recording]);
    expect(live.code, live.stderr).toBe(0);
    const replayed = await runCli([...args, '--quiet', '--dns-replay', recording]);
    expect(replayed.code, replayed.stderr).toBe(0);
    return { live: live.stdout, replayed: replayed.stdout, recording: readFileSync(recording, 'utf8') };
  }

  it('a replay of the demo list reproduces its NDJSON reports byte for byte, evidence digests included', async () => {
    const { live, replayed, recording } = await recordAndReplay(['--file', DEMO_LIST, '--format', 'ndjson', '--evidence'], 'demo');
    expect(replayed).toBe(live);
    expect(ndjson(live).every((report) => /^[0-9a-f]{64}$/.test(report.evidence?.sha256 ?? ''))).toBe(true);
    // Each digest can be checked against the recording alone: the SHA-256 of its questions' lines, in order.
    const lineOf = new Map(recording.split('\n').map((line) => [line.replace(/,"status".*/, ''), line] as const));
    for (const report of ndjson(live)) {
      const lines = report.evidence?.questions.map(({ name, type }) => lineOf.get(`{"name":"${name}","type":"${type}"`)) ?? [];
      expect(lines.every((line) => line !== undefined)).toBe(true);
      expect(createHash('sha256').update(lines.map((line) => `${line}\n`).join('')).digest('hex')).toBe(report.evidence?.sha256);
    }
    const header = JSON.parse(recording.split('\n')[0] as string) as Record<string, unknown>;
    expect(header).toMatchObject({ tool: 'dmarc-audit', version: expect.any(String), nameservers: [server.nameserver], timeoutMs: 300, retries: 0 });
  });

  it('a recorded timeout replays as a timeout, and a question not in the recording is its own error', async () => {
    const { live, replayed } = await recordAndReplay(['dns-timeout.test', '--format', 'ndjson'], 'timeout');
    expect(replayed).toBe(live);
    expect(live).toMatch(/failed \(timeout: /);
    const recording = join(dir, 'timeout.ndjson');
    const missing = await runCli(['gate', 'acme-bank.test', '--dns-replay', recording]);
    expect(missing.code).toBe(3);
    const audit = await runCli(['acme-bank.test', '--format', 'ndjson', '--dns-replay', recording]);
    expect(ndjson(audit.stdout)[0]?.findings.map((f) => f.message).join(' ')).toMatch(/failed \(unrecorded: acme-bank\.test TXT: not in the recording/);
  });

  it('records what the name servers answered, not what a zone did, and names the zones in the header', async () => {
    const zone = proposed('v=DMARC1; p=reject');
    const { live, replayed, recording } = await recordAndReplay(['acme-bank.test', '--format', 'ndjson', '--zone', zone], 'with-zone');
    expect(replayed).toBe(live);
    const lines = recording.trimEnd().split('\n').map((line) => JSON.parse(line) as { name?: string; zones?: string[] });
    expect(lines[0]?.zones).toEqual([zone]);
    expect(lines.map((line) => line.name)).not.toContain('_dmarc.acme-bank.test');
    expect(lines.map((line) => line.name)).toContain('_spf.mailhost.test');
  });

  it('--zone over --dns-replay: a what-if on a recorded snapshot', async () => {
    await recordAndReplay(['acme-bank.test', '--format', 'ndjson'], 'snapshot');
    const run = await runCli(['gate', 'acme-bank.test', '--format', 'json', '--zone', proposed('v=DMARC1; p=none'), '--dns-replay', join(dir, 'snapshot.ndjson')]);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).not.toMatch(/unrecorded/);
  });

  it('a replay of a 20,000-domain generated list (the simple population) reproduces its reports byte for byte', async () => {
    const population = generatePopulation(20_000, 'simple');
    const bench = await startFixtureServer({ zoneText: population.zone, keepLog: false });
    let closed = false;
    try {
      const list = file('bench.txt', `${Array.from({ length: 20_000 }, (_, i) => domainName(i, 'simple')).join('\n')}\n`);
      const recording = join(dir, 'bench.ndjson');
      const args = ['--file', list, '--format', 'ndjson', '--evidence', '--quiet'];
      const live = await runCli([...args, '--nameserver', bench.nameserver, '--dns-record', recording]);
      expect(live.code, live.stderr).toBe(0);
      await bench.close();
      closed = true;
      const replayed = await runCli([...args, '--dns-replay', recording]);
      expect(replayed.code, replayed.stderr).toBe(0);
      expect(replayed.stdout.length).toBeGreaterThan(20_000 * 500);
      expect(replayed.stdout === live.stdout).toBe(true);
    } finally {
      if (!closed) await bench.close();
    }
  }, 120_000);

  it('refuses a damaged recording with exit 2 and the line: cut short, garbage, a 1 GB line', async () => {
    const good = join(dir, 'demo.ndjson');
    const lines = readFileSync(good, 'utf8').split('\n');
    const cut = file('cut.ndjson', lines.slice(0, 5).join('\n'));
    const garbage = file('garbage.ndjson', [...lines.slice(0, 3), 'GET / HTTP/1.1', ...lines.slice(3)].join('\n'));
    // A sparse file: a header, then a single line of a gigabyte (of NUL bytes) that costs no disk.
    const huge = join(dir, 'huge.ndjson');
    const fd = openSync(huge, 'w');
    writeSync(fd, `${lines[0]}\n`);
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    for (const [recording, error] of [
      [cut, /:5: not a JSON line|:5: the recording stops without its end line/],
      [garbage, /garbage\.ndjson:4: not a JSON line/],
      [huge, /huge\.ndjson:2: line longer than 1048576 bytes/],
      [join(dir, 'absent.ndjson'), /absent\.ndjson: cannot read: ENOENT/],
    ] as const) {
      const run = await runCli(['acme-bank.test', '--dns-replay', recording]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(error);
      expect(run.stdout).toBe('');
    }
  });

  it('usage errors: record and replay together, a name server with a replay', async () => {
    expect((await runCli(['x.test', '--dns-record', join(dir, 'r1'), '--dns-replay', join(dir, 'demo.ndjson')])).stderr).toMatch(/cannot be combined/);
    expect((await runCli(['x.test', '--nameserver', '127.0.0.1', '--dns-replay', join(dir, 'demo.ndjson')])).code).toBe(2);
  });
});
