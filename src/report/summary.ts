import type { AuditReport } from './schema.js';

export interface Tally {
  count: number;
  /** Share of all reports, 0–1, rounded to 4 places. */
  share: number;
}

/** The numbers a measurement study reports, for a whole run. */
export interface RunSummary {
  total: number;
  verdict: Record<string, Tally>;
  grade: Record<string, Tally>;
  /** Effective DMARC policy; "absent" when no record applies. */
  dmarcPolicy: Record<string, Tally>;
  dmarcStatus: Record<string, Tally>;
  spfStatus: Record<string, Tally>;
  spfAll: Record<string, Tally>;
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
}

/** Counts reports as they stream past; keeps only counters, never the reports. */
export class SummaryCollector {
  private total = 0;
  private readonly groups = {
    verdict: new Map<string, number>(),
    grade: new Map<string, number>(),
    dmarcPolicy: new Map<string, number>(),
    dmarcStatus: new Map<string, number>(),
    spfStatus: new Map<string, number>(),
    spfAll: new Map<string, number>(),
    findings: new Map<string, number>(),
  };

  add(report: AuditReport): void {
    this.total++;
    const bump = (group: keyof typeof this.groups, key: string): void => {
      this.groups[group].set(key, (this.groups[group].get(key) ?? 0) + 1);
    };
    bump('verdict', report.verdict);
    bump('grade', report.grade);
    bump('dmarcPolicy', report.dmarc.effectivePolicy ?? 'absent');
    bump('dmarcStatus', report.dmarc.status);
    bump('spfStatus', report.spf.status);
    bump('spfAll', report.spf.all ?? 'none');
    const codes = new Set<string>();
    for (const finding of report.findings) codes.add(finding.code);
    for (const code of codes) bump('findings', code);
  }

  summary(elapsedSeconds: number, dnsQueries: number): RunSummary {
    const tally = (count: number): Tally => ({ count, share: this.total === 0 ? 0 : Math.round((count / this.total) * 10_000) / 10_000 });
    const table = (group: Map<string, number>): Record<string, Tally> =>
      Object.fromEntries([...group.entries()].sort((a, b) => b[1] - a[1]).map(([key, count]) => [key, tally(count)]));
    return {
      total: this.total,
      verdict: table(this.groups.verdict),
      grade: table(this.groups.grade),
      dmarcPolicy: table(this.groups.dmarcPolicy),
      dmarcStatus: table(this.groups.dmarcStatus),
      spfStatus: table(this.groups.spfStatus),
      spfAll: table(this.groups.spfAll),
      findings: table(this.groups.findings),
      dnsErrors: tally(this.groups.findings.get('DNS_ERROR') ?? 0),
      inputErrors: tally(this.groups.findings.get('INPUT_INVALID') ?? 0),
      dnsQueries,
      elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000,
      domainsPerSecond: elapsedSeconds > 0 ? Math.round(this.total / elapsedSeconds) : 0,
    };
  }
}
