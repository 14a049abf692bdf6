/**
 * `npm run bench`: the batch path against a loopback DNS server answering a generated population.
 *
 *   npm run bench                          20,000 domains, unbound if installed (else the fixture server)
 *   npm run bench -- --latency 50          the fixture server adding 50 ms to every reply
 *   npm run bench -- --latency-dist 5-300 --drop 0.01 --never-answer 20   a lossy network (bench/network-flags.ts)
 *   npm run bench -- --latency 300 -- --workers 2   flags after "--" go to dmarc-audit (here: two worker threads)
 *   npm run bench -- --lines 1000000       a 1,000,000-line list (the population repeated): peak RSS
 *   npm run bench -- --domains 5000 --server fixture -- --concurrency 64   flags after "--" go to dmarc-audit
 *
 * Prints domains/s, DNS queries per domain, peak RSS, and checks every report against the zone.
 * Only 127.0.0.1 is ever contacted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../fixture-server/index.js';
import { domainName, generatePopulation, type Expected } from './bench/population.js';
import { benchNetwork, NETWORK_FLAGS } from './bench/network-flags.js';
import { startUnbound, unboundAvailable } from './bench/unbound.js';

const { values, positionals } = parseArgs({
  options: {
    domains: { type: 'string', default: '20000' },
    lines: { type: 'string' },
    latency: { type: 'string', default: '0' },
    server: { type: 'string' },
    ...NETWORK_FLAGS,
  },
  allowPositionals: true,
});
const count = Number(values.domains);
const lines = values.lines ? Number(values.lines) : count;
const latency = Number(values.latency);
const population = generatePopulation(count);
const network = benchNetwork(values, [...population.expected.keys()]);
const serverKind = values.server ?? (latency === 0 && !network.options && unboundAvailable() ? 'unbound' : 'fixture');
if (serverKind !== 'fixture' && network.options) throw new Error('a lossy network needs --server fixture');
const BIN = fileURLToPath(new URL('../../bin/dmarc-audit.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-bench-'));

const zoneFile = join(dir, 'bench.zone');
writeFileSync(zoneFile, population.zone);
const listFile = join(dir, 'domains.txt');
const list = createWriteStream(listFile);
for (let i = 0; i < lines; i++) if (!list.write(`${domainName(i % count)}\n`)) await once(list, 'drain');
list.end();
await once(list, 'close');

let port: number;
let stopServer: () => Promise<void>;
if (serverKind === 'unbound') {
  port = 20000 + Math.floor(Math.random() * 20000);
  const unbound = await startUnbound(dir, zoneFile, port);
  stopServer = async () => void unbound.kill();
} else {
  const server = await startFixtureServer({ zoneFiles: [zoneFile], latencyMs: latency, keepLog: false, network: network.options });
  port = server.port;
  stopServer = () => server.close();
}

function serverCapacity(): string {
  if (serverKind !== 'unbound' || spawnSync('dnsperf', ['-h'], { stdio: 'ignore' }).error) return 'not measured';
  const queries = join(dir, 'queries.txt');
  writeFileSync(queries, Array.from({ length: count }, (_, i) => `${domainName(i)} TXT\n_dmarc.${domainName(i)} TXT`).join('\n'));
  const run = spawnSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', queries, '-l', '5', '-c', '4', '-q', '500'], { encoding: 'utf8' });
  return /Queries per second:\s+([\d.]+)/.exec(run.stdout)?.[1] ?? 'failed';
}

const output = join(dir, 'reports.ndjson');
const summaryFile = join(dir, 'summary.json');
const args = [BIN, '--file', listFile, '--format', 'ndjson', '--output', output, '--summary', summaryFile, '--quiet'];
args.push('--nameserver', `127.0.0.1:${port}`, ...positionals);
const started = performance.now();
const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let peakKiB = 0;
const sampler = setInterval(() => {
  const status = (() => {
    try {
      return readFileSync(`/proc/${child.pid}/status`, 'utf8');
    } catch {
      return '';
    }
  })();
  peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
}, 50);
const [code] = (await once(child, 'close')) as [number];
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
const capacity = serverCapacity();
await stopServer();

let checked = 0;
let wrong = 0;
let silentErrors = 0;
let unanswered = 0;
const mismatches: string[] = [];
for await (const line of createInterface({ input: createReadStream(output) })) {
  const report = JSON.parse(line) as { domain: string; verdict: string; dmarc: { effectivePolicy: string | null }; spf: { status: string; dnsLookups: number }; findings: { code: string }[] };
  checked++;
  if (network.silent.has(report.domain)) {
    // A domain whose servers never answer has no verdict: an error, with the DNS failure said.
    if (report.verdict === 'error' && report.findings.some((f) => f.code === 'DNS_ERROR')) silentErrors++;
    else if (++wrong && mismatches.length < 5) mismatches.push(`${report.domain} never answers: want verdict error, got ${report.verdict}`);
    continue;
  }
  const want = population.expected.get(report.domain) as Expected;
  // A lookup lost on every attempt is an error, not a wrong answer: counted apart.
  if (report.verdict === 'error' && report.findings.some((f) => f.code === 'DNS_ERROR')) {
    unanswered++;
    continue;
  }
  const got = { verdict: report.verdict, effectivePolicy: report.dmarc.effectivePolicy, spfStatus: report.spf.status, dnsLookups: report.spf.dnsLookups };
  if (JSON.stringify(got) === JSON.stringify(want)) continue;
  wrong++;
  if (mismatches.length < 5) mismatches.push(`${report.domain}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}
const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { dnsQueries: number; slowestDomain: { domain: string; seconds: number } | null };
rmSync(dir, { recursive: true, force: true });

const row = (label: string, value: string | number): void => console.log(`${label.padEnd(32)}${value}`);
row('server', serverKind + (latency ? ` (+${latency} ms per reply)` : '') + (network.label ? ` (${network.label})` : ''));
row('input lines / distinct domains', `${lines} / ${count}`);
row('extra dmarc-audit flags', positionals.join(' ') || '(defaults)');
row('exit code', code);
row('wall time', `${seconds.toFixed(2)} s`);
row('domains/s', Math.round(lines / seconds));
row('DNS queries per domain', (summary.dnsQueries / lines).toFixed(2));
row('slowest domain', summary.slowestDomain ? `${summary.slowestDomain.seconds.toFixed(2)} s (${summary.slowestDomain.domain})` : '-');
row('peak RSS', `${(peakKiB / 1024).toFixed(0)} MB`);
row('server capacity (dnsperf)', capacity === 'not measured' ? capacity : `${capacity} queries/s`);
row('reports checked / wrong', `${checked} / ${wrong}`);
if (network.silent.size > 0) row('never-answering → error', silentErrors);
row('answering, but error (all tries lost)', unanswered);
for (const m of mismatches) console.log(`  ${m}`);
process.exitCode = code !== 0 || checked !== lines || wrong > 0 ? 1 : 0;
