import type { Tally } from '../../report/summary.js';
import type { RunInfo } from '../formats.js';
import { summaryGroups, topFindings } from '../summary-groups.js';
import { barChart, histogram, PALETTE, tile, type Bar } from './charts.js';
import { escapeHtml, untrustedHtml } from './escape.js';

export const VERDICT_COLORS: Record<string, string> = { enforcing: PALETTE.green, monitoring: PALETTE.orange, unprotected: PALETTE.vermillion, error: PALETTE.purple };

const VERDICT_WORDS: Record<string, string> = {
  enforcing: 'enforcing (quarantine or reject)',
  monitoring: 'monitoring only (p=none)',
  unprotected: 'unprotected (no usable DMARC)',
  error: 'unknown (DNS error)',
};

/** A definition list of facts; values are escaped here. */
export function factList(facts: readonly [string, string][]): string {
  return `<dl class="facts">${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${untrustedHtml(value)}</dd>`).join('')}</dl>`;
}

const bars = (entries: readonly [string, Tally][], colors: Record<string, string> = {}): Bar[] => entries.map(([label, tally]) => ({ label, tally, color: colors[label] }));

/**
 * The top of an audit page: the run (when, how many, which checks, where the answers came from, how
 * long), the headline shares of the verdicts, and a chart per summary counter, the most frequent
 * findings and the DNS errors. Every counter of every check in the registry gets its chart.
 */
export function auditOverview(run: RunInfo, extra: { facts?: [string, string][]; charts?: string[] } = {}): string {
  const s = run.summary;
  const facts: [string, string][] = [
    ['Started', run.started],
    ['Domains', `${s.audited.toLocaleString('en-US')} audited${s.inputErrors.count > 0 ? `, and ${s.inputErrors.count.toLocaleString('en-US')} input lines that are not domains` : ''}`],
    ['Checks run', run.checks.join(', ') || 'none'],
  ];
  if (run.dns) facts.push(['DNS answers from', run.dns.join(', ') || 'the system resolver'], ['Duration', `${s.elapsedSeconds.toFixed(1)} s (${s.domainsPerSecond.toLocaleString('en-US')} domains/s, ${s.dnsQueries.toLocaleString('en-US')} DNS queries)`]);
  if (run.inputs) facts.push(['Read from', run.inputs.join(', ')]);
  facts.push(...(extra.facts ?? []));
  const groups = summaryGroups(s);
  const verdicts = groups[0]?.entries ?? [];
  const tiles = verdicts.map(([verdict, tally]) => tile(VERDICT_WORDS[verdict] ?? verdict, tally, VERDICT_COLORS[verdict] ?? PALETTE.grey));
  const charts = [...(extra.charts ?? [])];
  groups.forEach((group, i) => {
    const id = `chart-${group.name}`;
    if (group.histogram) charts.push(histogram(id, group.title, group.entries, group.histogram, s.total));
    else charts.push(barChart(id, group.title, bars(group.entries, i === 0 ? VERDICT_COLORS : {}), { head: group.title }));
  });
  charts.push(barChart('chart-findings', 'Most frequent findings', bars(topFindings(s, 15)), { head: 'finding code', note: 'Domains with each finding (a domain counts once per code).' }));
  const withErrors = s.dnsErrors;
  const without: Tally = { count: s.audited - withErrors.count, share: s.audited === 0 ? 0 : Math.round((1 - withErrors.share) * 10_000) / 10_000 };
  charts.push(
    barChart('chart-dns-errors', 'DNS errors', [
      { label: 'a lookup failed', tally: withErrors, color: PALETTE.purple },
      { label: 'every lookup answered', tally: without, color: PALETTE.sky },
    ], { head: 'domains', note: 'A failed lookup (timeout, SERVFAIL, …) is never taken as a missing record.' }),
  );
  return `${factList(facts)}<h3>Verdicts</h3><ul class="tiles">${tiles.join('')}</ul><div class="charts">${charts.join('\n')}</div>`;
}
