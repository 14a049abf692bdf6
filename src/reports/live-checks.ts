/**
 * Today's DNS for a failing source: a report is history, so the advice says whether the problem is
 * already fixed. SPF through the project's check_host() (src/spf/check-host.ts); DKIM keys through the
 * DKIM check's probe and key parser (src/checks/dkim/).
 */
import { isUsable, probeDkim } from '../checks/dkim/probe.js';
import type { Resolver } from '../dns/types.js';
import type { FindingArgs, FindingData } from '../findings/types.js';
import { checkHost } from '../spf/check-host.js';
import type { DkimKeyCode } from './catalog.js';
import type { CodedLiveDkim } from './output-schema.js';

export interface SpfNow {
  domain: string;
  result: string;
  /** The matching term and the record that holds it, e.g. "include:sendgrid.net". */
  mechanism: string | null;
  mechanismDomain: string | null;
  reason: string;
}

export async function spfNow(ip: string, domain: string, resolver: Resolver): Promise<SpfNow> {
  const result = await checkHost({ ip, domain, sender: `postmaster@${domain}` }, resolver);
  return { domain, result: result.result, mechanism: result.mechanism, mechanismDomain: result.mechanismDomain, reason: result.reason };
}

/** Today's key at a selector, as the DKIM check judges it, and the code that words it. */
export interface DkimKeyNow {
  key: CodedLiveDkim['key'];
  detailCode: FindingData<DkimKeyCode | 'DNS_ERROR'> & { args: FindingArgs };
}

/** Today's key for `selector` at `domain`. */
export type DkimProbe = (selector: string, domain: string) => Promise<DkimKeyNow>;

/**
 * The DKIM check's own probe and key parser (src/checks/dkim/) on one selector, so a selector seen in
 * the reports is judged as the audit judges it: a key verifiers accept, one they refuse (revoked,
 * invalid, too weak), none, or a lookup that failed, which is never taken for "none".
 */
export function dkimKeyProbe(resolver: Resolver): DkimProbe {
  return async (selector, domain): Promise<DkimKeyNow> => {
    const name = `${selector}._domainkey.${domain}`;
    const probed = await probeDkim(domain, resolver, [selector], true);
    // One selector, asked directly: its failed lookup is the only DNS_ERROR the probe can report.
    const failure = probed.findings.find((finding) => finding.code === 'DNS_ERROR');
    if (failure) return { key: 'error', detailCode: { code: 'DNS_ERROR', args: failure.args ?? {} } };
    const found = probed.selectors[0];
    if (!found) return { key: 'missing', detailCode: { code: 'REPORTS_DKIM_KEY_MISSING', args: { name } } };
    if (isUsable(found)) return { key: 'usable', detailCode: { code: 'REPORTS_DKIM_KEY_USABLE', args: { name } } };
    if (found.status === 'revoked') return { key: 'revoked', detailCode: { code: 'REPORTS_DKIM_KEY_REVOKED', args: { name } } };
    if (found.status === 'invalid') return { key: 'invalid', detailCode: { code: 'REPORTS_DKIM_KEY_INVALID', args: { name, problem: found.problem ?? '' } } };
    // Valid but refused by verifiers (isUsable): an RSA key under 1024 bits, or h= without sha256 (RFC 8301).
    const why: FindingArgs = found.keyType === 'rsa' && (found.keyBits ?? 0) < 1024 ? { bits: found.keyBits ?? 0 } : { h: (found.hashAlgorithms ?? []).join(':') };
    return { key: 'weak', detailCode: { code: 'REPORTS_DKIM_KEY_WEAK', args: { name, ...why } } };
  };
}
