/**
 * Who a source IP is and whether it sends legitimately as the domain, from what the reports say
 * (DMARC results, DKIM d=, MAIL FROM) and what today's DNS says (forward-confirmed PTR, check_host()).
 * Pure: the lookups are done before (src/reports/analyze.ts).
 */
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

export interface Identity {
  group: ServiceGroup;
  classification: 'legitimate' | 'forwarded' | 'unidentified';
  why: string;
}

/**
 * Whether an authenticated domain is in the From domain's tree (the same name, a parent or a
 * subdomain): relaxed alignment for the usual case where they share the organizational domain.
 * The DMARC verdict itself is always the receiver's (policy_evaluated), never this.
 */
export const inDomainTree = (name: string, from: string): boolean => name !== '' && (underDomain(name, from) || underDomain(from, name));

/** The last two labels: the part of a provider's SPF include its nested records share. */
const lastTwoLabels = (name: string): string => name.split('.').slice(-2).join('.');

function catalogMatch(facts: SourceFacts): { service: SenderService; by: string } | null {
  const ptrName = facts.ptr?.status === 'confirmed' ? facts.ptr.name : null;
  const dkimDomains = [...facts.tally.dkim.values()].map((d) => d.domain);
  const mailFrom = [...facts.tally.spf.values()].map((s) => s.domain);
  for (const service of SENDER_CATALOG) {
    const includeZones = service.spfIncludes.map(lastTwoLabels);
    if (ptrName && service.ptrSuffixes.some((s) => underDomain(ptrName, s))) return { service, by: `PTR ${ptrName}` };
    const mechanismDomain = facts.spf?.result === 'pass' ? facts.spf.mechanismDomain : null;
    if (mechanismDomain && includeZones.some((z) => underDomain(mechanismDomain, z))) return { service, by: `SPF ${facts.spf?.mechanism ?? ''} in ${mechanismDomain}` };
    const signer = dkimDomains.find((d) => service.dkimDomains.some((s) => underDomain(d, s)));
    if (signer) return { service, by: `DKIM d=${signer}` };
    const bounce = mailFrom.find((d) => [...service.dkimDomains, ...includeZones].some((s) => underDomain(d, s)));
    if (bounce) return { service, by: `MAIL FROM ${bounce}` };
  }
  return null;
}

/** Why this source sends for the domain, or null when nothing shows it does. */
function legitimacy(facts: SourceFacts, from: string, policyDomain: string, service: SenderService | null): string | null {
  const { tally } = facts;
  if (tally.dmarcPass > 0) return `${tally.dmarcPass} of its ${tally.messages} messages pass DMARC`;
  if (facts.spf?.result === 'pass') return `the SPF record of ${facts.spf.domain} authorizes it today (${facts.spf.mechanism ?? 'match'})`;
  const ptrName = facts.ptr?.status === 'confirmed' ? facts.ptr.name : null;
  if (ptrName && (underDomain(ptrName, from) || underDomain(ptrName, policyDomain))) return `its forward-confirmed PTR ${ptrName} is in the domain`;
  const signature = [...tally.dkim.values()].find((d) => inDomainTree(d.domain, from));
  if (signature) return `it signs with DKIM d=${signature.domain}`;
  if (service && !service.shared) return `${service.name}, a sending service, sends as the domain`;
  return null;
}

export function identifySource(facts: SourceFacts, from: string, policyDomain: string): Identity {
  const match = catalogMatch(facts);
  const service = match?.service ?? null;
  const ptrName = facts.ptr?.status === 'confirmed' ? facts.ptr.name : null;
  const legit = legitimacy(facts, from, policyDomain, service);
  const group = groupOf(facts, service, ptrName, from, policyDomain, legit !== null);
  const failing = facts.tally.messages - facts.tally.dmarcPass;
  if (legit) return { group, classification: 'legitimate', why: match ? `${service!.name} (${match.by}); ${legit}` : legit };
  if (failing > 0 && facts.tally.forwardedFailing === failing) return { group, classification: 'forwarded', why: 'the receivers marked its failing mail as forwarded or from a mailing list' };
  if (service) return { group, classification: 'unidentified', why: `${service.name} (${match!.by}), but nothing shows it sends for ${from}: its servers also carry other customers' and forwarded mail` };
  return { group, classification: 'unidentified', why: ptrName ? `PTR ${ptrName}: not a known sender for ${from}` : 'no forward-confirmed PTR, no known service, no passing mail' };
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
