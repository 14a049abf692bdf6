import { Chalk, type ChalkInstance } from 'chalk';
import { AdaptiveConcurrency, autoConcurrencyBounds, type ConcurrencyBounds } from '../engine/adaptive-concurrency.js';
import type { AuditPlan } from '../engine/audit.js';
import { createAuditor } from '../engine/auditor.js';
import { startWorkerPool, WorkerFailure } from '../engine/worker-pool.js';
import type { WorkerService } from '../engine/worker-serve.js';
import { serializerFor, STATELESS_FORMATS, type OutputFormat } from '../render/formats.js';
import { reportOf } from '../report/report.js';
import type { FailOnCondition } from '../report/fail-on.js';
import type { RunResolverOptions } from '../dns/run-resolver.js';
import type { HttpsOptions } from '../http/https-client.js';
import { resolverOptionsFrom, type DnsCliOptions } from './dns-options.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { finishReport, type FinishedReport } from './finished-report.js';
import { httpsOptionsFrom, type HttpsCliOptions } from './https-options.js';

/** What `--concurrency auto` (the default) moves between, in each thread that audits; see AdaptiveConcurrency. */
export const AUTO_CONCURRENCY: ConcurrencyBounds = { min: 32, max: 1024 };

/** Everything one auditing thread needs, as plain data (it is posted to each worker thread). */
export interface AuditSetup {
  version: string;
  dns: DnsCliOptions;
  https: HttpsCliOptions;
  plan: AuditPlan;
  evidence?: boolean;
  /** This thread's share of --max-queries, --rate and a fixed --concurrency. */
  maxQueries: number;
  rate?: number;
  concurrency: number | 'auto';
  format: OutputFormat;
  /** The colour level of the text output (chalk's), decided by the main thread from its stream. */
  colorLevel: ChalkInstance['level'];
  failOn: FailOnCondition[];
}

/** One domain to audit, and its place in the output. */
export interface AuditItem {
  domain: string;
  index: number;
}

/** How the audit command audits domains: in its own thread (the default), or in worker threads. */
export interface AuditRunner {
  finish(item: AuditItem): Promise<FinishedReport>;
  /** The most domains in flight at once, asked before each start. */
  limit(): number;
  /** The highest `limit` can go: sizes the output window. */
  mostInFlight: number;
  inFlight(): number;
  /** Ends the run once every domain is finished: resolves with the DNS queries sent on the wire. */
  close(): Promise<number>;
  /** Ends the run at once after a failure, whatever is in flight. */
  abort(): Promise<void>;
}

/** The DNS and HTTPS options once read (zone files loaded, --ca-file read, the recording opened). */
export interface ReadOptions {
  resolver: RunResolverOptions;
  https: HttpsOptions;
}

export async function readOptions(setup: Pick<AuditSetup, 'dns' | 'https' | 'version'>): Promise<ReadOptions> {
  return { resolver: await resolverOptionsFrom(setup.dns, setup.version), https: await httpsOptionsFrom(setup.https) };
}

/** The most domains one thread has in flight: a fixed --concurrency (its share), or the top of auto's range. */
function mostInFlightOf(setup: AuditSetup): number {
  return setup.concurrency === 'auto' ? autoConcurrencyBounds(AUTO_CONCURRENCY, setup.rate).max : setup.concurrency;
}

interface AuditService extends WorkerService<AuditItem, FinishedReport> {
  /** Resolves with the DNS queries this thread sent on the wire. */
  close(): Promise<number>;
}

/**
 * One thread's auditor and concurrency limit; each worker thread runs one of these. In the formats that
 * keep no state across reports, the thread writes each report's output text as soon as it is done: a
 * report waiting for its turn in the output (behind a slower domain) is then one string, not the
 * hundreds of objects of a report, which the garbage collector would copy and promote.
 */
