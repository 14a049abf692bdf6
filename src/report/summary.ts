import { ALL_CHECKS } from '../checks/registry.js';
import { isInputError } from './input-error.js';
import { sectionIn, type ReportData } from './report.js';

export interface Tally {
  count: number;
  /** Share of the audited domains (of all input lines, for inputErrors), 0–1, rounded to 4 places. */
  share: number;
}

/**
 * The numbers a measurement study reports, for a whole run: counts by verdict and grade, each check's
 * counters (dmarcPolicy, dmarcStatus, spfStatus, spfAll, spfLookups, …; see the registry), findings and errors.
 */
export interface RunSummary {
  /** Input lines and named domains: the audited ones and the input errors. */
  total: number;
  /** Domains audited: every tally but inputErrors counts these, so a bad line never reads as a DNS error. */
  audited: number;
  verdict: Record<string, Tally>;
  grade: Record<string, Tally>;
  /** Domains with each finding code (a domain counts once per code). */
  findings: Record<string, Tally>;
  /** Domains where some DNS lookup failed. */
  dnsErrors: Tally;
  /** Input lines that were not domains. */
  inputErrors: Tally;
  /** DNS queries sent on the wire (cache hits excluded). */
  dnsQueries: number;
  elapsedSeconds: number;
  domainsPerSecond: number;
  /** The domain whose audit took longest, from its start to its report (null when none was audited). */
  slowestDomain: { domain: string; seconds: number } | null;
  /** Each check's counters, by counter name. */
  [counter: string]: Record<string, Tally> | Tally | number | RunSummary['slowestDomain'];
}

const COUNTERS = ALL_CHECKS.flatMap((check) => check.summary.map((counter) => ({ check: check.id, ...counter })));

/**
 * What one report adds to the run summary, as plain data a worker thread can post: (counter, key) pairs,
 * flat, in the order a run meets them (so tables with equal counts list their keys in the same order).
 * An input error is audited by no check: it only counts as INPUT_INVALID, and not as an audited domain.
 * It reads the report of the contract, so a live run and `dmarc-audit report` over its saved NDJSON count alike.
 */
export type SummaryTally = readonly string[];

export function summaryTally(report: ReportData): SummaryTally {
  if (isInputError(report)) return ['findings', 'INPUT_INVALID'];
  const tally = ['verdict', report.verdict, 'grade', report.grade];
  for (const counter of COUNTERS) {
    const section = sectionIn(report, counter.check);
    if (section === undefined) continue;
    const key = counter.key(section);
    if (key !== null) tally.push(counter.name, key);
  }
  const codes = new Set<string>();
  for (const finding of report.findings) codes.add(finding.code);
  for (const code of codes) tally.push('findings', code);
  return tally;
}

/** Counts reports as they stream past; keeps only counters, never the reports. */
export class SummaryCollector {
  private total = 0;
  private audited = 0;
  private readonly groups = new Map<string, Map<string, number>>([
    ['verdict', new Map()],
    ['grade', new Map()],
    ...COUNTERS.map((counter): [string, Map<string, number>] => [counter.name, new Map()]),
    ['findings', new Map()],
  ]);

  private bump(group: string, key: string): void {
    const counts = this.groups.get(group) as Map<string, number>;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  /** One report's tally, from `summaryTally`. */
  add(tally: SummaryTally): void {
    this.total++;
    if (tally[0] === 'verdict') this.audited++;
    for (let i = 0; i < tally.length; i += 2) this.bump(tally[i] as string, tally[i + 1] as string);
  }

  summary(elapsedSeconds: number, dnsQueries: number, slowestDomain: RunSummary['slowestDomain'] = null): RunSummary {
    const share = (count: number, of: number): number => (of === 0 ? 0 : Math.round((count / of) * 10_000) / 10_000);
    const tally = (count: number): Tally => ({ count, share: share(count, this.audited) });
    const table = (group: Map<string, number>): Record<string, Tally> =>
      Object.fromEntries([...group.entries()].sort((a, b) => b[1] - a[1]).map(([key, count]) => [key, tally(count)]));
    const findings = this.groups.get('findings') as Map<string, number>;
    const tables = Object.fromEntries([...this.groups].map(([name, group]) => [name, table(group)]));
    return {
      total: this.total,
      audited: this.audited,
      ...tables,
      dnsErrors: tally(findings.get('DNS_ERROR') ?? 0),
      inputErrors: { count: findings.get('INPUT_INVALID') ?? 0, share: share(findings.get('INPUT_INVALID') ?? 0, this.total) },
      dnsQueries,
      elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000,
      domainsPerSecond: elapsedSeconds > 0 ? Math.round(this.total / elapsedSeconds) : 0,
      slowestDomain: slowestDomain && { domain: slowestDomain.domain, seconds: Math.round(slowestDomain.seconds * 1000) / 1000 },
    } as RunSummary;
  }
}
