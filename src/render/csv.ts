import type { AuditReport } from '../report/schema.js';
import { escapeForTerminal } from './escape.js';
import type { ReportSerializer } from './formats.js';

/** The CSV columns, in order; documented in the README. */
export const CSV_COLUMNS = [
  'domain',
  'verdict',
  'grade',
  'dmarc_status',
  'dmarc_policy',
  'dmarc_effective_policy',
  'dmarc_source',
  'dmarc_inherited',
  'spf_status',
  'spf_lookups',
  'spf_void_lookups',
  'spf_all',
  'finding_codes',
  'dmarc_record',
  'spf_record',
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula, and TXT records are
 * written by strangers: such cells get a leading apostrophe (OWASP CSV injection advice).
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const cell = (value: string | number | boolean | null): string => (value === null ? '' : String(value));
/**
 * Cells from DNS or input: control and invisible characters escaped as in text output (a CSV is often
 * looked at with `cat` or `less` first), then formula-looking cells neutralised.
 */
const untrusted = (value: string | null): string => neutralizeFormula(escapeForTerminal(cell(value)));

export function csvRow(report: AuditReport): string {
  const { dmarc, spf } = report;
  const values = [
    untrusted(report.domain),
    report.verdict,
    report.grade,
    dmarc.status,
    cell(dmarc.policy),
    cell(dmarc.effectivePolicy),
    untrusted(dmarc.source),
    cell(dmarc.inherited),
    spf.status,
    cell(spf.dnsLookups),
    cell(spf.voidLookups),
    cell(spf.all),
    report.findings.map((f) => f.code).join(' '),
    untrusted(dmarc.record),
    untrusted(spf.record),
  ];
  return `${values.map(csvField).join(',')}\r\n`;
}

export const csvSerializer: ReportSerializer = {
  start: `${CSV_COLUMNS.join(',')}\r\n`,
  item: (report) => csvRow(report),
  end: '',
};
