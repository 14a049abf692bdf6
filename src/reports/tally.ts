/**
 * The first stage of the analysis: every record of every report in the window, added up per From
 * domain and source IP. Pure and incremental, so reports are folded in as they are read (or as they
 * come out of the database) and memory grows with distinct sources, not with reports.
 */
import type { AggregateRecord, PublishedPolicy, ReportMeta } from './types.js';
import { reportKey } from './types.js';

/** policy_evaluated reasons under which receivers deliver failing mail anyway: forwarding (RFC 9990 appendix A). */
export const FORWARDING_REASONS: readonly string[] = ['forwarded', 'mailing_list', 'trusted_forwarder'];

export type Counts = Record<string, number>;

export interface AuthTally {
  domain: string;
  /** DKIM selector or SPF scope. */
  detail: string;
  result: string;
  messages: number;
}

export interface SourceTally {
  ip: string;
  messages: number;
  /** Aligned DKIM pass or aligned SPF pass, as the receivers evaluated it. */
  dmarcPass: number;
  dkimAlignedPass: number;
  spfAlignedPass: number;
  /** Failing messages the receivers marked as forwarded or from a mailing list. */
  forwardedFailing: number;
  dispositions: Counts;
  reasons: Counts;
  dkim: Map<string, AuthTally>;
  spf: Map<string, AuthTally>;
  envelopeFrom: Counts;
  reporters: Set<string>;
}

export interface DomainTally {
  domain: string;
  messages: number;
  dmarcPass: number;
  dispositions: Counts;
  reasons: Counts;
  reports: Set<string>;
  reporters: Set<string>;
  begin: number;
  end: number;
  /** The policy_published of the most recent report. */
  policy: PublishedPolicy;
  policyEnd: number;
  sources: Map<string, SourceTally>;
}

const bump = (counts: Counts, key: string, by: number): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

function addAuth(map: Map<string, AuthTally>, domain: string, detail: string, result: string, messages: number): void {
  const key = `${domain}\u0000${detail}\u0000${result}`;
  const known = map.get(key);
  if (known) known.messages += messages;
  else map.set(key, { domain, detail, result, messages });
}

export class ReportTally {
  readonly domains = new Map<string, DomainTally>();

  add(meta: ReportMeta, record: AggregateRecord): void {
    const reporter = meta.orgName || meta.email;
    const domain = this.domain(record.headerFrom, meta);
    domain.reports.add(reportKey(meta));
    domain.reporters.add(reporter);
    domain.begin = Math.min(domain.begin, meta.begin);
    domain.end = Math.max(domain.end, meta.end);
    if (meta.end >= domain.policyEnd) {
      domain.policy = meta.policy;
      domain.policyEnd = meta.end;
    }
    const n = record.count;
    const pass = record.dkim === 'pass' || record.spf === 'pass';
    domain.messages += n;
    if (pass) domain.dmarcPass += n;
    bump(domain.dispositions, record.disposition || 'unknown', n);
    for (const reason of record.reasons) bump(domain.reasons, reason, n);

    const source = this.source(domain, record.sourceIp);
    source.messages += n;
    if (pass) source.dmarcPass += n;
    if (record.dkim === 'pass') source.dkimAlignedPass += n;
    if (record.spf === 'pass') source.spfAlignedPass += n;
    if (!pass && record.reasons.some((r) => FORWARDING_REASONS.includes(r))) source.forwardedFailing += n;
    bump(source.dispositions, record.disposition || 'unknown', n);
    for (const reason of record.reasons) bump(source.reasons, reason, n);
    for (const d of record.dkimResults) addAuth(source.dkim, d.domain, d.selector, d.result, n);
    for (const s of record.spfResults) addAuth(source.spf, s.domain, s.scope, s.result, n);
    if (record.envelopeFrom) bump(source.envelopeFrom, record.envelopeFrom, n);
    source.reporters.add(reporter);
  }

  /** The tally of `name`, empty when no report covers it: its verdict is no-data. */
  domainOrEmpty(name: string): DomainTally {
    const empty: PublishedPolicy = { domain: name, p: '', sp: '', np: '', adkim: '', aspf: '', pct: null, testing: '' };
    return this.domains.get(name) ?? this.domain(name, { orgName: '', email: '', reportId: '', begin: 0, end: 0, policy: empty });
  }

  /** A report without records still says the policy domain had reports: no data, rather than absent. */
  noteEmptyReport(meta: ReportMeta): void {
    this.domain(meta.policy.domain, meta).reports.add(reportKey(meta));
  }

  private domain(name: string, meta: ReportMeta): DomainTally {
    let domain = this.domains.get(name);
    if (!domain) {
      domain = { domain: name, messages: 0, dmarcPass: 0, dispositions: {}, reasons: {}, reports: new Set(), reporters: new Set(), begin: meta.begin, end: meta.end, policy: meta.policy, policyEnd: meta.end, sources: new Map() };
      this.domains.set(name, domain);
    }
    return domain;
  }

  private source(domain: DomainTally, ip: string): SourceTally {
    let source = domain.sources.get(ip);
    if (!source) {
      source = { ip, messages: 0, dmarcPass: 0, dkimAlignedPass: 0, spfAlignedPass: 0, forwardedFailing: 0, dispositions: {}, reasons: {}, dkim: new Map(), spf: new Map(), envelopeFrom: {}, reporters: new Set() };
      domain.sources.set(ip, source);
    }
    return source;
  }
}
