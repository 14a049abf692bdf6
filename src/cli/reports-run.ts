import { readFile } from 'node:fs/promises';
import { createRunResolver, type RunResolver } from '../dns/run-resolver.js';
import { escapeForTerminal, safeJson } from '../render/escape.js';
import { imapMessages, parseImapUrl } from '../reports/imap-source.js';
import { MemoryStore, type ReportStore } from '../reports/ingest.js';
import { dkimKeyProbe } from '../reports/live-checks.js';
import { runReports, type MessageSource, type ReportsRun } from '../reports/pipeline.js';
import { renderReportsCsv } from '../reports/render-csv.js';
import { renderReportsHtml } from '../reports/render-html.js';
import type { ReportsOutput } from '../reports/output-schema.js';
import { renderReportsText } from '../reports/render-text.js';
import { DatabaseError, openSqliteStore } from '../reports/sqlite-store.js';
import { wordReports } from '../reports/word.js';
import { chalkFor } from './colors.js';
import { resolverOptionsFrom } from './dns-options.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { openOutput } from './output-target.js';
import type { ReportsOptions } from './reports-command.js';
import { writeOut } from './write.js';

/** `dmarc-audit reports` once its arguments are parsed: read, analyse, render; the verdict may end it with exit 1. */
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

function renderReports(options: ReportsOptions, output: ReportsOutput): string {
  switch (options.format) {
    case 'json':
      return `${safeJson(output, 2)}\n`;
    case 'csv':
      return renderReportsCsv(output);
    case 'html':
      return renderReportsHtml(output);
    case 'text':
      return renderReportsText(output, chalkFor(process.stdout, options.color));
  }
}

export async function runReportsCommand(paths: string[], options: ReportsOptions, version: string): Promise<void> {
  if (paths.length === 0 && !options.imap && !options.db) throw new UsageError('no reports to read: give files or directories, - for standard input, --imap or --db');
  // Opened before any work: an output that cannot be written ends the run at once (exit 2, one line).
  const target = await openOutput('--output', options.output);
  const resolverRun: RunResolver | null = options.dns ? await createRunResolver(await resolverOptionsFrom(options, version)) : null;
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
      analyze: { threshold: options.threshold, resolver: resolverRun?.resolver ?? null, ptr: options.ptr, dkimProbe: resolverRun ? dkimKeyProbe(resolverRun.resolver) : null },
      onLine: line,
    });
  } catch (error) {
    await target.discard();
    throw error;
  } finally {
    store.close();
    await resolverRun?.close();
  }
  const output = wordReports(run.analysis);
  const text = renderReports(options, output);
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
