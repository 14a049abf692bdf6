/** SMTP TLS reports summed per policy domain: sessions, failures by result type and by MX host (RFC 8460 §4.3). */
import type { TlsSummary } from './output-schema.js';
import type { TlsReport } from './types.js';

export class TlsTally {
  private readonly byDomain = new Map<string, TlsSummary & { reporterSet: Set<string> }>();

  add(report: TlsReport): void {
    for (const policy of report.policies) {
      let s = this.byDomain.get(policy.policyDomain);
      if (!s) {
        s = { policyDomain: policy.policyDomain, reports: 0, reporters: [], reporterSet: new Set(), successfulSessions: 0, failedSessions: 0, failuresByResultType: {}, failuresByMx: {} };
        this.byDomain.set(policy.policyDomain, s);
      }
      s.reports++;
      s.reporterSet.add(report.orgName);
      s.successfulSessions += policy.successfulSessions;
      s.failedSessions += policy.failedSessions;
      for (const f of policy.failures) {
        s.failuresByResultType[f.resultType] = (s.failuresByResultType[f.resultType] ?? 0) + f.sessions;
        const mx = f.receivingMx || '(not given)';
        s.failuresByMx[mx] = (s.failuresByMx[mx] ?? 0) + f.sessions;
      }
    }
  }

  summaries(): TlsSummary[] {
    return [...this.byDomain.values()]
      .sort((a, b) => a.policyDomain.localeCompare(b.policyDomain))
      .map(({ reporterSet, ...s }) => ({ ...s, reporters: [...reporterSet].sort() }));
  }
}
