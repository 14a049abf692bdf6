/** MTA-STS (RFC 8461): the TXT record, the policy fetched over HTTPS, and whether it covers every MX host. */
import { dnsErrorFinding } from '../../findings/dns-error.js';
import type { CoreCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import { isFailure, type Resolver } from '../../dns/types.js';
import { DEFINITE_FAILURES, isHttpsFailure, type HttpsClient } from '../../http/types.js';
import { recordsOfVersion } from '../tag-list.js';
import { mailHosts } from '../mx/analyze.js';
import type { MtaStsCode } from './catalog.js';
import { mxMatches, parseStsPolicy, parseStsRecord, type StsPolicy } from './parse.js';

export type MtaStsFinding = FindingData<MtaStsCode | CoreCode>;
export type MtaStsStatus = 'enforce' | 'testing' | 'none' | 'missing' | 'invalid' | 'error';

export interface MtaStsResult {
  /** The policy's mode; missing: no record; invalid: senders can use no policy; error: DNS or HTTPS failed, so unknown. */
  status: MtaStsStatus;
  record: string | null;
  id: string | null;
  policy: StsPolicy | null;
  /** Whether each MX host matches an mx pattern of the policy; null without a policy or when the MX lookup failed. */
  mxCovered: { host: string; covered: boolean }[] | null;
  findings: MtaStsFinding[];
}

/** RFC 8461 §3.3: senders should cap the policy body; 64 KiB is the figure it gives. */
export const POLICY_MAX_BYTES = 64 * 1024;

const policyUrl = (domain: string): string => `https://mta-sts.${domain}/.well-known/mta-sts.txt`;

export async function analyzeMtaSts(domain: string, resolver: Resolver, https: HttpsClient): Promise<MtaStsResult> {
  const name = `_mta-sts.${domain}`;
  const result = (status: MtaStsStatus, findings: MtaStsFinding[], more: Partial<MtaStsResult> = {}): MtaStsResult => ({
    status,
    record: null,
    id: null,
    policy: null,
    mxCovered: null,
    findings,
    ...more,
  });
  const txt = await resolver.resolve(name, 'TXT');
  if (isFailure(txt)) return result('error', [dnsErrorFinding('mtaSts', name, 'TXT', txt)]);
  const records = recordsOfVersion(txt.status === 'answer' ? txt.records : [], 'STSv1');
  if (records.length === 0) return result('missing', [{ code: 'MTA_STS_MISSING', args: { domain } }, ...(await orphanPolicy(domain, resolver, https))]);
  if (records.length > 1) return result('invalid', [{ code: 'MTA_STS_RECORD_MULTIPLE', args: { name, count: records.length } }]);
  const record = records[0] as string;
  const parsed = parseStsRecord(record);
  if ('error' in parsed) return result('invalid', [{ code: 'MTA_STS_RECORD_INVALID', args: { name, detail: parsed.error } }], { record });

  const fetched = await fetchPolicy(domain, resolver, https);
  const base = { record, id: parsed.id };
  if ('status' in fetched) return result(fetched.status, fetched.findings, base);
  const { policy, shortMaxAge } = fetched;
  const findings: MtaStsFinding[] = [];
  if (shortMaxAge) findings.push({ code: 'MTA_STS_MAX_AGE_SHORT', args: { domain, maxAge: policy.maxAge } });
  if (policy.mode !== 'enforce') findings.push({ code: 'MTA_STS_NOT_ENFORCED', args: { domain, mode: policy.mode } });
  const mxCovered = await coverage(domain, resolver, policy, findings);
  return result(policy.mode, findings, { ...base, policy, mxCovered });
}

type Fetched = { policy: StsPolicy; shortMaxAge: boolean } | { status: 'invalid' | 'error'; findings: MtaStsFinding[] };

/** The policy as senders fetch it (§3.3): the policy host's address, HTTPS with a valid certificate, 200, text/plain, no redirect. */
async function fetchPolicy(domain: string, resolver: Resolver, https: HttpsClient): Promise<Fetched> {
  const host = `mta-sts.${domain}`;
  const invalid = (finding: MtaStsFinding): Fetched => ({ status: 'invalid', findings: [finding] });
  const [a, aaaa] = await Promise.all([resolver.resolve(host, 'A'), resolver.resolve(host, 'AAAA')]);
  if (a.status !== 'answer' && aaaa.status !== 'answer') {
    const failed = isFailure(a) ? a : isFailure(aaaa) ? aaaa : undefined;
    if (failed) return { status: 'error', findings: [dnsErrorFinding('mtaSts', host, failed === a ? 'A' : 'AAAA', failed)] };
    return invalid({ code: 'MTA_STS_POLICY_HOST_UNRESOLVED', args: { host } });
  }
  const url = policyUrl(domain);
  const response = await https.get(url, { maxBytes: POLICY_MAX_BYTES, accept: 'text/plain' });
  if (isHttpsFailure(response)) {
    const finding: MtaStsFinding = { code: 'MTA_STS_POLICY_FETCH_FAILED', args: { url, problem: response.status, detail: response.detail } };
    return { status: DEFINITE_FAILURES.has(response.status) ? 'invalid' : 'error', findings: [finding] };
  }
  if (response.code >= 300 && response.code < 400) return invalid({ code: 'MTA_STS_POLICY_REDIRECT', args: { url, code: response.code, location: response.location ?? '' } });
  // A server error may pass; any other status is the server's answer.
  if (response.code !== 200) return { status: response.code >= 500 ? 'error' : 'invalid', findings: [{ code: 'MTA_STS_POLICY_HTTP_STATUS', args: { url, code: response.code } }] };
  if (response.contentType !== 'text/plain') return invalid({ code: 'MTA_STS_POLICY_CONTENT_TYPE', args: { url, type: response.contentType ?? '(none)' } });
  const parsed = parseStsPolicy(response.body.toString('utf8'));
  if ('errors' in parsed) return invalid({ code: 'MTA_STS_POLICY_INVALID', args: { url, detail: parsed.errors.join('; ') } });
  return parsed;
}

/** §3.1: a policy served without the TXT record is never fetched by senders. Any failure here leaves it unsaid. */
async function orphanPolicy(domain: string, resolver: Resolver, https: HttpsClient): Promise<MtaStsFinding[]> {
  const host = `mta-sts.${domain}`;
  const [a, aaaa] = await Promise.all([resolver.resolve(host, 'A'), resolver.resolve(host, 'AAAA')]);
  if (a.status !== 'answer' && aaaa.status !== 'answer') return [];
  const response = await https.get(policyUrl(domain), { maxBytes: POLICY_MAX_BYTES, accept: 'text/plain' });
  if (isHttpsFailure(response) || response.code !== 200 || 'errors' in parseStsPolicy(response.body.toString('utf8'))) return [];
  return [{ code: 'MTA_STS_POLICY_WITHOUT_RECORD', args: { domain, url: policyUrl(domain) } }];
}

/** §4.1: each MX host must match a pattern, or under enforce mail to it fails; the MX answer is the MX check's, from the cache. */
async function coverage(domain: string, resolver: Resolver, policy: StsPolicy, findings: MtaStsFinding[]): Promise<MtaStsResult['mxCovered']> {
  const mx = await resolver.resolve(domain, 'MX');
  if (isFailure(mx)) {
    findings.push(dnsErrorFinding('mtaSts', domain, 'MX', mx));
    return null;
  }
  const covered = mailHosts(mx.status === 'answer' ? mx.records : []).map((host) => ({ host, covered: policy.mx.some((pattern) => mxMatches(pattern, host)) }));
  for (const { host, covered: ok } of covered) if (!ok && policy.mode !== 'none') findings.push({ code: 'MTA_STS_MX_NOT_COVERED', args: { host, mode: policy.mode, patterns: policy.mx.join(' ') } });
  return covered;
}
