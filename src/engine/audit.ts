import { discoverDmarc } from '../dmarc/discover.js';
import { normalizeDomain } from '../domain/normalize.js';
import type { Resolver } from '../dns/types.js';
import { describeFinding } from '../findings/describe.js';
import type { Finding, FindingData } from '../findings/types.js';
import type { AuditReport } from '../report/schema.js';
import { gradeOf, verdictOf } from '../report/score.js';
import { analyzeSpf } from '../spf/analyze.js';

export class InvalidDomainError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid domain: ${reason}`);
    this.name = 'InvalidDomainError';
  }
}

/**
 * Audits one domain's DMARC and SPF through the given resolver. The resolver decides where
 * answers come from (network, cache, memory); the audit itself only composes the analyses.
 */
export async function auditWithResolver(input: string, resolver: Resolver): Promise<AuditReport> {
  const normalized = normalizeDomain(input);
  if (!normalized.ok) throw new InvalidDomainError(input, normalized.error);
  const { domain } = normalized;

  // The SPF analysis asks for the same TXT set, so with a caching resolver this costs no extra query.
  const [ownTxt, dmarc, spf] = await Promise.all([
    resolver.resolve(domain, 'TXT'),
    discoverDmarc(domain, resolver),
    analyzeSpf(domain, resolver),
  ]);

  const data: FindingData[] = [];
  if (ownTxt.status === 'nxdomain') data.push({ code: 'DOMAIN_NOT_FOUND', args: { domain } });
  data.push(...dmarc.findings, ...spf.findings);
  const findings: Finding[] = [];
  for (const finding of data) findings.push(describeFinding(finding));

  const verdict = verdictOf(dmarc);
  return {
    domain,
    verdict,
    grade: gradeOf({ verdict, effectivePolicy: dmarc.effectivePolicy, spf, findings }),
    dmarc: {
      status: dmarc.status,
      record: dmarc.record,
      source: dmarc.source,
      inherited: dmarc.inherited,
      organizationalDomain: dmarc.organizationalDomain,
      policy: dmarc.policy,
      appliedTag: dmarc.appliedTag,
      effectivePolicy: dmarc.effectivePolicy,
      enforcing: dmarc.enforcing,
      walk: dmarc.walk,
    },
    spf: {
      status: spf.status,
      record: spf.record,
      dnsLookups: spf.dnsLookups,
      voidLookups: spf.voidLookups,
      all: spf.all,
      truncated: spf.truncated,
      tree: spf.tree,
    },
    findings,
  };
}
