import { ALL_CHECKS } from '../checks/registry.js';
import type { RunSummary, Tally } from '../report/summary.js';

/** One counted dimension of a run summary, titled and ordered for a chart or a table. */
export interface SummaryGroup {
  name: string;
  title: string;
  entries: [key: string, tally: Tally][];
  /** Keys are counts: show them in numeric order with the limit marked. */
  histogram?: { limit: number; ref: string };
}

const VERDICT_ORDER = ['enforcing', 'monitoring', 'unprotected', 'error'];
const GRADE_ORDER = ['A', 'B', 'C', 'D', 'F'];

/** Keys in a fixed order first (with zero counts), then any others as the summary has them (most first). */
function ordered(table: Record<string, Tally>, order: readonly string[]): [string, Tally][] {
  const fixed: [string, Tally][] = order.map((key) => [key, table[key] ?? { count: 0, share: 0 }]);
  return [...fixed, ...Object.entries(table).filter(([key]) => !order.includes(key))];
}

const numeric = (table: Record<string, Tally>): [string, Tally][] => Object.entries(table).sort((a, b) => Number(a[0]) - Number(b[0]));

/**
 * The checks that counted some domain, in registry order: a check that ran for no domain (not chosen
 * with --checks, or no domain audited) has nothing to say in a summary, so it gets no line or chart.
 */
export function checksCounted(summary: RunSummary): typeof ALL_CHECKS {
  return ALL_CHECKS.filter((check) => check.summary.some((counter) => Object.keys((summary[counter.name] ?? {}) as Record<string, Tally>).length > 0));
}

/** Verdicts and grades, then the counters of every check that counted some domain, in registry order. */
export function summaryGroups(summary: RunSummary): SummaryGroup[] {
  const groups: SummaryGroup[] = [
    { name: 'verdict', title: 'Verdict', entries: ordered(summary.verdict, VERDICT_ORDER) },
    { name: 'grade', title: 'Grade', entries: ordered(summary.grade, GRADE_ORDER) },
  ];
  for (const check of checksCounted(summary)) {
    for (const counter of check.summary) {
      const table = (summary[counter.name] ?? {}) as Record<string, Tally>;
      const title = counter.title ?? counter.label ?? counter.name;
      groups.push(counter.histogram ? { name: counter.name, title, entries: numeric(table), histogram: counter.histogram } : { name: counter.name, title, entries: Object.entries(table) });
    }
  }
  return groups;
}

/** The most frequent finding codes, most first. */
export function topFindings(summary: RunSummary, limit: number): [string, Tally][] {
  return Object.entries(summary.findings).slice(0, limit);
}

export const percent = (t: Tally): string => `${(t.share * 100).toFixed(1)}%`;