export async function auditService(setup: AuditSetup, { resolver, https }: ReadOptions): Promise<AuditService> {
  const auditor = await createAuditor({ ...resolver, https, maxQueriesInFlight: setup.maxQueries, queriesPerSecond: setup.rate, evidence: setup.evidence, plan: setup.plan });
  const serializer = STATELESS_FORMATS.includes(setup.format) ? serializerFor(setup.format, new Chalk({ level: setup.colorLevel })) : undefined;
  const adaptive = setup.concurrency === 'auto' ? new AdaptiveConcurrency(autoConcurrencyBounds(AUTO_CONCURRENCY, setup.rate)) : undefined;
  const fixed = mostInFlightOf(setup);
  let closing: Promise<number> | undefined;
  return {
    work: async ({ domain, index }) => finishReport(reportOf(await auditor.inspect(domain)), index, serializer, setup.failOn),
    limit: () => adaptive?.limit ?? fixed,
    // Once: an output that fails after the run closed closes it again.
    close: () =>
      (closing ??= (async () => {
        adaptive?.stop();
        await auditor.close();
        return auditor.queriesSent();
      })()),
  };
}

/** The default: audits in the main thread, as the audit command always did; the output writes each report in order. */
async function inProcessRunner(setup: AuditSetup, read: ReadOptions): Promise<AuditRunner> {
  const service = await auditService(setup, read);
  let auditing = 0;
  return {
    finish: async (item) => {
      auditing++;
      try {
        return await service.work(item);
      } finally {
        auditing--;
      }
    },
    limit: service.limit,
    mostInFlight: mostInFlightOf(setup),
    inFlight: () => auditing,
    close: service.close,
    abort: () => service.close().then(
      () => {},
      () => {},
    ),
  };
}

/**
 * `--max-queries`, `--rate` and a fixed `--concurrency` are for the whole run: each of `workers`
 * threads gets an equal share, rounded down, so the run never goes above them.
 */
function shareOf(option: string, total: number, workers: number): number {
  const share = Math.floor(total / workers);
  if (share < 1) throw new UsageError(`${option} ${total} cannot be shared by --workers ${workers}: each worker needs at least 1`);
  return share;
}

/** The script each worker thread runs: audit-worker.ts, built beside this module (dist/src/cli, or the bundle's dist/cli). */
const WORKER_SCRIPT = new URL('./audit-worker.js', import.meta.url);

async function workerRunner(shared: AuditSetup, workers: number): Promise<AuditRunner> {
  const pool = await startWorkerPool<AuditItem, FinishedReport>(WORKER_SCRIPT, workers, shared).catch(asCliError);
  return {
    finish: (item) => pool.run(item).catch(asCliError),
    limit: pool.capacity,
    mostInFlight: mostInFlightOf(shared) * workers,
    inFlight: pool.inFlight,
    close: async () => {
      const sent = await pool.close().catch(asCliError);
      return (sent as number[]).reduce((sum, queries) => sum + queries, 0);
    },
    abort: pool.terminate,
  };
}

/** A worker that failed ends the run as an internal error (exit 1), named, never as missing reports. */
function asCliError(error: unknown): never {
  if (error instanceof WorkerFailure) throw new CliError(`${error.message}; the run is incomplete`, EXIT.internal);
  throw error;
}

/**
 * The setup of each auditing thread, or a usage error: with `workers` > 1, each gets its share of the
 * run's limits. A recording is one file of one resolver's questions in order, so --dns-record and
 * --dns-replay need one thread.
 */
export function threadSetup(setup: AuditSetup, workers: number): AuditSetup {
  if (workers === 1) return setup;
  for (const [flag, value] of [['--dns-record', setup.dns.dnsRecord], ['--dns-replay', setup.dns.dnsReplay]] as const) {
    if (value !== undefined) throw new UsageError(`${flag} cannot be combined with --workers ${workers}: a recording is one resolver's questions in order; use --workers 1`);
  }
  return {
    ...setup,
    maxQueries: shareOf('--max-queries', setup.maxQueries, workers),
    rate: setup.rate === undefined ? undefined : shareOf('--rate', setup.rate, workers),
    concurrency: setup.concurrency === 'auto' ? 'auto' : shareOf('--concurrency', setup.concurrency, workers),
  };
}

/**
 * `--workers 1` (the default) audits in the main thread with the options read there. More: each worker
 * thread reads them again and has its own DNS client, sockets, cache and concurrency limit; the main
 * thread reads the input and writes the output. `setup` comes from `threadSetup`.
 */
export function startAuditRunner(setup: AuditSetup, workers: number, read: ReadOptions): Promise<AuditRunner> {
  return workers === 1 ? inProcessRunner(setup, read) : workerRunner(setup, workers);
}
