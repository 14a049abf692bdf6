import type { ChalkInstance } from 'chalk';
import type { ReportData } from '../report/report.js';
import type { RunSummary } from '../report/summary.js';
import { csvSerializer } from './csv.js';
import { FORMATS, type FormatOf } from './format-names.js';
import { safeJson } from './escape.js';
import { htmlSerializer } from './html/audit-page.js';
import { markdownSerializer } from './markdown.js';
import { renderText } from './text.js';

export const OUTPUT_FORMATS = FORMATS.audit;
export type OutputFormat = FormatOf<'audit'>;

/** What the end of an output may say about the run besides its reports. */
export interface RunInfo {
  summary: RunSummary;
  /** When the run started, or when the saved reports were read (ISO 8601). */
  started: string;
  /** The checks that ran for some domain, in registry order. */
  checks: readonly string[];
  /** Where the answers came from: name servers, a recording, zone files; absent for saved reports. */
  dns?: readonly string[];
  /** The saved NDJSON files a `dmarc-audit report` read. */
  inputs?: readonly string[];
}

/**
 * Turns a stream of reports into output text piece by piece, so nothing waits for the whole list;
 * `end` comes once the run is over, with its summary (the HTML and Markdown outputs show it).
 */
export interface ReportSerializer {
  start: string;
  item(report: ReportData, index: number): string;
  end(run: RunInfo): string;
}

/** The formats whose `item` depends on the report and its index only: a worker thread can write their items. */
export const STATELESS_FORMATS: readonly OutputFormat[] = ['json', 'ndjson', 'csv', 'text'];

/** A fresh serializer per output: the HTML and Markdown ones keep state across items. */
export function serializerFor(format: OutputFormat, chalk: ChalkInstance): ReportSerializer {
  switch (format) {
    case 'json':
      return {
        start: '[',
        item: (report, index) => `${index === 0 ? '\n' : ',\n'}${safeJson(report, 2)}`,
        end: () => '\n]\n',
      };
    case 'ndjson':
      return { start: '', item: (report) => `${safeJson(report)}\n`, end: () => '' };
    case 'csv':
      return csvSerializer;
    case 'text':
      return { start: '', item: (report, index) => `${index === 0 ? '' : '\n'}${renderText(report, chalk)}`, end: () => '' };
    case 'html':
      return htmlSerializer();
    case 'markdown':
      return markdownSerializer();
  }
}
