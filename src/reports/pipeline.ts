/**
 * `dmarc-audit reports` without the command line: read every input into the store, then analyse
 * the window per From domain. I/O (files, IMAP, DNS, the store) comes in through the options.
 */
import type { Readable } from 'node:stream';
import { analyzeDomain, type AnalyzeOptions } from './analyze.js';
import { extractReports, type ExtractInput } from './extract.js';
import { storeSink, type IngestCounts, type ReportStore } from './ingest.js';
import type { CodedReports } from './output-schema.js';
import { inputFiles } from './walk-inputs.js';

/** Messages of a mailbox, as IMAP hands them over; `done` says whether it was read without a refusal. */
export type MessageSource = (read: (message: ExtractInput) => Promise<boolean>) => Promise<void>;

export interface ReportsRunOptions {
  paths: readonly string[];
  stdin: Readable;
  messages: MessageSource | null;
  store: ReportStore;
  /** Only these From domains (a domain without reports is no-data); null: every domain read. */
  domains: readonly string[] | null;
  since: number | null;
  analyze: AnalyzeOptions;
  /** One line per refused input or warning, for stderr. */
  onLine: (line: string) => void;
  now?: Date;
}

export interface ReportsRun {
  /** Advice as codes: word it (word.ts) to render it. */
  analysis: CodedReports;
  files: number;
  counts: IngestCounts;
}

export async function runReports(options: ReportsRunOptions): Promise<ReportsRun> {
  const counts: IngestCounts = { added: 0, duplicates: 0, tlsAdded: 0, refused: [], warnings: [] };
  const sink = storeSink(options.store, counts, options.onLine);
  let files = 0;
  for await (const file of inputFiles(options.paths, options.stdin, (name, reason) => sink.refused(name, reason))) {
    files++;
    await extractReports({ name: file.name, stream: file.open(), ...(file.path ? { path: file.path } : {}) }, sink);
  }
  if (options.messages) {
    await options.messages(async (message) => {
      files++;
      const before = counts.refused.length;
      await extractReports(message, sink);
      return counts.refused.length === before;
    });
  }

  const window = options.store.windowTallies();
  const names = options.domains ?? [...window.tally.domains.values()].sort((a, b) => b.messages - a.messages || a.domain.localeCompare(b.domain)).map((d) => d.domain);
  const domains = [];
  for (const name of names) domains.push(await analyzeDomain(window.tally.domainOrEmpty(name), options.analyze));
  const analysis: CodedReports = {
    version: 1,
    generatedAt: (options.now ?? new Date()).toISOString(),
    window: { since: options.since === null ? null : new Date(options.since * 1000).toISOString() },
    inputs: { reports: window.reports, duplicates: counts.duplicates, outsideWindow: window.outsideWindow, tlsReports: window.tlsReports, refused: counts.refused, warnings: counts.warnings },
    domains,
    tls: window.tls.summaries(),
  };
  return { analysis, files, counts };
}
