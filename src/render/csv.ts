import { ALL_CHECKS } from '../checks/registry.js';
import type { CsvColumn } from '../checks/types.js';
import { sectionIn, type ReportData } from '../report/report.js';
import { escapeForTerminal } from './escape.js';
import type { ReportSerializer } from './formats.js';

type Cell = string | number | boolean | null;

interface Column {
  name: string;
  value(report: ReportData): Cell;
  untrusted?: boolean;
}

/** A check's column: its section's cell, empty when the check did not run. */
function checkColumn(id: string, column: CsvColumn<unknown>): Column {
  return {
    name: column.name,
    untrusted: column.untrusted,
    value: (report) => {
      const section = sectionIn(report, id);
      return section === undefined ? null : column.value(section);
    },
  };
}

const checkColumns = (late: boolean): Column[] =>
  ALL_CHECKS.flatMap((check) => check.csv.filter((column) => (column.late ?? false) === late).map((column) => checkColumn(check.id, column)));

/**
 * The CSV columns, in order (documented in the README): the verdict, each check's columns in registry
 * order, the finding codes, then each check's long columns (whole records).
 */
const COLUMNS: Column[] = [
  { name: 'domain', value: (a) => a.domain, untrusted: true },
  { name: 'verdict', value: (a) => a.verdict },
  { name: 'grade', value: (a) => a.grade },
  ...checkColumns(false),
  { name: 'finding_codes', value: (a) => a.findings.map((f) => f.code).join(' ') },
  ...checkColumns(true),
];

export const CSV_COLUMNS: readonly string[] = COLUMNS.map((column) => column.name);

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

const cell = (value: Cell): string => (value === null ? '' : String(value));

/**
 * Cells from DNS or input: control and invisible characters escaped as in text output (a CSV is often
 * looked at with `cat` or `less` first), then formula-looking cells neutralised.
 */
const untrusted = (value: Cell): string => neutralizeFormula(escapeForTerminal(cell(value)));

export function csvRow(report: ReportData): string {
  const values: string[] = [];
  for (const column of COLUMNS) {
    const value = column.value(report);
    values.push(csvField(column.untrusted ? untrusted(value) : cell(value)));
  }
  return `${values.join(',')}\r\n`;
}

export const csvSerializer: ReportSerializer = {
  start: `${CSV_COLUMNS.join(',')}\r\n`,
  item: (report) => csvRow(report),
  end: () => '',
};
