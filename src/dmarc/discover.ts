import type { DmarcFinding } from './types.js';
import type { Resolver } from '../dns/types.js';
import { isEmpty } from '../dns/types.js';
import { issueToFinding } from './issues.js';
import { failureFindings, query } from './lookup.js';
import { chooseOrganizationalDomain, findOrganizationalDomain, organizationalDomainOf, type OrgDomainLookup } from './org-domain.js';
import { evaluatePolicy, existenceMatters, type DomainExistence } from './policy.js';
import { checkReportAuthorization } from './report-authorization.js';
import { hasRecord, lookupDmarc, walkDmarcTree, type RecordEntry, type WalkEntry } from './tree-walk.js';
import type { DmarcDiscovery, DmarcStatus } from './types.js';

/**
 * Finds the DMARC record and policy that apply to `domain` (already normalized) the way a receiver
 * does (RFC 9989 §4.10), and checks its report destinations (RFC 9990 §3.2.3).
 *
 * Status: "error" when a failed query could change which record or policy applies; "missing" when
 * the walk found no DMARC record; "invalid" when the applicable record has errors or the domain's own
 * name holds several records; "valid" otherwise. Failures that only affect the Organizational Domain
 * or report authorization are reported as DNS_ERROR without changing the status.
 */
export async function discoverDmarc(domain: string, resolver: Resolver): Promise<DmarcDiscovery> {
  const entries = await walkDmarcTree(domain, resolver);
  const own = entries[0];
  const org = organizationalDomainOf(domain, entries);
  const findings: DmarcFinding[] = [];
  for (const finding of org.findings) findings.push(finding);
  for (const { step } of entries) {
    if (step.outcome === 'multiple') findings.push({ code: 'DMARC_MULTIPLE_RECORDS', args: { name: step.name, count: step.count ?? 0 } });
  }
  const result: DmarcDiscovery = {
    status: 'error',
    record: null,
    source: null,
    inherited: false,
    organizationalDomain: org.organizationalDomain,
    policy: null,
    appliedTag: null,
    effectivePolicy: null,
    enforcing: false,
    appliedPolicy: null,
    domainExists: null,
    parsed: null,
    walk: entries.map((e) => e.step),
    findings,
  };
  const ownMultiple = own?.step.outcome === 'multiple';

  // The domain's own record decides alone; without one, any failure in the walk could hide the record
  // that applies (RFC 9989 §4.10.1).
  const applicable = hasRecord(own) ? own : org.organizationalDomain === null ? 'error' : await policyRecord(domain, entries, resolver, findings);
  if (applicable === 'error') return finish(result);
  if (applicable === null) {
    if (!ownMultiple) findings.push({ code: 'DMARC_MISSING', args: { domain } });
    return finish({ ...result, status: ownMultiple ? 'invalid' : 'missing' });
  }

  const { parsed } = applicable;
  const inherited = applicable !== own;
  const [existence, authorization] = await Promise.all([
    inherited && existenceMatters(parsed) ? domainExistence(domain, resolver) : null,
    authorizationFindings(domain, applicable, org, resolver),
  ]);
  const outcome = evaluatePolicy(parsed, !inherited, existence?.existence ?? 'unknown');
  const source = applicable.step.name;
  for (const issue of parsed.errors) findings.push(issueToFinding(issue, source));
  for (const issue of parsed.warnings) findings.push(issueToFinding(issue, source));
  findings.push(...outcome.findings);
  if (outcome.undetermined) findings.push(...(existence?.findings ?? []));
  if (inherited && outcome.appliedTag && outcome.appliedPolicy) {
    findings.push({ code: 'DMARC_INHERITED', args: { domain, source, tag: outcome.appliedTag, policy: outcome.appliedPolicy } });
  }
  findings.push(...authorization);

  const status: DmarcStatus = outcome.undetermined ? 'error' : ownMultiple || parsed.errors.length > 0 ? 'invalid' : 'valid';
  return finish({
    ...result,
    status,
    record: applicable.step.record ?? null,
    source,
    inherited,
    policy: outcome.policy,
    appliedTag: outcome.appliedTag,
    appliedPolicy: outcome.appliedPolicy,
    effectivePolicy: outcome.effectivePolicy,
    enforcing: outcome.enforcing,
    domainExists: existence && existence.existence !== 'unknown' ? existence.existence === 'exists' : null,
    parsed: parsed.record,
  });
}

