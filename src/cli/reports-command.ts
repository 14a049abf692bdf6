import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { createRunResolver, type RunResolver } from '../dns/run-resolver.js';
import { normalizeDomain } from '../domain/normalize.js';
import { escapeForTerminal, safeJson } from '../render/escape.js';
import { txtDkimProbe } from '../reports/live-checks.js';
import { imapMessages, parseImapUrl } from '../reports/imap-source.js';
import { MemoryStore, type ReportStore } from '../reports/ingest.js';
import { DatabaseError, openSqliteStore } from '../reports/sqlite-store.js';
import { runReports, type MessageSource, type ReportsRun } from '../reports/pipeline.js';
import { renderReportsCsv } from '../reports/render-csv.js';
import { renderReportsText } from '../reports/render-text.js';
import { chalkFor } from './colors.js';
import { addDnsOptions, resolverOptionsFrom, type DnsCliOptions } from './dns-options.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { openOutput } from './output-target.js';
import { writeOut } from './write.js';

interface ReportsOptions extends DnsCliOptions {
  format: 'text' | 'json' | 'csv';
  output?: string;
  domain: string[];
  since?: number;
  threshold: number;
  failOn?: 'not-ready';
  ptr: boolean;
  dns: boolean;
  db?: string;
  imap?: string;
  imapPasswordFile?: string;
  imapMove?: string;
  quiet?: boolean;
  color?: boolean;
}

const UNITS: Record<string, number> = { h: 3600, d: 86_400, w: 604_800 };

/** "30d", "12h", "2w", or a date: the start of the window, in seconds. */
export function parseSince(value: string, now = Date.now()): number {
  const relative = /^(\d{1,5})([hdw])$/.exec(value);
  if (relative) return Math.floor(now / 1000) - Number(relative[1]) * UNITS[relative[2]!]!;
  const date = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(date)) throw new UsageError(`--since "${value}": give a duration such as 30d, 12h or 2w, or a date such as 2024-05-01`);
  return Math.floor(date / 1000);
}

function parseThreshold(value: string): number {
  const match = /^(\d{1,3}(?:\.\d+)?)%?$/.exec(value);
  const percent = match ? Number(match[1]) : NaN;
  if (!(percent >= 0 && percent <= 100)) throw new UsageError(`--threshold "${value}": give a percentage from 0 to 100, e.g. 0.5`);
  return percent / 100;
}

function collectDomain(value: string, previous: string[]): string[] {
  const normalized = normalizeDomain(value);
  if (!normalized.ok) throw new UsageError(`--domain "${value}": ${normalized.error}`);
  return [...previous, normalized.domain];
}

export function addReportsCommand(program: Command): void {
  const command = program
    .command('reports')
    .description('read DMARC aggregate reports (and SMTP TLS reports) and say, sender by sender, what p=quarantine or p=reject would block')
    .argument('[paths...]', 'report files and directories (.xml, .gz, .zip, .eml, mbox, Maildir), - for standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
    .option('-o, --output <file>', 'write the analysis to a file (renamed into place when complete)')
    .option('--domain <name>', 'analyse only this From domain (repeatable); one without reports is no-data', collectDomain, [])
    .option('--since <when>', 'only reports whose period ends after this: 30d, 12h, 2w or a date', (v) => parseSince(v))
    .option('--threshold <percent>', 'ready when enforcement would block less than this share of legitimate mail', parseThreshold, 0.005)
    .addOption(new Option('--fail-on <verdict>', 'exit 1 when a domain has this verdict').choices(['not-ready']))
    .option('--imap <url>', 'also read the reports in this mailbox: imaps://user@host[:port]/Mailbox (password: DMARC_AUDIT_IMAP_PASSWORD or --imap-password-file)')
    .option('--imap-password-file <file>', 'read the IMAP password from this file (its first line)')
    .option('--imap-move <mailbox>', 'move each message whose reports were all read into this mailbox (default: read-only)')
    .option('--db <file>', 'keep reports in this SQLite database: new ones are added, duplicates dropped, the window read from all runs')
    .option('--no-ptr', 'do not look up the reverse DNS of source IPs')
    .option('--no-dns', "no DNS at all: no PTR, no check against today's SPF, DKIM keys and DMARC record")
    .option('-q, --quiet', 'no summary on stderr')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (paths: string[], options: ReportsOptions) => runReportsCommand(paths, options));
  addDnsOptions(command);
}

