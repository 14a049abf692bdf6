import type { Command } from 'commander';
import { Option } from 'commander';
import { availableParallelism } from 'node:os';
import type { AuditPlan } from '../engine/audit.js';
import { runBatch } from '../engine/batch.js';
import { DEFAULT_MAX_QUERIES_IN_FLIGHT } from '../dns/run-resolver.js';
import { parseShard, type Shard } from '../engine/shard.js';
import { readLines } from '../input/read-lines.js';
import { argumentItems, fileItems, type WorkItem } from '../input/work-items.js';
import { OUTPUT_FORMATS, serializerFor, type OutputFormat } from '../render/formats.js';
import { renderSummaryText } from '../render/summary-text.js';
import type { FailOnCondition } from '../report/fail-on.js';
import { inputErrorAudit } from '../report/input-error.js';
import { reportOf } from '../report/report.js';
import type { RunSummary } from '../report/summary.js';
import { chalkFor } from './colors.js';
import { addCheckOptions, planFromOptions, type CheckCliOptions } from './check-options.js';
import { addDnsOptions, addEvidenceOption, dnsSources, type DnsCliOptions } from './dns-options.js';
import { addHttpsOptions, type HttpsCliOptions } from './https-options.js';
import { AUTO_CONCURRENCY, readOptions, startAuditRunner, threadSetup, type AuditRunner, type AuditSetup, type ReadOptions } from './audit-runner.js';
import { finishReport } from './finished-report.js';
import { openDomainList } from './domain-list-file.js';
import { CliError, UsageError } from './errors.js';
import { collectFailOn, FAIL_ON_HELP } from './fail-on-option.js';
import { watchInterrupts } from './interrupt.js';
import { parseIntegerOption, validateDomainArguments } from './options.js';
import { openOutput, type OutputTarget } from './output-target.js';
import { Progress } from './progress.js';
import { ReportOutput, writeSummaryFile } from './report-output.js';
import { ChunkedOutput } from './write.js';

interface AuditOptions extends DnsCliOptions, HttpsCliOptions, CheckCliOptions {
  file?: string;
  format: OutputFormat;
  output?: string;
  concurrency: number | 'auto';
  maxQueries: number;
  rate?: number;
  shard?: Shard;
  summary?: string;
  failOn: FailOnCondition[];
  quiet?: boolean;
  color?: boolean;
  evidence?: boolean;
  workers: number;
}

/**
 * How far past the oldest unfinished domain new ones may start, per domain that may be in flight: the
 * reports finished meanwhile wait for it to leave in input order. A domain whose servers never answer
 * takes its whole budget (12 s by default); with room for only a few times the domains in flight, the run
 * stalls behind it. Measured on the bench's lossy network (README, Benchmark): 4 × gave 364–369 domains/s,
 * 16 × 716–720, for about 110 MB more at peak (the finished reports held). Memory stays bounded.
 */
const WINDOW_PER_SLOT = 16;

/** The most worker threads `--workers` takes: past the cores of a large machine, more only add memory. */
const MAX_WORKERS = 64;

function workersOption(value: string): number {
  return value.trim() === 'auto' ? Math.min(MAX_WORKERS, availableParallelism()) : parseIntegerOption('--workers', 1, MAX_WORKERS)(value);
}

function concurrencyOption(value: string): number | 'auto' {
  return value.trim() === 'auto' ? 'auto' : parseIntegerOption('--concurrency', 1, 100_000)(value);
}

function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if ('error' in shard) throw new UsageError(shard.error);
  return shard;
}