/**
 * Without a record at the domain: the Organizational Domain's record, else the PSD record that defined
 * it (RFC 9989 §4.10.1). 'error' when the Organizational Domain's record could not be read.
 */
async function policyRecord(
  domain: string,
  entries: WalkEntry[],
  resolver: Resolver,
  findings: DmarcFinding[],
): Promise<RecordEntry | null | 'error'> {
  const choice = chooseOrganizationalDomain(domain, entries);
  // The 8-query cap can skip the Organizational Domain below a PSD; it is then looked up on its own.
  const orgEntry = entries.find((e) => e.domain === choice.organizationalDomain) ?? (await lookupDmarc(choice.organizationalDomain, resolver));
  if (orgEntry.step.outcome === 'error') {
    findings.push(...failureFindings([orgEntry.query]));
    return 'error';
  }
  if (orgEntry.step.outcome === 'multiple' && !entries.includes(orgEntry)) {
    findings.push({ code: 'DMARC_MULTIPLE_RECORDS', args: { name: orgEntry.step.name, count: orgEntry.step.count ?? 0 } });
  }
  return hasRecord(orgEntry) ? orgEntry : choice.psdEntry;
}

/** A domain exists if A, AAAA or MX has data; it does not if all three are NXDOMAIN/NODATA (RFC 9989 §4.10.1). */
async function domainExistence(domain: string, resolver: Resolver): Promise<{ existence: DomainExistence; findings: DmarcFinding[] }> {
  const queries = await Promise.all([query(resolver, domain, 'A'), query(resolver, domain, 'AAAA'), query(resolver, domain, 'MX')]);
  if (queries.some((q) => q.result.status === 'answer')) return { existence: 'exists', findings: [] };
  if (queries.every((q) => isEmpty(q.result))) return { existence: 'nonexistent', findings: [] };
  return { existence: 'unknown', findings: failureFindings(queries) };
}

/**
 * Report destinations are external when their Organizational Domain differs from that of the domain
 * the record was published for (RFC 9990 §3.2.3). For the domain's own record or its Organizational
 * Domain's record that is the audited domain's Organizational Domain; for a PSD record it is the PSD,
 * whose operator may receive its own reports without authorizing itself.
 */
async function authorizationFindings(
  domain: string,
  applicable: RecordEntry,
  org: OrgDomainLookup,
  resolver: Resolver,
): Promise<DmarcFinding[]> {
  // One walk per host, the audited domain's included; results are otherwise shared via the resolver cache.
  const walks = new Map<string, Promise<OrgDomainLookup>>([[domain, Promise.resolve(org)]]);
  const orgDomainOf = (host: string): Promise<OrgDomainLookup> => {
    let walk = walks.get(host);
    if (!walk) walks.set(host, (walk = findOrganizationalDomain(host, resolver)));
    return walk;
  };
  const policyOrg = await orgDomainOf(applicable.domain);
  if (policyOrg.organizationalDomain === null) return policyOrg.findings;
  return checkReportAuthorization({
    policyDomain: applicable.domain,
    organizationalDomain: policyOrg.organizationalDomain,
    record: applicable.parsed.record,
    resolver,
    orgDomainOf,
  });
}

/** Drops repeated findings (a failed query can be reached from several paths). */
function finish(result: DmarcDiscovery): DmarcDiscovery {
  const seen = new Set<string>();
  const findings = result.findings.filter((f) => {
    const key = JSON.stringify(f);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { ...result, findings };
}
