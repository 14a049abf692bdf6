/**
 * DNSSEC validation status (RFC 4033 §3.2, RFC 4035 §3.2.3, RFC 6840 §5.7): whether the resolver set AD
 * on the answers the other checks rest on. The questions are asked again through the domain's resolver,
 * whose run cache holds them already (shared in-flight lookups too), so this sends no query of its own
 * for the checks that ran; the MX hosts' addresses cost one query each unless --mx-targets asked them.
 */
import type { LookupResult, RecordType, Resolver } from '../../dns/types.js';
import { isFailure } from '../../dns/types.js';
import type { FindingData } from '../../findings/types.js';
import type { DmarcDiscovery } from '../../dmarc/types.js';
import type { DaneResult } from '../dane/analyze.js';
import { mailHosts, type MxResult } from '../mx/analyze.js';
import type { DnssecCode } from './catalog.js';

export type DnssecFinding = FindingData<DnssecCode>;
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

/** What the other checks that ran looked up (the DMARC check always runs). */
export interface Asked {
  dmarc: DmarcDiscovery | undefined;
  spf: unknown;
  mx: MxResult | undefined;
  mtaSts: unknown;
  tlsRpt: unknown;
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
  const recordSets = await Promise.all(questions(domain, asked).map(async (q): Promise<RecordSet> => ({ ...q, status: statusOf(await resolver.resolve(q.name, q.type)) })));
  const insecure = recordSets.filter((set) => set.status === 'insecure');
  const secure = recordSets.filter((set) => set.status === 'secure').length;
  const status: DnssecStatus = recordSets.some((set) => set.status === 'error') ? 'error' : insecure.length === 0 ? 'secure' : secure === 0 ? 'insecure' : 'partial';
  const findings: DnssecFinding[] = [];
  const names = insecure.map((set) => `${set.name} ${set.type}`).join(', ');
  // A lookup that failed is already a DNS_ERROR of the check that asked it; it is not repeated here.
  if (insecure.length > 0) findings.push(secure === 0 ? { code: 'DNSSEC_INSECURE', args: { domain, names } } : { code: 'DNSSEC_PARTIAL', args: { domain, names, count: insecure.length } });
  return { status, recordSets, findings };
}
