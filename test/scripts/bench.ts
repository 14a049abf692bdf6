/**
 * `npm run bench`: the batch path against a loopback DNS server answering a generated population
 * (test/scripts/bench/population.ts states the mix and its sources).
 *
 *   npm run bench                          20,000 domains of the realistic population, unbound if installed
 *   npm run bench -- --population simple   the population before issue 19 (2 queries a domain)
 *   npm run bench -- --instructions        instructions per domain (valgrind callgrind) on 2,000 domains, the figure to compare builds by
 *   npm run bench -- --instructions --margin   also on 4,000: the cost of each further domain, once V8 has compiled the hot code
 *   npm run bench -- --profile             writes a CPU profile of the CLI and prints the top functions by self time
 *   npm run bench -- --root ../old         runs another build (a checkout with `npm run build` done) on the same population
 *   npm run bench -- --latency 50          the fixture server adding 50 ms to every reply
 *   npm run bench -- --latency-dist 5-300 --drop 0.01 --never-answer 20   a lossy network (bench/network-flags.ts)
 *   npm run bench -- --latency 300 -- --workers 2   flags after "--" go to dmarc-audit (here: two worker threads)
 *   npm run bench -- --lines 1000000       a 1,000,000-line list (the population repeated)
 *   npm run bench -- --domains 5000 --server fixture -- --concurrency 64   flags after "--" go to dmarc-audit
 *
 * Prints domains/s, DNS queries per domain on the wire, CPU time (user + system of the CLI process, from
 * /usr/bin/time) per domain and per query, peak RSS, the server's own ceiling measured by dnsperf in the
 * same run and the CLI's share of it, and checks every report against the zone. Only 127.0.0.1 is contacted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../fixture-server/index.js';
import { generatePopulation, POPULATION_KINDS, type PopulationKind } from './bench/population.js';
import { checkReports } from './bench/check-reports.js';
import { topSelfTime } from './bench/profile.js';
import { instructionKinds, INSTRUCTION_KINDS } from './bench/instruction-kinds.js';
import { benchNetwork, NETWORK_FLAGS } from './bench/network-flags.js';
import { startUnbound, unboundAvailable } from './bench/unbound.js';

const { values, positionals } = parseArgs({
  options: {
    domains: { type: 'string' },
    lines: { type: 'string' },
    latency: { type: 'string', default: '0' },
    server: { type: 'string' },
    population: { type: 'string', default: 'realistic' },
    root: { type: 'string' },
    instructions: { type: 'boolean', default: false },
    margin: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    ...NETWORK_FLAGS,
  },
  allowPositionals: true,
});
const kind = values.population as PopulationKind;
if (!POPULATION_KINDS.includes(kind)) throw new Error(`--population: one of ${POPULATION_KINDS.join(', ')}`);
const count = Number(values.domains ?? (values.instructions ? 2000 : 20000));
const lines = values.lines ? Number(values.lines) : count;
const latency = Number(values.latency);
// --margin runs twice as many domains too: the first `count` of a population are the same whatever its size.
const population = generatePopulation(values.margin ? 2 * count : count, kind);
const network = benchNetwork(values, population.names);
const serverKind = values.server ?? (latency === 0 && !network.options && unboundAvailable() ? 'unbound' : 'fixture');
if (serverKind !== 'fixture' && network.options) throw new Error('a lossy network needs --server fixture');
const root = values.root ? resolve(values.root) : fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(root, 'bin/dmarc-audit.js');
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-bench-'));
const zoneFile = join(dir, 'bench.zone');
writeFileSync(zoneFile, population.zone);
async function writeList(file: string, n: number): Promise<void> {
  const list = createWriteStream(file);
  for (let i = 0; i < n; i++) if (!list.write(`${population.names[i % population.names.length]}\n`)) await once(list, 'drain');
  list.end();
  await once(list, 'close');
}
const listFile = join(dir, 'domains.txt');
await writeList(listFile, lines);

let port: number;
let stopServer: () => Promise<void>;
if (serverKind === 'unbound') {
  port = 20000 + Math.floor(Math.random() * 20000);
  const unbound = await startUnbound(dir, zoneFile, port, values.instructions);
  stopServer = async () => void unbound.kill();
} else {
  const server = await startFixtureServer({ zoneFiles: [zoneFile], latencyMs: latency, keepLog: false, network: network.options });
  port = server.port;
  stopServer = () => server.close();
}

/** The server's ceiling: dnsperf asking the questions a run asks most (each domain's DMARC, SPF, MX and DKIM names). */
function serverCeiling(): number | null {
  if (serverKind !== 'unbound' || spawnSync('dnsperf', ['-h'], { stdio: 'ignore' }).error) return null;
  const queries = join(dir, 'queries.txt');
  writeFileSync(queries, population.names.map((d) => `_dmarc.${d} TXT\n${d} TXT\n${d} MX\n_domainkey.${d} TXT`).join('\n'));
  const run = spawnSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', queries, '-l', '5', '-c', '4', '-q', '500'], { encoding: 'utf8' });
  const qps = /Queries per second:\s+([\d.]+)/.exec(run.stdout)?.[1];
  return qps === undefined ? null : Number(qps);
}

