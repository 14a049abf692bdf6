import type { RunSummary, Tally } from '../report/summary.js';
import { checksCounted } from './summary-groups.js';
import { wrapText } from './wrap.js';

const percent = (t: Tally): string => `${(t.share * 100).toFixed(1)}%`;

const INDENT = 16;

/** A labelled list of counts, wrapped to 80 columns under its label. */
function line(label: string, table: Record<string, Tally>): string {
  const parts = Object.entries(table).map(([key, t]) => `${key} ${t.count} (${percent(t)})`);
  const [first = '', ...rest] = wrapText(parts.join(', ') || '—', 80 - INDENT);
  return [`  ${label.padEnd(INDENT - 3)} ${first}`, ...rest.map((text) => ' '.repeat(INDENT) + text)].join('\n');
}

/** Each check's labelled counters, then the domains with each of its finding codes ("SPF problems"). */
function checkLines(s: RunSummary): string[] {
  return checksCounted(s).flatMap((check) => {
    const lines = check.summary.flatMap((counter) => (counter.label ? [line(counter.label, s[counter.name] as Record<string, Tally>)] : []));
    const problems = Object.fromEntries(Object.entries(s.findings).filter(([code]) => code in check.catalog));
    return [...lines, line(`${check.title} problems`, problems)];
  });
}

/** The end-of-run summary for stderr. */
export function renderSummaryText(s: RunSummary): string {
  return [
    `Summary: ${s.audited} domains audited${s.inputErrors.count > 0 ? ` (and ${s.inputErrors.count} input lines that are not domains)` : ''} in ${s.elapsedSeconds.toFixed(1)} s (${s.domainsPerSecond}/s), ${s.dnsQueries} DNS queries`,
    line('verdict', s.verdict),
    line('grade', s.grade),
    ...checkLines(s),
    `  ${'DNS errors'.padEnd(14)}${s.dnsErrors.count} (${percent(s.dnsErrors)})`,
    `  ${'input errors'.padEnd(14)}${s.inputErrors.count} (${percent(s.inputErrors)})`,
  ].join('\n') + '\n';
}
