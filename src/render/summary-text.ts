import type { RunSummary, Tally } from '../report/summary.js';
import { wrapText } from './wrap.js';

const percent = (t: Tally): string => `${(t.share * 100).toFixed(1)}%`;

const INDENT = 16;

/** A labelled list of counts, wrapped to 80 columns under its label. */
function line(label: string, table: Record<string, Tally>): string {
  const parts = Object.entries(table).map(([key, t]) => `${key} ${t.count} (${percent(t)})`);
  const [first = '', ...rest] = wrapText(parts.join(', ') || '—', 80 - INDENT);
  return [`  ${label.padEnd(INDENT - 2)}${first}`, ...rest.map((text) => ' '.repeat(INDENT) + text)].join('\n');
}

/** The end-of-run summary for stderr. */
export function renderSummaryText(s: RunSummary): string {
  const spfProblems = Object.fromEntries(Object.entries(s.findings).filter(([code]) => code.startsWith('SPF_')));
  return [
    `Summary: ${s.total} domains in ${s.elapsedSeconds.toFixed(1)} s (${s.domainsPerSecond}/s), ${s.dnsQueries} DNS queries`,
    line('verdict', s.verdict),
    line('DMARC policy', s.dmarcPolicy),
    line('grade', s.grade),
    line('SPF', s.spfStatus),
    line('SPF problems', spfProblems),
    `  ${'DNS errors'.padEnd(14)}${s.dnsErrors.count} (${percent(s.dnsErrors)})`,
    `  ${'input errors'.padEnd(14)}${s.inputErrors.count} (${percent(s.inputErrors)})`,
  ].join('\n') + '\n';
}
