import { ALL_CHECKS } from '../checks/registry.js';
import type { SummaryCounter } from '../checks/types.js';
import { sectionIn, type ReportData } from '../report/report.js';
import type { Verdict } from '../report/schema.js';
import type { ReportSerializer, RunInfo } from './formats.js';
import { markdownCell, markdownCode } from './markdown-escape.js';
import { percent, summaryGroups, topFindings } from './summary-groups.js';

const VERDICT: Record<Verdict, string> = { enforcing: '✅ enforcing', monitoring: '⚠️ monitoring', unprotected: '❌ unprotected', error: '❓ error' };

/** The per-check columns of the table: each check's counters shown in the terminal summary (DMARC policy, SPF…). */
const COLUMNS = ALL_CHECKS.flatMap((check) => (check.summary as SummaryCounter<unknown>[]).filter((counter) => counter.label).map((counter) => ({ check: check.id, counter })));

/** A domain's row, its per-check cells kept apart until the run says which checks ran. */
interface Row {
  lead: string[];
  checkCells: string[];
  findings: string;
}

function row(report: ReportData): Row {
  const checkCells = COLUMNS.map(({ check, counter }) => {
    const section = sectionIn(report, check);
    return section === undefined ? '—' : markdownCell(counter.key(section) ?? '—');
  });
  const codes = [...new Set(report.findings.map((f) => f.code))];
  return { lead: [markdownCell(report.domain), VERDICT[report.verdict], report.grade], checkCells, findings: codes.length === 0 ? '—' : codes.map(markdownCode).join(' ') };
}

/** The table over the rows, with a column for each counter of the checks that ran (none for the others). */
function table(rows: readonly Row[], checks: readonly string[]): string[] {
  const shown = COLUMNS.flatMap((column, i) => (checks.includes(column.check) ? [i] : []));
  const header = ['Domain', 'Verdict', 'Grade', ...shown.map((i) => COLUMNS[i]!.counter.label as string), 'Findings'];
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => line([...r.lead, ...shown.map((i) => r.checkCells[i]!), r.findings]))];
}

function summaryLines(run: RunInfo): string[] {
  const s = run.summary;
  const [verdicts, ...others] = summaryGroups(s);
  const facts = [`checks: ${run.checks.join(', ') || '—'}`, `started ${run.started}`];
  if (run.dns) facts.push(`DNS: ${run.dns.map(markdownCell).join(', ')}`);
  if (run.inputs) facts.push(`read from ${run.inputs.map(markdownCell).join(', ')}`);
  const lines = [`## dmarc-audit: ${s.audited} domain${s.audited === 1 ? '' : 's'}`, '', `${facts.join(' · ')}`, ''];
  lines.push('| Verdict | Domains | Share |', '|---|---:|---:|');
  for (const [key, tally] of verdicts?.entries ?? []) lines.push(`| ${VERDICT[key as Verdict] ?? markdownCell(key)} | ${tally.count} | ${percent(tally)} |`);
  lines.push('');
  for (const group of others) {
    const parts = group.entries.map(([key, tally]) => `${markdownCell(key)} ${tally.count} (${percent(tally)})`);
    lines.push(`- **${markdownCell(group.title)}:** ${parts.join(', ') || '—'}`);
  }
  const findings = topFindings(s, 10).map(([code, tally]) => `${markdownCode(code)} ${tally.count} (${percent(tally)})`);
  lines.push(`- **Most frequent findings:** ${findings.join(', ') || '—'}`);
  lines.push(`- **DNS errors:** ${s.dnsErrors.count} (${percent(s.dnsErrors)}); **input errors:** ${s.inputErrors.count} (${percent(s.inputErrors)})`);
  return lines;
}

/**
 * Markdown for a PR comment, a wiki page or an issue: the run summary, then a table of every domain.
 * The summary comes first, so the rows wait until the end of the run (held as their Markdown lines).
 */
export function markdownSerializer(): ReportSerializer {
  const rows: Row[] = [];
  return {
    start: '',
    item: (report) => {
      rows.push(row(report));
      return '';
    },
    end: (run) => [...summaryLines(run), '', '### Domains', '', ...table(rows, run.checks), ''].join('\n'),
  };
}