export function addAuditCommand(program: Command): Command {
  const command = program
    .command('audit', { isDefault: true })
    .description('audit the DMARC, SPF, DKIM and MX records (and with --checks MTA-STS, TLS-RPT, DANE, DNSSEC, BIMI) of domains given as arguments and/or in a file (the default command)')
    .argument('[domains...]', 'domain names, e.g. example.com (IDN allowed)')
    .option('-f, --file <path>', 'a domain list: one per line, # comments, or a CSV whose first column is the domain; - for stdin')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write reports to this file instead of stdout (a regular file is replaced only by a complete run)');
  addCheckOptions(addHttpsOptions(addEvidenceOption(addDnsOptions(command))))
    .option(
      '--concurrency <n|auto>',
      `domains audited at once; auto moves between ${AUTO_CONCURRENCY.min} and ${AUTO_CONCURRENCY.max} with how much of the time the run waits on DNS`,
      concurrencyOption,
      'auto' as const,
    )
    .option('--max-queries <n>', 'DNS queries in flight at once, across all domains', parseIntegerOption('--max-queries', 1, 100_000), DEFAULT_MAX_QUERIES_IN_FLIGHT)
    .option('--rate <qps>', 'at most this many DNS queries per second (default: no limit)', parseIntegerOption('--rate', 1, 10_000_000))
    .option(
      '--workers <n|auto>',
      'audit in n worker threads, each with its own DNS sockets, cache and concurrency; reports keep the input order. auto: one per core (default: 1, no worker thread)',
      workersOption,
      1,
    )
    .option('--shard <k/n>', 'audit only shard k of n (a stable hash of each domain), to split a list across machines', shardOption)
    .option('--summary <file>', 'also write the run summary as JSON to this file')
    .addOption(
      new Option('--fail-on <conditions>', FAIL_ON_HELP)
        .argParser(collectFailOn)
        .default([], 'never'),
    )
    .option('-q, --quiet', 'no progress and no summary on stderr')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (domains: string[], options: AuditOptions, self: Command) => {
      if (domains.length === 0 && options.file === undefined) {
        throw new UsageError('no domain given; try: dmarc-audit example.com, or dmarc-audit --file domains.txt');
      }
      validateDomainArguments(domains);
      await runAudit(domains, options, { version: program.version() ?? 'unknown', plan: planFromOptions(options, self) });
    });
  return command;
}

async function* workItems(domains: string[], options: AuditOptions, stop: AbortSignal, list?: AsyncIterable<Uint8Array>): AsyncGenerator<Iterable<WorkItem>> {
  yield argumentItems(domains, options.shard);
  if (!list) return;
  for await (const items of fileItems(readLines(list), options.shard)) {
    // Once stopped, the line being read when the input ended is not a line of the list.
    if (stop.aborted) return;
    yield items;
  }
}

