/**
 * What the reports command reads: DMARC aggregate reports (RFC 9990; RFC 7489 appendix C) and SMTP
 * TLS reports (RFC 8460), as plain data once parsed. Everything in here came from a reporter and is
 * attacker-controlled: renderers escape it.
 */

/** One DKIM signature's result as the receiver saw it (RFC 9990 appendix A, DKIMAuthResultType). */
export interface DkimAuthResult {
  domain: string;
  /** Empty when the reporter left it out (optional before RFC 9990). */
  selector: string;
  /** Lower-cased: none, pass, fail, policy, neutral, temperror, permerror (others kept as sent). */
  result: string;
}

/** The SPF result for one identity (SPFAuthResultType). */
export interface SpfAuthResult {
  domain: string;
  /** mfrom or helo; empty when absent (RFC 7489 reports often leave it out). */
  scope: string;
  result: string;
}

/** One <record>: a source IP and the mail it sent with one set of results. */
export interface AggregateRecord {
  sourceIp: string;
  count: number;
  /** policy_evaluated: what the receiver did and its DMARC-aligned DKIM and SPF verdicts. */
  disposition: string;
  dkim: string;
  spf: string;
  /** policy_evaluated reason types (forwarded, mailing_list, local_policy…), lower case. */
  reasons: string[];
  /** The RFC 5322 From domain, normalized (lower case, A-labels). */
  headerFrom: string;
  /** MAIL FROM domain, empty when absent. */
  envelopeFrom: string;
  dkimResults: DkimAuthResult[];
  spfResults: SpfAuthResult[];
}

/** policy_published: the DMARC record the receiver applied. */
export interface PublishedPolicy {
  domain: string;
  p: string;
  sp: string;
  np: string;
  adkim: string;
  aspf: string;
  /** Legacy pct (RFC 7489), null when absent. */
  pct: number | null;
  /** RFC 9990 testing (t= of RFC 9989): "y" or "n", empty when absent. */
  testing: string;
}

export interface ReportMeta {
  orgName: string;
  email: string;
  reportId: string;
  /** date_range, seconds since the epoch (UTC). */
  begin: number;
  end: number;
  policy: PublishedPolicy;
}

export interface AggregateReport extends ReportMeta {
  /** Records with identical fields are merged (counts added): a report with a million rows from ten sources is ten records. */
  records: AggregateRecord[];
}

/** The key that makes two copies of a report the same report: reporter and report id (RFC 9990 §2.1). */
export function reportKey(meta: Pick<ReportMeta, 'orgName' | 'email' | 'reportId'>): string {
  // Some reporters send an empty org_name; their address then tells them apart.
  return `${meta.orgName || meta.email}\u0000${meta.reportId}`;
}

/** One policy of an RFC 8460 report, reduced to what the summary shows. */
export interface TlsPolicyResult {
  policyType: string;
  policyDomain: string;
  mxHosts: string[];
  successfulSessions: number;
  failedSessions: number;
  failures: { resultType: string; receivingMx: string; sessions: number }[];
}

export interface TlsReport {
  orgName: string;
  reportId: string;
  /** ISO 8601 as sent. */
  start: string;
  end: string;
  policies: TlsPolicyResult[];
}
