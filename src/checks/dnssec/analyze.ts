/**
 * DNSSEC validation status (RFC 4033 §3.2, RFC 4035 §3.2.3, RFC 6840 §5.7): whether the resolver set AD
 * on the answers the other checks rest on. The questions are asked again through the domain's resolver,
 * whose run cache holds them already (shared in-flight lookups too), so this sends no query of its own
 * for the checks that ran; the MX hosts' addresses cost one query each unless --mx-targets asked them.
 */
import type { LookupResult, RecordType, Resolver } from '../../dns/types.js';
import { isFailure } from '../../dns/types.js';
import { dnsErrorFinding } from '../../findings/dns-error.js';
import type { CoreCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import type { DmarcDiscovery } from '../../dmarc/types.js';
import type { DaneResult } from '../dane/analyze.js';
import { mailHosts, type MxResult } from '../mx/analyze.js';
import type { DnssecCode } from './catalog.js';

export type DnssecFinding = FindingData<DnssecCode | CoreCode>;
export type RecordSetStatus = 'secure' | 'insecure' | 'error';
export type DnssecStatus = 'secure' | 'insecure' | 'partial' | 'error';

export interface RecordSet {
  /** What the answer is for: dmarc, spf, mx, mx-host, mta-sts, tls-rpt, tlsa. */
  of: string;
  name: string;
  type: RecordType;
  /** secure: AD set (also on NXDOMAIN or NODATA: authenticated denial); insecure: AD clear; error: the lookup failed. */
  status: RecordSetStatus;
  /** The domain's own names, or its MX hosts' (mx-host, tlsa). */
  scope: 'domain' | 'mx';
}

export interface DnssecResult {
  /** error: some lookup failed; else secure (all AD), insecure (none), partial. */
  status: DnssecStatus;
  recordSets: RecordSet[];
  findings: DnssecFinding[];
}

type Reported = { findings: readonly FindingData[] } | undefined;

/** What the other checks that ran looked up (the DMARC check always runs). */
export interface Asked {
  dmarc: (DmarcDiscovery & Reported) | undefined;
  spf: Reported;
  mx: MxResult | undefined;
  mtaSts: Reported;
  tlsRpt: Reported;
  dane: DaneResult | undefined;
}

type Question = Omit<RecordSet, 'status'>;

function questions(domain: string, asked: Asked): Question[] {
  const list: Question[] = [{ of: 'dmarc', name: `_dmarc.${domain}`, type: 'TXT', scope: 'domain' }];
  const source = asked.dmarc?.source;
  if (source && source !== `_dmarc.${domain}`) list.push({ of: 'dmarc', name: source, type: 'TXT', scope: 'domain' });
  if (asked.spf) list.push({ of: 'spf', name: domain, type: 'TXT', scope: 'domain' });
  if (asked.mx) {
    list.push({ of: 'mx', name: domain, type: 'MX', scope: 'domain' });
    for (const host of mailHosts(asked.mx.hosts)) list.push({ of: 'mx-host', name: host, type: 'A', scope: 'mx' });
  }
  if (asked.mtaSts) list.push({ of: 'mta-sts', name: `_mta-sts.${domain}`, type: 'TXT', scope: 'domain' });
  if (asked.tlsRpt) list.push({ of: 'tls-rpt', name: `_smtp._tls.${domain}`, type: 'TXT', scope: 'domain' });
  for (const { host } of asked.dane?.hosts ?? []) list.push({ of: 'tlsa', name: `_25._tcp.${host}`, type: 'TLSA', scope: 'mx' });
  return list;
}

const statusOf = (result: LookupResult): RecordSetStatus => (isFailure(result) ? 'error' : result.authenticated === true ? 'secure' : 'insecure');

export async function analyzeDnssec(domain: string, resolver: Resolver, asked: Asked): Promise<DnssecResult> {
  const findings: DnssecFinding[] = [];
  // A failure another check reported is its DNS_ERROR already; the MX hosts' addresses may be asked here only.
  const reported = new Set(Object.values(asked).flatMap((result: Reported) => result?.findings ?? []).filter((f) => f.code === 'DNS_ERROR').map((f) => `${f.args?.name} ${f.args?.type}`));
  const recordSets = await Promise.all(
    questions(domain, asked).map(async (q): Promise<RecordSet> => {
      const result = await resolver.resolve(q.name, q.type);
      if (isFailure(result) && !reported.has(`${q.name} ${q.type}`)) findings.push(dnsErrorFinding('dnssec', q.name, q.type, result));
      return { ...q, status: statusOf(result) };
    }),
  );
  const insecure = recordSets.filter((set) => set.status === 'insecure');
  const secure = recordSets.filter((set) => set.status === 'secure').length;
  const status: DnssecStatus = recordSets.some((set) => set.status === 'error') ? 'error' : insecure.length === 0 ? 'secure' : secure === 0 ? 'insecure' : 'partial';
  const names = insecure.map((set) => `${set.name} ${set.type}`).join(', ');
  if (insecure.length > 0) findings.push(secure === 0 ? { code: 'DNSSEC_INSECURE', args: { domain, names } } : { code: 'DNSSEC_PARTIAL', args: { domain, names, count: insecure.length } });
  return { status, recordSets, findings };
}