interface CliRun {
  code: number;
  seconds: number;
  output: string;
  dnsQueries: number;
  slowestDomain: { domain: string; seconds: number } | null;
  stderr: string;
}

/** Runs the CLI on `list` through `wrapper` (e.g. /usr/bin/time or valgrind), its stderr kept. */
async function runCli(list: string, wrapper: string[], nodeFlags: string[], extra: string[]): Promise<CliRun> {
  const output = join(dir, 'reports.ndjson');
  const summaryFile = join(dir, 'summary.json');
  const args = [...nodeFlags, BIN, '--file', list, '--format', 'ndjson', '--output', output, '--summary', summaryFile, '--quiet'];
  args.push('--nameserver', `127.0.0.1:${port}`, ...extra, ...positionals);
  const command = [...wrapper, process.execPath, ...args];
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'inherit', 'pipe'] });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d));
  const [code] = (await once(child, 'close')) as [number];
  const seconds = (performance.now() - started) / 1000;
  const { dnsQueries, slowestDomain } = JSON.parse(readFileSync(summaryFile, 'utf8')) as Pick<CliRun, 'dnsQueries' | 'slowestDomain'>;
  return { code, seconds, output, dnsQueries, slowestDomain: slowestDomain ?? null, stderr: Buffer.concat(stderr).toString() };
}

const row = (label: string, value: string | number): void => console.log(`${label.padEnd(34)}${value}`);
row('build', root);
row('population', `${kind}, ${count} distinct domains`);
row('server', serverKind + (latency ? ` (+${latency} ms per reply)` : '') + (network.label ? ` (${network.label})` : ''));
row('extra dmarc-audit flags', positionals.join(' ') || '(defaults)');
let failed = false;

