/**
 * The readiness verdict, the fix for each blocking sender and the next DMARC policy step. Pure.
 * Policy tags and their order of strength: RFC 9989 §4.7 (p, sp, np, t).
 */
import type { ServiceGroup } from './identify.js';
import type { PolicyStep } from './output-schema.js';

export type Verdict = 'ready' | 'not-ready' | 'no-data';

/** ready when enforcement would block less than `threshold` of the mail from legitimate sources. */
export function readiness(messages: number, legitimateMessages: number, blocking: number, threshold: number): Verdict {
  if (messages === 0) return 'no-data';
  if (blocking === 0) return 'ready';
  return blocking / legitimateMessages < threshold ? 'ready' : 'not-ready';
}

export interface BlockerFacts {
  group: ServiceGroup;
  domain: string;
  ips: string[];
  /** MAIL FROM domains seen that are in the From domain's tree (SPF could align), most used first. */
  alignedMailFrom: string[];
  /** Aligned DKIM selectors seen whose key today's DNS does not have. */
  missingKeys: string[];
}

const listed = (ips: string[]): string => (ips.length <= 3 ? ips.join(', ') : `${ips.slice(0, 3).join(', ')} and ${ips.length - 3} more`);

/** The concrete change that makes this sender's mail pass DMARC. */
export function fixFor(f: BlockerFacts): string {
  const keys = f.missingKeys.length > 0 ? ` (no DKIM key is published today at ${f.missingKeys.join(', ')})` : '';
  const service = f.group.service;
  if (service) {
    const spf = service.returnPathSetup
      ? `, or align SPF with ${service.returnPathSetup}${service.spfIncludes[0] ? ` and include:${service.spfIncludes[0]} in that domain's SPF record` : ''}`
      : '';
    return `sign with DKIM d=${f.domain} at ${service.name} (${service.dkimSetup})${spf}${keys}`;
  }
  const where = f.group.kind === 'address' ? listed(f.ips) : `${f.group.name} (${listed(f.ips)})`;
  const spfDomain = f.alignedMailFrom[0] ?? f.domain;
  const range = f.ips.length === 1 ? `${f.ips[0]!.includes(':') ? 'ip6' : 'ip4'}:${f.ips[0]}` : 'its addresses';
  return `sign with DKIM d=${f.domain} on ${where}, or send with a MAIL FROM in ${f.domain} and add ${range} to the SPF record of ${spfDomain}${keys}`;
}

export interface CurrentPolicy {
  p: string;
  sp: string;
  np: string;
  testing: string;
}

const STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };
const strength = (tag: string, fallback: string): number => STRENGTH[tag || fallback] ?? 0;

export function nextStep(verdict: Verdict, policy: CurrentPolicy): PolicyStep {
  if (verdict === 'no-data') {
    return { action: 'collect-reports', change: null, why: 'No aggregate report covers this domain in the window: check that the DMARC record has rua= and that reports arrive, then run this again.' };
  }
  const p = strength(policy.p, 'none');
  const npBelowReject = strength(policy.np, policy.sp || policy.p) < 2;
  if (verdict === 'not-ready') {
    const meanwhile = npBelowReject ? ' Meanwhile np=reject is safe: subdomains that do not exist send no legitimate mail.' : '';
    if (npBelowReject && p < 2) return { action: 'np', change: 'np=reject', why: `Fix the blocking senders before raising p.${meanwhile}` };
    return { action: 'fix-senders', change: null, why: p === 0 ? 'Fix the blocking senders first: enforcing now would block their mail.' : 'Fix the blocking senders: the current policy already stops their mail at receivers that enforce it.' };
  }
  if (policy.testing === 'y' && p > 0) return { action: 'testing-off', change: 't=n', why: 't=y makes receivers apply one level less than p; the reports show no legitimate mail would be blocked.' };
  if (p === 0) return { action: 'quarantine', change: 'p=quarantine', why: 'Legitimate mail passes DMARC: quarantine failing mail, watch the reports for a while, then move to p=reject.' };
  if (p === 1) return { action: 'reject', change: 'p=reject', why: 'Legitimate mail passes DMARC and quarantine has been in place: reject failing mail.' };
  if (strength(policy.sp, policy.p) < 2) return { action: 'sp', change: 'sp=reject', why: 'p=reject protects the domain, but subdomains get a weaker sp.' };
  if (npBelowReject) return { action: 'np', change: 'np=reject', why: 'p=reject protects the domain, but non-existent subdomains get a weaker np.' };
  return { action: 'done', change: null, why: 'The domain is at p=reject and the reports show legitimate mail passing: keep watching them.' };
}
