/**
 * BIMI (draft-brand-indicators-for-message-identification): the assertion record at
 * <selector>._bimi.<domain> (else at the organizational domain), the DMARC prerequisites mailbox
 * providers impose, and optionally (--bimi-fetch) the logo and certificate it points at.
 */
import { dnsErrorFinding } from '../../findings/dns-error.js';
import type { CoreCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import type { DmarcDiscovery } from '../../dmarc/types.js';
import { isFailure, type Resolver } from '../../dns/types.js';
import { DEFINITE_FAILURES, isHttpsFailure, type HttpsClient } from '../../http/types.js';
import { recordsOfVersion } from '../tag-list.js';
import type { BimiCode } from './catalog.js';
import { certificateProblems } from './certificate.js';
import { parseBimiRecord } from './record.js';
import { svgProblems } from './svg.js';

export type BimiFinding = FindingData<BimiCode | CoreCode>;
export type BimiStatus = 'valid' | 'declined' | 'missing' | 'invalid' | 'error';
/** What a fetch found: valid, invalid (the file breaks a rule), error (it could not be fetched, so unknown); null when not fetched. */
export type FetchedStatus = 'valid' | 'invalid' | 'error' | null;

export interface BimiResult {
  status: BimiStatus;
  selector: string;
  /** Where the record was found: <selector>._bimi.<domain>, or at the organizational domain. */
  source: string | null;
  record: string | null;
  logo: string | null;
  certificate: string | null;
  /** DMARC at the domain enforces as mailbox providers require; null when the DMARC lookup failed. */
  dmarcReady: boolean | null;
  logoStatus: FetchedStatus;
  certificateStatus: FetchedStatus;
  findings: BimiFinding[];
}

/** The SVG Tiny PS profile caps the logo at 32 KiB; a certificate chain is a few KiB. */
export const LOGO_MAX_BYTES = 32 * 1024;
export const CERTIFICATE_MAX_BYTES = 64 * 1024;

export interface BimiOptions {
  selector: string;
  fetch: boolean;
}

/** The DMARC prerequisites, each its own finding: BIMI is ignored unless DMARC enforces on the whole domain. */
function prerequisites(domain: string, dmarc: DmarcDiscovery | undefined): { ready: boolean | null; findings: BimiFinding[] } {
  if (!dmarc || dmarc.status === 'error') return { ready: null, findings: [] };
  const findings: BimiFinding[] = [];
  const record = dmarc.parsed;
  if (dmarc.effectivePolicy !== 'quarantine' && dmarc.effectivePolicy !== 'reject') findings.push({ code: 'BIMI_DMARC_NOT_ENFORCING', args: { domain, policy: dmarc.effectivePolicy ?? 'none (no usable record)' } });
  if (record?.sp === 'none') findings.push({ code: 'BIMI_DMARC_SP_NONE', args: { domain, source: dmarc.source ?? '' } });
  if (record?.pct !== undefined && record.pct < 100) findings.push({ code: 'BIMI_DMARC_PCT', args: { domain, pct: record.pct, source: dmarc.source ?? '' } });
  if (record?.t === 'y') findings.push({ code: 'BIMI_DMARC_TESTING', args: { domain, source: dmarc.source ?? '' } });
  return { ready: findings.length === 0, findings };
}

async function lookUp(name: string, resolver: Resolver): Promise<{ records: string[] } | { failure: BimiFinding }> {
  const txt = await resolver.resolve(name, 'TXT');
  if (isFailure(txt)) return { failure: dnsErrorFinding('bimi', name, 'TXT', txt) };
  return { records: recordsOfVersion(txt.status === 'answer' ? txt.records : [], 'BIMI1') };
}

export async function analyzeBimi(domain: string, resolver: Resolver, https: HttpsClient, dmarc: DmarcDiscovery | undefined, options: BimiOptions): Promise<BimiResult> {
  const base: BimiResult = { status: 'missing', selector: options.selector, source: null, record: null, logo: null, certificate: null, dmarcReady: null, logoStatus: null, certificateStatus: null, findings: [] };
  let source = `${options.selector}._bimi.${domain}`;
  let found = await lookUp(source, resolver);
  const org = dmarc?.organizationalDomain;
  // A domain without its own record uses its organizational domain's.
  if ('records' in found && found.records.length === 0 && org && org !== domain) {
    source = `${options.selector}._bimi.${org}`;
    found = await lookUp(source, resolver);
  }
  if ('failure' in found) return { ...base, status: 'error', findings: [found.failure] };
  if (found.records.length === 0) return { ...base, findings: [{ code: 'BIMI_MISSING', args: { domain, selector: options.selector } }] };
  if (found.records.length > 1) return { ...base, status: 'invalid', source, findings: [{ code: 'BIMI_MULTIPLE_RECORDS', args: { name: source, count: found.records.length } }] };
  const record = found.records[0] as string;
  const parsed = parseBimiRecord(record);
  if ('error' in parsed) return { ...base, status: 'invalid', source, record, findings: [{ code: 'BIMI_INVALID', args: { name: source, detail: parsed.error } }] };
  if (parsed.kind === 'declined') return { ...base, status: 'declined', source, record, findings: [{ code: 'BIMI_DECLINED', args: { domain } }] };

  const { ready, findings } = prerequisites(domain, dmarc);
  if (parsed.certificate === null) findings.push({ code: 'BIMI_NO_CERTIFICATE', args: { domain } });
  const result: BimiResult = { ...base, status: 'valid', source, record, logo: parsed.logo, certificate: parsed.certificate, dmarcReady: ready, findings };
  if (!options.fetch) return result;
  const [logoStatus, certificateStatus] = await Promise.all([
    checkFetched(https, parsed.logo, 'logo', findings, (body) => svgProblems(body.toString('utf8'))),
    parsed.certificate === null ? null : checkFetched(https, parsed.certificate, 'certificate', findings, (body) => certificateProblems(body.toString('utf8'), domain, new Date())),
  ]);
  return { ...result, logoStatus, certificateStatus };
}

/** Fetches one file and judges it; findings say why it is not valid. */
async function checkFetched(
  https: HttpsClient,
  url: string,
  what: 'logo' | 'certificate',
  findings: BimiFinding[],
  problemsOf: (body: Buffer) => { problem: string; detail: string }[],
): Promise<FetchedStatus> {
  const logo = what === 'logo';
  const response = await https.get(url, logo ? { maxBytes: LOGO_MAX_BYTES, accept: 'image/svg+xml' } : { maxBytes: CERTIFICATE_MAX_BYTES, accept: 'application/pem-certificate-chain' });
  if (isHttpsFailure(response)) {
    findings.push({ code: 'BIMI_FETCH_FAILED', args: { what, url, problem: response.status, detail: response.detail } });
    return DEFINITE_FAILURES.has(response.status) ? 'invalid' : 'error';
  }
  if (response.code !== 200) {
    findings.push({ code: 'BIMI_FETCH_FAILED', args: { what, url, problem: `HTTP ${response.code}`, detail: response.location ? `redirect to ${response.location}, not followed` : `status ${response.code}` } });
    return response.code >= 500 ? 'error' : 'invalid';
  }
  const problems = logo && response.contentType !== 'image/svg+xml' ? [{ problem: 'content-type', detail: `served as ${response.contentType ?? '(no type)'}` }] : problemsOf(response.body);
  for (const { problem, detail } of problems) findings.push({ code: logo ? 'BIMI_LOGO_INVALID' : 'BIMI_CERTIFICATE_INVALID', args: { url, problem, detail } });
  return problems.length === 0 ? 'valid' : 'invalid';
}
