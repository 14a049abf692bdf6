/**
 * The readiness verdict, the fix for each blocking sender and the next DMARC policy step, as codes of
 * src/reports/catalog.ts and their facts. Pure. Policy tags and their order of strength: RFC 9989 §4.7.
 */
import type { FindingArgs } from '../findings/types.js';
import type { BlockerCode, StepCode } from './catalog.js';
import type { ServiceGroup } from './identify.js';
import type { CodedLiveDkim, CodedPolicyStep } from './output-schema.js';

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
  /** Today's keys of the aligned DKIM selectors its mail used. */
  keys: Pick<CodedLiveDkim, 'domain' | 'selector' | 'key'>[];
}

/** IPs named in a fix; the blocker lists them all. */
const IPS_NAMED = 3;

/** Keys that explain why aligned DKIM fails today, by judgement (a usable key explains nothing). */
function keyArgs(keys: BlockerFacts['keys']): FindingArgs {
  const names = (key: string): string => [...new Set(keys.filter((k) => k.key === key).map((k) => `${k.selector}._domainkey.${k.domain}`))].join(' ');
  const args: FindingArgs = { keysMissing: names('missing'), keysRevoked: names('revoked'), keysInvalid: names('invalid'), keysWeak: names('weak'), keysUnknown: names('error') };
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== ''));
}

/** The concrete change that makes this sender's mail pass DMARC. */
export function fixFor(f: BlockerFacts): { code: BlockerCode; args: FindingArgs } {
  const service = f.group.service;
  if (service) {
    const { returnPath } = service;
    const spf: FindingArgs = returnPath ? { returnPathSetup: returnPath.setup, ...(returnPath.spfInclude ? { spfInclude: returnPath.spfInclude } : {}) } : {};
    return { code: 'REPORTS_FIX_SERVICE', args: { domain: f.domain, service: service.name, dkimSetup: service.dkimSetup, ...spf, ...keyArgs(f.keys) } };
  }
  const sender: FindingArgs = f.group.kind === 'address' ? {} : { sender: f.group.name };
  const ips = { ips: f.ips.slice(0, IPS_NAMED).join(' '), ipCount: f.ips.length };
  return { code: 'REPORTS_FIX_SENDER', args: { domain: f.domain, ...sender, ...ips, spfDomain: f.alignedMailFrom[0] ?? f.domain, ...keyArgs(f.keys) } };
}

export interface CurrentPolicy {
  p: string;
  sp: string;
  np: string;
  testing: string;
}

const STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };
const strength = (tag: string, fallback: string): number => STRENGTH[tag || fallback] ?? 0;

const step = (action: CodedPolicyStep['action'], change: string | null, code: StepCode, args: FindingArgs = {}): CodedPolicyStep => ({ action, change, whyCode: { code, args } });

export function nextStep(verdict: Verdict, policy: CurrentPolicy): CodedPolicyStep {
  if (verdict === 'no-data') return step('collect-reports', null, 'REPORTS_STEP_COLLECT_REPORTS');
  const p = strength(policy.p, 'none');
  const npBelowReject = strength(policy.np, policy.sp || policy.p) < 2;
  if (verdict === 'not-ready') {
    // While senders are fixed, np=reject is safe: subdomains that do not exist send no legitimate mail.
    if (npBelowReject && p < 2) return step('np', 'np=reject', 'REPORTS_STEP_NP_WHILE_FIXING');
    return step('fix-senders', null, 'REPORTS_STEP_FIX_SENDERS', { enforcing: p === 0 ? 0 : 1 });
  }
  if (policy.testing === 'y' && p > 0) return step('testing-off', 't=n', 'REPORTS_STEP_TESTING_OFF');
  if (p === 0) return step('quarantine', 'p=quarantine', 'REPORTS_STEP_QUARANTINE');
  if (p === 1) return step('reject', 'p=reject', 'REPORTS_STEP_REJECT');
  if (strength(policy.sp, policy.p) < 2) return step('sp', 'sp=reject', 'REPORTS_STEP_SP');
  if (npBelowReject) return step('np', 'np=reject', 'REPORTS_STEP_NP');
  return step('done', null, 'REPORTS_STEP_DONE');
}
