import type { ChalkInstance } from 'chalk';
import type { DomainAudit } from '../engine/audit.js';
import { reportOf } from '../report/report.js';
import { csvSerializer } from './csv.js';
import { FORMATS, type FormatOf } from './format-names.js';
import { safeJson } from './escape.js';
import { renderText } from './text.js';

export const OUTPUT_FORMATS = FORMATS.audit;
export type OutputFormat = FormatOf<'audit'>;

/** Turns a stream of audits into output text piece by piece, so nothing waits for the whole list. */
export interface ReportSerializer {
  start: string;
  item(audit: DomainAudit, index: number): string;
  end: string;
}

export function serializerFor(format: OutputFormat, chalk: ChalkInstance): ReportSerializer {
  switch (format) {
    case 'json':
      return {
        start: '[',
        item: (audit, index) => `${index === 0 ? '\n' : ',\n'}${safeJson(reportOf(audit), 2)}`,
        end: '\n]\n',
      };
    case 'ndjson':
      return { start: '', item: (audit) => `${safeJson(reportOf(audit))}\n`, end: '' };
    case 'csv':
      return csvSerializer;
    case 'text':
      return { start: '', item: (audit, index) => `${index === 0 ? '' : '\n'}${renderText(audit, chalk)}`, end: '' };
  }
}
