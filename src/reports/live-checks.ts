/**
 * Today's DNS for a failing source: a report is history, so the advice says whether the problem is
 * already fixed. SPF through the project's check_host() (src/spf/check-host.ts); DKIM through an
 * injected probe, so the DKIM check can take over from the plain key lookup used here.
 */
import { isFailure, type Resolver } from '../dns/types.js';
import { checkHost } from '../spf/check-host.js';

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

export interface DkimKeyStatus {
  status: 'published' | 'missing' | 'error';
  detail: string;
}

/** Whether a DKIM key is published for `selector` at `domain`; the DKIM check replaces this later. */
export type DkimProbe = (selector: string, domain: string) => Promise<DkimKeyStatus>;

/**
 * The plain probe: a TXT lookup of <selector>._domainkey.<domain> (RFC 6376 §3.6.2.1). It tells
 * whether a key record is there, not whether the key is valid (an empty p= is a revoked key, §3.6.1).
 */
export function txtDkimProbe(resolver: Resolver): DkimProbe {
  return async (selector, domain) => {
    const name = `${selector}._domainkey.${domain}`;
    const answer = await resolver.resolve(name, 'TXT');
    if (isFailure(answer)) return { status: 'error', detail: `TXT ${name} failed: ${answer.status} (${answer.detail})` };
    if (answer.status !== 'answer') return { status: 'missing', detail: `no TXT record at ${name} (${answer.status.toUpperCase()})` };
    const key = answer.records.find((txt) => /(^|;)\s*p=/.test(txt));
    if (!key) return { status: 'missing', detail: `TXT at ${name} holds no DKIM key (no p= tag)` };
    if (/(^|;)\s*p=\s*(;|$)/.test(key)) return { status: 'missing', detail: `the key at ${name} is revoked (empty p=)` };
    return { status: 'published', detail: `a key is published at ${name}` };
  };
}
