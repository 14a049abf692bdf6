/**
 * A domain that sends no mail — a null MX (RFC 7505), or SPF "v=spf1 -all" — is safe only when receivers
 * can tell: SPF "v=spf1 -all" fails every sender and DMARC p=reject rejects what fails. Without both,
 * it is the domain an attacker picks (M3AAWG "Protecting Parked Domains", RFC 9989 §4.7 np).
 */
import type { DmarcDiscovery } from '../../dmarc/types.js';
import type { SpfAnalysis } from '../../spf/types.js';
import type { MxFinding, MxResult } from './analyze.js';

const sendsNothing = (spf: SpfAnalysis | undefined): boolean => spf?.record?.trim().toLowerCase().split(/[ \t]+/).join(' ') === 'v=spf1 -all';

/** NO_MAIL_DOMAIN_UNPROTECTED with the records to publish, or nothing; nothing too when a DNS failure hides the answer. */
export function noMailFindings(domain: string, mx: MxResult, dmarc: DmarcDiscovery | undefined, spf: SpfAnalysis | undefined): MxFinding[] {
  const because = mx.status === 'null' ? 'it publishes a null MX' : sendsNothing(spf) ? 'its SPF record is "v=spf1 -all"' : '';
  if (!because || dmarc?.status === 'error' || spf?.status === 'error') return [];
  const missing: string[] = [];
  const publish: string[] = [];
  if (dmarc?.effectivePolicy !== 'reject') {
    missing.push('a DMARC policy of reject');
    publish.push(`_dmarc.${domain} TXT "v=DMARC1; p=reject; sp=reject; np=reject"`);
  }
  if (spf && !sendsNothing(spf)) {
    missing.push('SPF "v=spf1 -all"');
    publish.push(`${domain} TXT "v=spf1 -all"`);
  }
  if (missing.length === 0) return [];
  if (mx.status !== 'null' && mx.status !== 'ok') publish.push(`${domain} MX 0 .`);
  return [{ code: 'NO_MAIL_DOMAIN_UNPROTECTED', args: { domain, because, missing: missing.join('|'), publish: publish.join('|') } }];
}
