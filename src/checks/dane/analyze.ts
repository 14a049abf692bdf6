/** DANE for SMTP (RFC 7672, RFC 6698): the TLSA records of each MX host, and whether DNSSEC vouches for them. */
import { dnsErrorFinding } from '../../findings/dns-error.js';
import type { CoreCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import { isFailure, type Resolver, type TlsaData } from '../../dns/types.js';
import { mailHosts } from '../mx/analyze.js';
import type { DaneCode } from './catalog.js';

export type DaneFinding = FindingData<DaneCode | CoreCode>;
/** valid: DNSSEC-secure TLSA with a usable record; insecure: TLSA without DNSSEC (senders ignore it); unusable: secure, but no record SMTP can use; none: no TLSA. */
export type DaneHostStatus = 'valid' | 'insecure' | 'unusable' | 'none' | 'error';
export type DaneStatus = 'valid' | 'partial' | 'none' | 'error';

export interface DaneResult {
  /** valid: every MX host has usable, secure TLSA; partial: some do; none: none does (or no MX host); error: a lookup failed. */
  status: DaneStatus;
  /** The MX answer was DNSSEC-validated (AD); null when it failed. */
  mxSecure: boolean | null;
  hosts: { host: string; status: DaneHostStatus; records: TlsaData[] }[];
  findings: DaneFinding[];
}

/** RFC 6698 §2.1.3 / RFC 7672 §3.1: digest lengths of matching types 1 (SHA-256) and 2 (SHA-512). */
const DIGEST_BYTES: Record<number, number> = { 1: 32, 2: 64 };

/** Why a record cannot be used for SMTP, or undefined: usages 2 (DANE-TA) and 3 (DANE-EE) only, known selector and matching type. */
function recordProblem(record: TlsaData): { code: 'DANE_USAGE_UNSUITABLE' | 'DANE_RECORD_INVALID'; detail: string } | undefined {
  if (record.usage === 0 || record.usage === 1) return { code: 'DANE_USAGE_UNSUITABLE', detail: `usage ${record.usage} (PKIX-${record.usage === 0 ? 'TA' : 'EE'})` };
  if (record.usage > 3) return { code: 'DANE_RECORD_INVALID', detail: `unknown usage ${record.usage}` };
  if (record.selector > 1) return { code: 'DANE_RECORD_INVALID', detail: `unknown selector ${record.selector}` };
  if (record.matchingType > 2) return { code: 'DANE_RECORD_INVALID', detail: `unknown matching type ${record.matchingType}` };
  const bytes = record.certificate.length / 2;
  const digest = DIGEST_BYTES[record.matchingType];
  if (digest !== undefined && bytes !== digest) return { code: 'DANE_RECORD_INVALID', detail: `${bytes}-byte data for matching type ${record.matchingType}, which needs ${digest}` };
  if (bytes === 0) return { code: 'DANE_RECORD_INVALID', detail: 'no association data' };
  return undefined;
}

export async function analyzeDane(domain: string, resolver: Resolver): Promise<DaneResult> {
  // The MX check asks the same question: from the run's cache, with its AD bit.
  const mx = await resolver.resolve(domain, 'MX');
  if (isFailure(mx)) return { status: 'error', mxSecure: null, hosts: [], findings: [dnsErrorFinding('dane', domain, 'MX', mx)] };
  const findings: DaneFinding[] = [];
  const hosts = await Promise.all(
    mailHosts(mx.status === 'answer' ? mx.records : []).map(async (host): Promise<DaneResult['hosts'][number]> => {
      const name = `_25._tcp.${host}`;
      const tlsa = await resolver.resolve(name, 'TLSA');
      if (isFailure(tlsa)) {
        findings.push(dnsErrorFinding('dane', name, 'TLSA', tlsa));
        return { host, status: 'error', records: [] };
      }
      if (tlsa.status !== 'answer') return { host, status: 'none', records: [] };
      const records = tlsa.records;
      // RFC 7672 §2.2: TLSA records not validated by DNSSEC are not used at all.
      if (tlsa.authenticated !== true) {
        findings.push({ code: 'DANE_NOT_SECURE', args: { host, name } });
        return { host, status: 'insecure', records };
      }
      let usable = 0;
      for (const record of records) {
        const problem = recordProblem(record);
        if (problem) findings.push({ code: problem.code, args: { host, name, detail: problem.detail } });
        else usable++;
      }
      return { host, status: usable > 0 ? 'valid' : 'unusable', records };
    }),
  );
  const mxSecure = mx.authenticated === true;
  const valid = hosts.filter((h) => h.status === 'valid').length;
  // RFC 7672 §2.2.1: an MX answer without DNSSEC can be forged to name a host of the attacker's, where no TLSA applies.
  if (valid > 0 && !mxSecure) findings.push({ code: 'DANE_MX_INSECURE', args: { domain } });
  if (hosts.length > 0 && hosts.every((h) => h.status === 'none')) findings.push({ code: 'DANE_MISSING', args: { domain } });
  const status: DaneStatus = hosts.some((h) => h.status === 'error') ? 'error' : valid === 0 ? 'none' : valid === hosts.length ? 'valid' : 'partial';
  return { status, mxSecure, hosts, findings };
}
