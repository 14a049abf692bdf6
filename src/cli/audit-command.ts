import type { Command } from 'commander';
import { Option } from 'commander';
import { AdaptiveConcurrency, autoConcurrencyBounds } from '../engine/adaptive-concurrency.js';
import type { AuditPlan, DomainAudit } from '../engine/audit.js';
import { runBatch } from '../engine/batch.js';
import { DEFAULT_MAX_QUERIES_IN_FLIGHT, type RunResolverOptions } from '../dns/run-resolver.js';
import { createAuditor } from '../engine/auditor.js';
import type { HttpsOptions } from '../http/https-client.js';
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
import { addDnsOptions, addEvidenceOption, dnsSources, resolverOptionsFrom, type DnsCliOptions } from './dns-options.js';
import { addHttpsOptions, httpsOptionsFrom, type HttpsCliOptions } from './https-options.js';
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
}

/** What `--concurrency auto` (the default) moves between; see AdaptiveConcurrency. */
const AUTO_CONCURRENCY = { min: 32, max: 1024 };

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
  let resolverOptions: RunResolverOptions;
  let https: HttpsOptions;
  let outputs: Outputs;
  try {
    resolverOptions = await resolverOptionsFrom(options, version);
    https = await httpsOptionsFrom(options);
    // Opened before the first query (and after every other usage error): a path that cannot be written ends the run at once.
    outputs = await openOutputs(options);
  } catch (error) {
    list?.stop();
    throw error;
  }
  const { output, summaryOutput } = outputs;
  const auditor = await createAuditor({ ...resolverOptions, https, maxQueriesInFlight: options.maxQueries, queriesPerSecond: options.rate, evidence: options.evidence, plan });
  const colorStream = options.output === undefined ? process.stdout : process.stderr;
  const serializer = serializerFor(options.format, chalkFor(colorStream, options.output === undefined ? options.color : false));
  const progress = showProgress ? new Progress(process.stderr, list ? (list.lineCount ?? 0) + domains.length || undefined : domains.length) : undefined;
  let auditing = 0;
  const interrupts = watchInterrupts((signal) => {
    // A list whose writer stalls (a FIFO, a stuck producer on stdin) must not hold the run.
    list?.stop();
    const message = `stopping: finishing ${auditing} domain${auditing === 1 ? '' : 's'} in flight (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again to quit now)`;
    if (progress) progress.note(message);
    else process.stderr.write(`${message}\n`);
  });
  const started = performance.now();
  const startedAt = new Date().toISOString();
  let argumentsDone = 0;
  const positionOf = (item: WorkItem): number => (item.line === undefined ? ++argumentsDone : domains.length + item.line);
  const audit = async (domain: string): Promise<DomainAudit> => {
    auditing++;
    try {
      return await auditor.inspect(domain);
    } finally {
      auditing--;
    }
  };
  const out = new ChunkedOutput(output.stream);
  const reports = new ReportOutput(out, serializer, options.failOn);
  const autoBounds = autoConcurrencyBounds(AUTO_CONCURRENCY, options.rate);
  const adaptive = options.concurrency === 'auto' ? new AdaptiveConcurrency(autoBounds) : undefined;
  const mostInFlight = options.concurrency === 'auto' ? autoBounds.max : options.concurrency;
  let where = '';
  let result: RunSummary;
  try {
    await reports.start();
    await runBatch(
      workItems(domains, options, interrupts.signal, list?.bytes),
      async (item) => ({
        position: positionOf(item),
        audit: item.kind === 'domain' ? await audit(item.domain) : inputErrorAudit(item.input, item.error, item.line),
      }),
      ({ audit: done, position }) => {
        progress?.tick(done, position);
        return reports.add(reportOf(done));
      },
      { concurrency: adaptive ? () => adaptive.limit : mostInFlight, window: Math.max(1024, mostInFlight * 4), signal: interrupts.signal },
    );
    result = reports.summary((performance.now() - started) / 1000, auditor.queriesSent());
    await reports.end({ summary: result, started: startedAt, checks: plan.checks, dns: dnsSources(options, resolverOptions) });
    // An interrupted run never replaces a complete report: its finished reports go to a partial file.
    if (interrupts.exitCode() === undefined) await output.commit();
    else where = await output.keepPartial();
  } catch (error) {
    // Reports finished before the failure still reach stdout; a file output is dropped whole.
    await out.flush().catch(() => {});
    await Promise.all([output.discard(), summaryOutput?.discard()]);
    throw error;
  } finally {
    list?.stop();
    adaptive?.stop();
    progress?.stop();
    interrupts.dispose();
    await auditor.close();
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
