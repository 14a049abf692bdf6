/**
 * Who a source IP is and whether it sends legitimately as the domain, from what the reports say
 * (DMARC results, DKIM d=, MAIL FROM) and what today's DNS says (forward-confirmed PTR, check_host()).
 * Pure: the lookups are done before (src/reports/analyze.ts).
 */
import type { FindingArgs } from '../findings/types.js';
import type { SourceCode } from './catalog.js';
import type { PtrResult } from './ptr.js';
import type { SpfNow } from './live-checks.js';
import { SENDER_CATALOG, underDomain, type SenderService } from './sender-catalog.js';
import type { SourceTally } from './tally.js';

export interface SourceFacts {
  tally: SourceTally;
  ptr: PtrResult | null;
  spf: SpfNow | null;
}

export interface ServiceGroup {
  id: string;
  name: string;
  kind: 'catalog' | 'own' | 'ptr' | 'address' | 'unidentified';
  docs: string | null;
  service: SenderService | null;
}

/** Why a source is classified as it is: a code of src/reports/catalog.ts and its facts. */
export interface Why {
  code: SourceCode;
  args: FindingArgs;
}

export interface Identity {
  group: ServiceGroup;
  classification: 'legitimate' | 'forwarded' | 'unidentified';
  why: Why;
}

/**
 * Whether an authenticated domain is in the From domain's tree (the same name, a parent or a
 * subdomain): relaxed alignment for the usual case where they share the organizational domain.
 * The DMARC verdict itself is always the receiver's (policy_evaluated), never this.
 */
export const inDomainTree = (name: string, from: string): boolean => name !== '' && (underDomain(name, from) || underDomain(from, name));

/** The last two labels: the part of a provider's SPF include its nested records share. */
const lastTwoLabels = (name: string): string => name.split('.').slice(-2).join('.');

interface CatalogMatch {
  service: SenderService;
  /** The facts that matched it, as the source codes' args (service, matchedBy, matched, mechanism). */
  args: FindingArgs;
}

function catalogMatch(facts: SourceFacts): CatalogMatch | null {
  const ptrName = facts.ptr?.status === 'confirmed' ? facts.ptr.name : null;
  const dkimDomains = [...facts.tally.dkim.values()].map((d) => d.domain);
  const mailFrom = [...facts.tally.spf.values()].map((s) => s.domain);
  for (const service of SENDER_CATALOG) {
    const matched = (matchedBy: string, name: string, more: FindingArgs = {}): CatalogMatch => ({ service, args: { service: service.name, matchedBy, matched: name, ...more } });
    const includeZones = service.spfIncludes.map(lastTwoLabels);
    if (ptrName && service.ptrSuffixes.some((s) => underDomain(ptrName, s))) return matched('ptr', ptrName);
    const mechanismDomain = facts.spf?.result === 'pass' ? facts.spf.mechanismDomain : null;
    if (mechanismDomain && includeZones.some((z) => underDomain(mechanismDomain, z))) return matched('spf', mechanismDomain, { mechanism: facts.spf?.mechanism ?? '' });
    const signer = dkimDomains.find((d) => service.dkimDomains.some((s) => underDomain(d, s)));
    if (signer) return matched('dkim', signer);
    const bounce = mailFrom.find((d) => [...service.mailFromDomains, ...service.dkimDomains, ...includeZones].some((s) => underDomain(d, s)));
    if (bounce) return matched('mail-from', bounce);
  }
  return null;
}

/** Why this source sends for the domain, or null when nothing shows it does. */
function legitimacy(facts: SourceFacts, from: string, policyDomain: string, service: SenderService | null): Why | null {
  const { tally } = facts;
  if (tally.dmarcPass > 0) return { code: 'REPORTS_SOURCE_PASSES_DMARC', args: { dmarcPass: tally.dmarcPass, messages: tally.messages } };
  if (facts.spf?.result === 'pass') return { code: 'REPORTS_SOURCE_SPF_AUTHORIZED', args: { spfDomain: facts.spf.domain, spfMechanism: facts.spf.mechanism ?? '' } };
  const ptrName = facts.ptr?.status === 'confirmed' ? facts.ptr.name : null;
  if (ptrName && (underDomain(ptrName, from) || underDomain(ptrName, policyDomain))) return { code: 'REPORTS_SOURCE_OWN_PTR', args: { ptr: ptrName } };
  const signature = [...tally.dkim.values()].find((d) => inDomainTree(d.domain, from));
  if (signature) return { code: 'REPORTS_SOURCE_SIGNS_AS_DOMAIN', args: { dkimDomain: signature.domain } };
  if (service && !service.shared) return { code: 'REPORTS_SOURCE_SENDING_SERVICE', args: {} };
  return null;
}

export function identifySource(facts: SourceFacts, from: string, policyDomain: string): Identity {
  const match = catalogMatch(facts);
  const service = match?.service ?? null;
  const ptrName = facts.ptr?.status === 'confirmed' ? facts.ptr.name : null;
  const legit = legitimacy(facts, from, policyDomain, service);
  const group = groupOf(facts, service, ptrName, from, policyDomain, legit !== null);
  const failing = facts.tally.messages - facts.tally.dmarcPass;
  if (legit) return { group, classification: 'legitimate', why: { code: legit.code, args: { ...legit.args, ...match?.args } } };
  if (failing > 0 && facts.tally.forwardedFailing === failing) return { group, classification: 'forwarded', why: { code: 'REPORTS_SOURCE_FORWARDED', args: {} } };
  if (match) return { group, classification: 'unidentified', why: { code: 'REPORTS_SOURCE_SHARED_SERVICE', args: { ...match.args, domain: from } } };
  if (ptrName) return { group, classification: 'unidentified', why: { code: 'REPORTS_SOURCE_UNKNOWN_PTR', args: { ptr: ptrName, domain: from } } };
  return { group, classification: 'unidentified', why: { code: 'REPORTS_SOURCE_UNIDENTIFIED', args: {} } };
}

function groupOf(facts: SourceFacts, service: SenderService | null, ptrName: string | null, from: string, policyDomain: string, legitimate: boolean): ServiceGroup {
  if (service) return { id: service.id, name: service.name, kind: 'catalog', docs: service.docs, service };
  if (ptrName && (underDomain(ptrName, from) || underDomain(ptrName, policyDomain))) return { id: 'own', name: `${policyDomain} (own servers)`, kind: 'own', docs: null, service: null };
  if (ptrName) {
    const parent = ptrName.includes('.') ? ptrName.slice(ptrName.indexOf('.') + 1) : ptrName;
    return { id: `ptr:${parent}`, name: parent, kind: 'ptr', docs: null, service: null };
  }
  if (legitimate) return { id: `ip:${facts.tally.ip}`, name: facts.tally.ip, kind: 'address', docs: null, service: null };
  return { id: 'unidentified', name: 'unidentified sources', kind: 'unidentified', docs: null, service: null };
}
