import { Chalk } from 'chalk';
import { ALL_CHECKS } from '../../checks/registry.js';
import { sectionIn, type ReportData } from '../../report/report.js';
import type { ReportSerializer } from '../formats.js';
import { evidenceLines } from '../text.js';
import { auditOverview } from './overview.js';
import { pageEnd, pageStart, type PageColumn, type PageSpec } from './page.js';
import { PageDataEncoder, type DetailBlock, type ListEntry, type PageRow } from './page-data.js';

const PLAIN = new Chalk({ level: 0 });

/** Badge tones of every status word the pages show (verdicts, grades, severities, gate and readiness results). */
export const TONES: PageSpec['tones'] = {
  enforcing: 'good', monitoring: 'warn', unprotected: 'bad', error: 'bad',
  A: 'good', B: 'good', C: 'warn', D: 'bad', F: 'bad',
  warning: 'warn', info: 'info',
  pass: 'good', fail: 'bad', undetermined: 'unknown', ignored: 'info',
  ready: 'good', 'not-ready': 'bad', 'no-data': 'unknown',
};

/** Each check's short columns (its CSV columns but the whole records), titled "DMARC effective policy". */
const CHECK_COLUMNS = ALL_CHECKS.flatMap((check) =>
  check.csv
    .filter((column) => !column.late)
    .map((column) => ({
      check: check.id,
      value: column.value as (section: unknown) => string | number | boolean | null,
      column: { name: `${check.title} ${column.name.replace(new RegExp(`^${check.id}_`), '').replace(/_/g, ' ')}`, filter: !column.untrusted } as PageColumn,
    })),
);

/** The columns of a report in the table: name, verdict, grade, each check's columns, the number of findings. */
export const REPORT_COLUMNS: PageColumn[] = [
  { name: 'Domain' },
  { name: 'Verdict', filter: true, badge: true },
  { name: 'Grade', filter: true, badge: true },
  ...CHECK_COLUMNS.map(({ column }) => column),
  { name: 'Findings' },
];

export const FINDINGS_LIST = { title: 'Findings', empty: 'No findings.', filter: 'Finding' };

/** A report's cells (REPORT_COLUMNS), its findings as list entries and its blocks: each check's text, the evidence. */
export function reportRowParts(report: ReportData): { cells: PageRow['cells']; findings: ListEntry[]; blocks: DetailBlock[] } {
  const cells: (string | number | boolean | null)[] = [report.domain, report.verdict, report.grade];
  for (const { check, value } of CHECK_COLUMNS) {
    const section = sectionIn(report, check);
    cells.push(section === undefined ? null : value(section));
  }
  cells.push(report.findings.length);
  const findings = report.findings.map((f): ListEntry => [f.code, f.severity, f.message, f.fix, f.ref]);
  const blocks: DetailBlock[] = [];
  for (const check of ALL_CHECKS) {
    const section = sectionIn(report, check.id);
    if (section !== undefined) blocks.push({ title: `${check.title} as published`, lines: check.text(section, PLAIN) });
  }
  const evidence = evidenceLines(report, PLAIN);
  if (evidence.length > 0) blocks.push({ title: 'Evidence', lines: evidence });
  return { cells, findings, blocks };
}

const SPEC: PageSpec = {
  title: 'dmarc-audit report',
  subtitle: 'DMARC (RFC 9989), SPF (RFC 7208) and related DNS records, domain by domain. Everything shown from DNS is data, shown as text.',
  subject: 'domains',
  columns: REPORT_COLUMNS,
  lists: [FINDINGS_LIST],
  tones: TONES,
};

/**
 * `--format html` of audit and report: one self-contained page. Rows stream into its data block as
 * reports arrive (nothing is held), and the overview, known at the end, follows them.
 */
export function htmlSerializer(): ReportSerializer {
  const data = new PageDataEncoder();
  return {
    start: pageStart(SPEC),
    item: (report) => {
      const { cells, findings, blocks } = reportRowParts(report);
      return data.row({ cells, lists: [findings], blocks });
    },
    end: (run) => pageEnd(auditOverview(run), `Made by dmarc-audit from ${run.summary.total.toLocaleString('en-US')} reports; the page loads nothing from the network.`),
  };
}