if (values.instructions) {
  // Fixed concurrency and a long timeout: under valgrind the CLI runs ~50x slower, and neither the
  // adaptive concurrency nor a timer may depend on that. The count still depends a little on how many
  // answers each event-loop turn finds (fewer per turn, more turns): unbound runs favoured so that they
  // are there when the CLI looks, even on a busy machine. The 1-domain run is the start-up cost, subtracted.
  const one = join(dir, 'one.txt');
  await writeList(one, 1);
  const extra = ['--concurrency', '32', '--timeout', '60000'];
  // V8's own schedule is made deterministic too: compiling on the main thread, and a heap that grows
  // by fixed rules rather than by measured speeds (default V8 times its GCs by the clock, which moved
  // the count by up to 25% between two runs of one build on a busy machine; with these, about 3%).
  const v8 = ['--single-threaded', '--predictable-gc-schedule'];
  const callgrind = (list: string, label: string) => {
    const out = join(dir, `callgrind.${label}`);
    return runCli(list, ['valgrind', '--tool=callgrind', `--callgrind-out-file=${out}`, '--dump-instr=no'], v8, extra).then((run) => ({ run, kinds: instructionKinds(out) }));
  };
  const collected = (run: CliRun): number => Number(/Collected : (\d+)/.exec(run.stderr)?.[1] ?? NaN);
  const start = await callgrind(one, 'start');
  const full = await callgrind(listFile, 'full');
  const twice = values.margin ? join(dir, 'twice.txt') : undefined;
  if (twice) await writeList(twice, 2 * lines);
  const longer = twice ? await callgrind(twice, 'twice') : undefined;
  const verdict = await checkReports((longer ?? full).run.output, population.expected, network.silent);
  const startup = collected(start.run);
  const total = collected(full.run);
  row('exit code', (longer ?? full).run.code);
  row('instructions, start-up (1 domain)', `${(startup / 1e6).toFixed(0)} M`);
  row(`instructions, ${lines} domains`, `${(total / 1e6).toFixed(0)} M`);
  row('instructions per domain', `${Math.round((total - startup) / (lines - 1))} (start-up subtracted)`);
  row('DNS queries per domain', (full.run.dnsQueries / lines).toFixed(2));
  row('instructions per query', Math.round((total - startup) / (full.run.dnsQueries - start.run.dnsQueries)));
  if (longer) {
    const more = collected(longer.run) - total;
    row(`instructions, ${2 * lines} domains`, `${(collected(longer.run) / 1e6).toFixed(0)} M`);
    row('at the margin, per domain', `${Math.round(more / lines)} (${2 * lines} − ${lines} domains, ÷ ${lines})`);
    row('at the margin, per query', Math.round(more / (longer.run.dnsQueries - full.run.dnsQueries)));
  }
  // What each domain cost, by kind: a kind that does not grow with the list (V8 compiling) shrinks at the margin.
  const [from, to, per, label] = longer ? [full, longer, lines, 'at the margin'] : [start, full, lines - 1, 'start-up subtracted'];
  console.log(`instructions per domain by kind (${label}):`);
  for (const kind of INSTRUCTION_KINDS) {
    const own = ((to.kinds.get(kind) ?? 0) - (from.kinds.get(kind) ?? 0)) / per;
    console.log(`  ${kind.padEnd(32)}${(own / 1e3).toFixed(0).padStart(6)} k`);
  }
  row('reports checked / wrong', `${verdict.checked} / ${verdict.wrong}`);
  if (network.silent.size > 0) row('never-answering → error', `${verdict.silentErrors} of ${network.silent.size}`);
  row('answering, but a lookup lost', verdict.unanswered);
  for (const m of verdict.mismatches) console.log(`  ${m}`);
  const runs = [full, ...(longer ? [longer] : [])];
  failed =
    runs.some(({ run }) => run.code !== 0 || !Number.isFinite(collected(run))) ||
    verdict.checked !== (longer ? 2 * lines : lines) ||
    verdict.wrong > 0 ||
    (verdict.unanswered > 0 && !network.options);
} else {
  const profileDir = join(dir, 'profile');
  const nodeFlags = values.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const timeFile = join(dir, 'time.txt');
  const run = await runCli(listFile, ['/usr/bin/time', '-f', '%U %S %M', '-o', timeFile], nodeFlags, []);
  const [user, system, maxKiB] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  const ceiling = serverCeiling();
  const verdict = await checkReports(run.output, population.expected, network.silent);
  const cpu = user + system;
  const cliQps = run.dnsQueries / run.seconds;
  row('input lines', lines);
  row('exit code', run.code);
  row('wall time', `${run.seconds.toFixed(2)} s`);
  row('domains/s', Math.round(lines / run.seconds));
  row('DNS queries per domain', (run.dnsQueries / lines).toFixed(2));
  row('DNS queries/s (CLI)', Math.round(cliQps));
  row('CPU user + system', `${user.toFixed(2)} + ${system.toFixed(2)} s`);
  row('CPU per domain', `${((cpu / lines) * 1e6).toFixed(0)} µs`);
  row('CPU per query', `${((cpu / run.dnsQueries) * 1e6).toFixed(1)} µs`);
  row('slowest domain', run.slowestDomain ? `${run.slowestDomain.seconds.toFixed(2)} s (${run.slowestDomain.domain})` : '-');
  row('peak RSS', `${(maxKiB / 1024).toFixed(0)} MB`);
  row('server ceiling (dnsperf)', ceiling === null ? 'not measured (needs unbound and dnsperf)' : `${Math.round(ceiling)} queries/s`);
  if (ceiling !== null) row('CLI / ceiling', `${((cliQps / ceiling) * 100).toFixed(1)} %`);
  row('reports checked / wrong', `${verdict.checked} / ${verdict.wrong}`);
  if (network.silent.size > 0) row('never-answering → error', `${verdict.silentErrors} of ${network.silent.size}`);
  row('answering, but a lookup lost', verdict.unanswered);
  for (const m of verdict.mismatches) console.log(`  ${m}`);
  if (values.profile) {
    const [file] = readdirSync(profileDir);
    const kept = join(tmpdir(), `dmarc-audit-bench-${Date.now()}.cpuprofile`);
    copyFileSync(join(profileDir, file as string), kept);
    row('CPU profile', kept);
    console.log('top functions by self time:');
    for (const line of topSelfTime(readFileSync(kept, 'utf8'), 25)) console.log(`  ${line}`);
  }
  failed = run.code !== 0 || verdict.checked !== lines || verdict.wrong > 0 || (verdict.unanswered > 0 && !network.options);
}
await stopServer();
rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