async function runAudit(domains: string[], options: AuditOptions, { version, plan }: { version: string; plan: AuditPlan }): Promise<void> {
  const showProgress = !options.quiet && process.stderr.isTTY === true;
  const list = options.file === undefined ? undefined : await openDomainList(options.file, showProgress);
  const colorStream = options.output === undefined ? process.stdout : process.stderr;
  const chalk = chalkFor(colorStream, options.output === undefined ? options.color : false);
  let setup: AuditSetup;
  let read: ReadOptions;
  let outputs: Outputs;
  try {
    setup = threadSetup(auditSetupFrom(options, { version, plan, colorLevel: chalk.level }), options.workers);
    read = await readOptions(setup);
    // Opened before the first query (and after every other usage error): a path that cannot be written ends the run at once.
    outputs = await openOutputs(options);
  } catch (error) {
    list?.stop();
    throw error;
  }
  const { output, summaryOutput } = outputs;
  let runner: AuditRunner;
  try {
    runner = await startAuditRunner(setup, options.workers, read);
  } catch (error) {
    list?.stop();
    await Promise.all([output.discard(), summaryOutput?.discard()]);
    throw error;
  }
  const serializer = serializerFor(options.format, chalk);
  const progress = showProgress ? new Progress(process.stderr, list ? (list.lineCount ?? 0) + domains.length || undefined : domains.length) : undefined;
  const interrupts = watchInterrupts((signal) => {
    // A list whose writer stalls (a FIFO, a stuck producer on stdin) must not hold the run.
    list?.stop();
    const auditing = runner.inFlight();
    const message = `stopping: finishing ${auditing} domain${auditing === 1 ? '' : 's'} in flight (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again to quit now)`;
    if (progress) progress.note(message);
    else process.stderr.write(`${message}\n`);
  });
  const started = performance.now();
  const startedAt = new Date().toISOString();
  let argumentsDone = 0;
  const positionOf = (item: WorkItem): number => (item.line === undefined ? ++argumentsDone : domains.length + item.line);
  const out = new ChunkedOutput(output.stream);
  const reports = new ReportOutput(out, serializer, options.failOn);
  let where = '';
  let slowest: RunSummary['slowestDomain'] = null;
  let result: RunSummary;
  try {
    await reports.start();
    await runBatch(
      workItems(domains, options, interrupts.signal, list?.bytes),
      async (item, index) => {
        const position = positionOf(item);
        // An input line that is not a domain is written by the output, in order, as any report it finishes.
        if (item.kind !== 'domain') return { position, done: finishReport(reportOf(inputErrorAudit(item.input, item.error, item.line)), index, undefined, options.failOn) };
        const began = performance.now();
        const done = await runner.finish({ domain: item.domain, index });
        const seconds = (performance.now() - began) / 1000;
        if (seconds > (slowest?.seconds ?? -1)) slowest = { domain: item.domain, seconds };
        return { position, done };
      },
      ({ done, position }) => {
        progress?.tick(done.failed, position);
        return reports.addFinished(done);
      },
      { concurrency: runner.limit, window: Math.max(1024, runner.mostInFlight * WINDOW_PER_SLOT), signal: interrupts.signal },
    );
    const queriesSent = await runner.close();
    result = reports.summary((performance.now() - started) / 1000, queriesSent, slowest);
    await reports.end({ summary: result, started: startedAt, checks: plan.checks, dns: dnsSources(options, read.resolver) });
    // An interrupted run never replaces a complete report: its finished reports go to a partial file.
    if (interrupts.exitCode() === undefined) await output.commit();
    else where = await output.keepPartial();
  } catch (error) {
    // Reports finished before the failure still reach stdout; a file output is dropped whole.
    await out.flush().catch(() => {});
    await Promise.all([output.discard(), summaryOutput?.discard(), runner.abort()]);
    throw error;
  } finally {
    list?.stop();
    progress?.stop();
    interrupts.dispose();
  }
  const interrupted = interrupts.exitCode();
  const summaryWhere = summaryOutput ? await writeSummaryFile(summaryOutput, result, interrupted !== undefined) : '';
  if (!options.quiet && (list !== undefined || domains.length > 1)) process.stderr.write(renderSummaryText(result));
  if (interrupted !== undefined) {
    const summaryNote = summaryWhere === '' ? '' : `, and the run summary${summaryWhere}`;
    throw new CliError(`interrupted: ${reports.count} finished reports were written${where}${summaryNote}; the run is incomplete`, interrupted);
  }
  reports.throwForFailOn();
}

function auditSetupFrom(options: AuditOptions, { version, plan, colorLevel }: Pick<AuditSetup, 'version' | 'plan' | 'colorLevel'>): AuditSetup {
  const { nameserver, timeout, retries, zone, zoneIncludeDir, dnsRecord, dnsReplay, caFile, httpsPort, httpsTimeout } = options;
  return {
    version,
    dns: { nameserver, timeout, retries, zone, zoneIncludeDir, dnsRecord, dnsReplay },
    https: { caFile, httpsPort, httpsTimeout },
    plan,
    evidence: options.evidence,
    maxQueries: options.maxQueries,
    rate: options.rate,
    concurrency: options.concurrency,
    format: options.format,
    colorLevel,
    failOn: options.failOn,
  };
}

interface Outputs {
  output: OutputTarget;
  summaryOutput?: OutputTarget;
}

/** -o and --summary, opened together: when the second cannot be, the first is dropped. */
async function openOutputs(options: AuditOptions): Promise<Outputs> {
  const output = await openOutput('--output', options.output);
  if (options.summary === undefined) return { output };
  const summaryOutput = await openOutput('--summary', options.summary).catch(async (error: unknown) => {
    await output.discard();
    throw error;
  });
  return { output, summaryOutput };
}