async function imapSource(options: ReportsOptions): Promise<MessageSource | null> {
  if (!options.imap) {
    if (options.imapMove || options.imapPasswordFile) throw new UsageError('--imap-move and --imap-password-file need --imap');
    return null;
  }
  let target;
  try {
    target = parseImapUrl(options.imap);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const password = options.imapPasswordFile
    ? (await readFile(options.imapPasswordFile, 'utf8').catch((error: Error) => {
        throw new UsageError(`--imap-password-file: ${error.message}`);
      })).split(/\r?\n/)[0]!
    : process.env.DMARC_AUDIT_IMAP_PASSWORD;
  if (!password) throw new UsageError('--imap needs a password: set DMARC_AUDIT_IMAP_PASSWORD or give --imap-password-file');
  const read = imapMessages(target, password, options.imapMove ?? null);
  return async (onMessage) => {
    try {
      await read(onMessage);
    } catch (error) {
      // An unreachable server or a refused login: nothing the run could do about it.
      const imapError = error as Error & { responseText?: string; authenticationFailed?: boolean };
      const why = imapError.authenticationFailed ? 'the server refused the login' : imapError.responseText || imapError.message;
      throw new UsageError(`cannot read ${options.imap}: ${why}`);
    }
  };
}

async function openStore(options: ReportsOptions): Promise<ReportStore> {
  if (!options.db) return new MemoryStore(options.since ?? null);
  try {
    return await openSqliteStore(options.db, options.since ?? null);
  } catch (error) {
    if (error instanceof DatabaseError) throw new UsageError(error.message);
    throw error;
  }
}

async function runReportsCommand(paths: string[], options: ReportsOptions): Promise<void> {
  if (paths.length === 0 && !options.imap && !options.db) throw new UsageError('no reports to read: give files or directories, - for standard input, --imap or --db');
  const resolverRun: RunResolver | null = options.dns ? await createRunResolver(await resolverOptionsFrom(options)) : null;
  const store = await openStore(options);
  const messages = await imapSource(options);
  const line = (text: string): void => void process.stderr.write(`dmarc-audit: ${escapeForTerminal(text)}\n`);
  let run: ReportsRun;
  try {
    run = await runReports({
      paths,
      stdin: process.stdin,
      messages,
      store,
      domains: options.domain.length > 0 ? options.domain : null,
      since: options.since ?? null,
      analyze: { threshold: options.threshold, resolver: resolverRun?.resolver ?? null, ptr: options.ptr, dkimProbe: resolverRun ? txtDkimProbe(resolverRun.resolver) : null },
      onLine: line,
    });
  } finally {
    store.close();
    await resolverRun?.close();
  }
  const { output } = run;
  const text = options.format === 'json' ? `${safeJson(output, 2)}\n` : options.format === 'csv' ? renderReportsCsv(output) : renderReportsText(output, chalkFor(process.stdout, options.color));
  const target = await openOutput(options.output);
  try {
    await writeOut(target.stream, text);
    await target.commit();
  } catch (error) {
    await target.discard();
    throw error;
  }
  if (!options.quiet) {
    const i = output.inputs;
    line(`${run.files} inputs: ${i.reports} aggregate and ${i.tlsReports} TLS reports analysed, ${i.duplicates} duplicates dropped, ${i.outsideWindow} outside the window, ${i.refused.length} skipped, ${i.warnings.length} read with warnings`);
  }
  const notReady = output.domains.filter((d) => d.verdict === 'not-ready').length;
  if (options.failOn === 'not-ready' && notReady > 0) throw new CliError(`${notReady} of ${output.domains.length} domains not ready for enforcement`, EXIT.violation);
}
