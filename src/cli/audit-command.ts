import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { AdaptiveConcurrency, autoConcurrencyBounds } from '../engine/adaptive-concurrency.js';
import { runBatch } from '../engine/batch.js';
import { DEFAULT_MAX_QUERIES_IN_FLIGHT } from '../dns/run-resolver.js';
import { createAuditor } from '../engine/auditor.js';
import { parseShard, type Shard } from '../engine/shard.js';
import { readLines } from '../input/read-lines.js';
import { argumentItems, fileItems, type WorkItem } from '../input/work-items.js';
import { OUTPUT_FORMATS, serializerFor, type OutputFormat } from '../render/formats.js';
import { renderSummaryText } from '../render/summary-text.js';
import { inputErrorAudit } from '../report/input-error.js';
import { SummaryCollector } from '../report/summary.js';
import { chalkFor } from './colors.js';
import { addDnsOptions, addEvidenceOption, resolverOptionsFrom, type DnsCliOptions } from './dns-options.js';
import { openDomainList } from './domain-list-file.js';
import { CliError, UsageError } from './errors.js';
import { watchInterrupts } from './interrupt.js';
import { parseIntegerOption, validateDomainArguments } from './options.js';
import { openOutput } from './output-target.js';
import { Progress } from './progress.js';
import { ChunkedOutput } from './write.js';

interface AuditOptions extends DnsCliOptions {
  file?: string;
  format: OutputFormat;
  output?: string;
  concurrency: number | 'auto';
  maxQueries: number;
  rate?: number;
  shard?: Shard;
  summary?: string;
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

export function addAuditCommand(program: Command): void {
  const command = program
    .command('audit', { isDefault: true })
    .description('audit the DMARC and SPF records of domains given as arguments and/or in a file (the default command)')
    .argument('[domains...]', 'domain names, e.g. example.com (IDN allowed)')
    .option('-f, --file <path>', 'a domain list: one per line, # comments, or a CSV whose first column is the domain; - for stdin')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write reports to this file (atomically: complete or not at all) instead of stdout');
  addEvidenceOption(addDnsOptions(command))
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
    .option('-q, --quiet', 'no progress and no summary on stderr')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (domains: string[], options: AuditOptions) => {
      if (domains.length === 0 && options.file === undefined) {
        throw new UsageError('no domain given; try: dmarc-audit example.com, or dmarc-audit --file domains.txt');
      }
      validateDomainArguments(domains);
      await runAudit(domains, options, program.version() ?? 'unknown');
    });
}

async function* workItems(domains: string[], options: AuditOptions, list?: AsyncIterable<Uint8Array>): AsyncGenerator<Iterable<WorkItem>> {
  yield argumentItems(domains, options.shard);
  if (list) yield* fileItems(readLines(list), options.shard);
}

async function runAudit(domains: string[], options: AuditOptions, version: string): Promise<void> {
  const showProgress = !options.quiet && process.stderr.isTTY === true;
  const list = options.file === undefined ? undefined : await openDomainList(options.file, showProgress);
  const auditor = await createAuditor({
    ...(await resolverOptionsFrom(options, version)),
    maxQueriesInFlight: options.maxQueries,
    queriesPerSecond: options.rate,
    evidence: options.evidence,
  });
  const output = await openOutput(options.output);
  const colorStream = options.output === undefined ? process.stdout : process.stderr;
  const serializer = serializerFor(options.format, chalkFor(colorStream, options.output === undefined ? options.color : false));
  const interrupts = watchInterrupts();
  const progress = showProgress ? new Progress(process.stderr, list ? (list.lineCount ?? 0) + domains.length || undefined : domains.length) : undefined;
  const summary = new SummaryCollector();
  const started = performance.now();
  let count = 0;
  let argumentsDone = 0;
  const positionOf = (item: WorkItem): number => (item.line === undefined ? ++argumentsDone : domains.length + item.line);
  const out = new ChunkedOutput(output.stream);
  const autoBounds = autoConcurrencyBounds(AUTO_CONCURRENCY, options.rate);
  const adaptive = options.concurrency === 'auto' ? new AdaptiveConcurrency(autoBounds) : undefined;
  const mostInFlight = options.concurrency === 'auto' ? autoBounds.max : options.concurrency;
  try {
    await out.write(serializer.start);
    count = await runBatch(
      workItems(domains, options, list?.bytes),
      async (item) => ({
        position: positionOf(item),
        audit: item.kind === 'domain' ? await auditor.inspect(item.domain) : inputErrorAudit(item.input, item.error, item.line),
      }),
      ({ audit, position }, index) => {
        summary.add(audit);
        progress?.tick(audit, position);
        return out.write(serializer.item(audit, index));
      },
      { concurrency: adaptive ? () => adaptive.limit : mostInFlight, window: Math.max(1024, mostInFlight * 4), signal: interrupts.signal },
    );
    await out.write(serializer.end);
    await out.flush();
    await output.commit();
  } catch (error) {
    // Reports finished before the failure still reach stdout; a file output is dropped whole.
    await out.flush().catch(() => {});
    await output.discard();
    throw error;
  } finally {
    adaptive?.stop();
    progress?.stop();
    interrupts.dispose();
    await auditor.close();
  }
  const result = summary.summary((performance.now() - started) / 1000, auditor.queriesSent());
  if (options.summary !== undefined) await writeFile(options.summary, `${JSON.stringify(result, null, 2)}\n`);
  if (!options.quiet && (list !== undefined || domains.length > 1)) process.stderr.write(renderSummaryText(result));
  const interrupted = interrupts.exitCode();
  if (interrupted !== undefined) throw new CliError(`interrupted: ${count} finished reports were written`, interrupted);
}
