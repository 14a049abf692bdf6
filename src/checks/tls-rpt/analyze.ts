/** TLS-RPT (RFC 8460 §3): the _smtp._tls record and its report destinations. */
import { dnsErrorFinding } from '../../findings/dns-error.js';
import type { CoreCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import { isFailure, type Resolver } from '../../dns/types.js';
import { parseTagList, recordsOfVersion } from '../tag-list.js';
import type { TlsRptCode } from './catalog.js';

export type TlsRptFinding = FindingData<TlsRptCode | CoreCode>;
export type TlsRptStatus = 'valid' | 'missing' | 'invalid' | 'error';

export interface TlsRptResult {
  status: TlsRptStatus;
  record: string | null;
  /** The usable rua URIs. */
  rua: string[];
  findings: TlsRptFinding[];
}

/** Why a rua URI is unusable (§3: mailto: with an address, or https:), or undefined when it is fine. */
export function uriProblem(uri: string): string | undefined {
  if (/^mailto:/i.test(uri)) return /^mailto:[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$/i.test(uri) ? undefined : 'not a mailto: URI with an address';
  if (/^https:/i.test(uri)) {
    try {
      return new URL(uri).hostname ? undefined : 'an https: URI without a host';
    } catch {
      return 'not a valid https: URI';
    }
  }
  return 'neither mailto: nor https:';
}

/** Reads the record; `deployed` names what makes a missing record worth a warning (MTA-STS, DANE), or is empty. */
export async function analyzeTlsRpt(domain: string, resolver: Resolver, deployed: string): Promise<TlsRptResult> {
  const name = `_smtp._tls.${domain}`;
  const txt = await resolver.resolve(name, 'TXT');
  if (isFailure(txt)) return { status: 'error', record: null, rua: [], findings: [dnsErrorFinding('tlsRpt', name, 'TXT', txt)] };
  const records = recordsOfVersion(txt.status === 'answer' ? txt.records : [], 'TLSRPTv1');
  if (records.length === 0) return { status: 'missing', record: null, rua: [], findings: deployed ? [{ code: 'TLSRPT_MISSING', args: { domain, deployed } }] : [] };
  if (records.length > 1) return { status: 'invalid', record: null, rua: [], findings: [{ code: 'TLSRPT_MULTIPLE_RECORDS', args: { name, count: records.length } }] };
  const record = records[0] as string;
  const invalid = (detail: string): TlsRptResult => ({ status: 'invalid', record, rua: [], findings: [{ code: 'TLSRPT_INVALID', args: { name, detail } }] });
  const list = parseTagList(record, 'TLSRPTv1');
  if (!list.ok) return invalid(list.error);
  const rua = list.tags.get('rua');
  if (rua === undefined) return invalid('no rua field');
  const findings: TlsRptFinding[] = [];
  const usable: string[] = [];
  for (const uri of rua.split(',').map((part) => part.trim())) {
    const problem = uriProblem(uri);
    if (problem) findings.push({ code: 'TLSRPT_BAD_URI', args: { name, uri, problem } });
    else usable.push(uri);
  }
  if (usable.length === 0) return { status: 'invalid', record, rua: [], findings: [...findings, ...invalid('no usable rua URI').findings] };
  return { status: 'valid', record, rua: usable, findings };
}
