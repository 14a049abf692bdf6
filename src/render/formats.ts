import type { ChalkInstance } from 'chalk';
import type { AuditReport } from '../report/schema.js';
import { csvSerializer } from './csv.js';
import { safeJson } from './escape.js';
import { renderText } from './text.js';

export const OUTPUT_FORMATS = ['text', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Turns a stream of reports into output text piece by piece, so nothing waits for the whole list. */
export interface ReportSerializer {
  start: string;
  item(report: AuditReport, index: number): string;
  end: string;
}

export function serializerFor(format: OutputFormat, chalk: ChalkInstance): ReportSerializer {
  switch (format) {
    case 'json':
      return {
        start: '[',
        item: (report, index) => `${index === 0 ? '\n' : ',\n'}${safeJson(report, 2)}`,
        end: '\n]\n',
      };
    case 'ndjson':
      return { start: '', item: (report) => `${safeJson(report)}\n`, end: '' };
    case 'csv':
      return csvSerializer;
    case 'text':
      return { start: '', item: (report, index) => `${index === 0 ? '' : '\n'}${renderText(report, chalk)}`, end: '' };
  }
}
