import type { DmarcFinding } from './types.js';
import type { Resolver } from '../dns/types.js';
import { isFailure } from '../dns/types.js';
import { isDmarcRecord } from './parse.js';
import { dnsErrorFinding } from '../findings/dns-error.js';
import { query } from './lookup.js';
import type { OrgDomainLookup } from './org-domain.js';
import type { DmarcRecord } from './types.js';

export interface ReportAuthorizationInput {
  /** The domain the record was published for: its source name without "_dmarc.". */
  policyDomain: string;
  /** The Organizational Domain of policyDomain: destinations outside it need authorization. */
  organizationalDomain: string;
  record: DmarcRecord;
  resolver: Resolver;
  /** Organizational Domain of a destination host; callers share one walk per host. */
  orgDomainOf: (domain: string) => Promise<OrgDomainLookup>;
}

/**
 * Checks that every mailto: rua/ruf destination in another Organizational Domain agrees to receive
 * reports (RFC 9990 §3.2.3): a TXT record starting with v=DMARC1 at
 * <policy-domain>._report._dmarc.<destination-host>.
 *
 * One query per destination: a DNS server answers a "*._report._dmarc.<host>" wildcard for that name
 * itself, exactly as receivers see it. Querying the "*" name explicitly would be wrong, because a
 * wildcard does not cover names that exist with other data, so it could claim an authorization that
 * receivers never see.
 */
export async function checkReportAuthorization(input: ReportAuthorizationInput): Promise<DmarcFinding[]> {
  const destinations = new Map<string, { tag: 'rua' | 'ruf'; uri: string; host: string }>();
  for (const tag of ['rua', 'ruf'] as const) {
    for (const uri of input.record[tag]) {
      if (uri.scheme === 'mailto' && uri.domain) destinations.set(`${tag} ${uri.domain}`, { tag, uri: uri.uri, host: uri.domain });
    }
  }
  const results = await Promise.all([...destinations.values()].map((d) => checkDestination(input, d)));
  return results.flat();
}

async function checkDestination(
  input: ReportAuthorizationInput,
  destination: { tag: 'rua' | 'ruf'; uri: string; host: string },
): Promise<DmarcFinding[]> {
  // Reports to the policy domain itself or to its organizational domain need no walk: the common
  // rua=mailto:dmarc@<domain> would otherwise cost a tree walk per audited domain.
  if (destination.host === input.policyDomain || destination.host === input.organizationalDomain) return [];
  const org = await input.orgDomainOf(destination.host);
  if (org.organizationalDomain === null) return org.findings;
  if (org.organizationalDomain === input.organizationalDomain) return [];

  const authName = `${input.policyDomain}._report._dmarc.${destination.host}`;
  const { result } = await query(input.resolver, authName, 'TXT');
  if (isFailure(result)) return [dnsErrorFinding('dmarc', authName, 'TXT', result)];
  if (result.status === 'answer' && result.records.some(isDmarcRecord)) return [];
  return [{ code: 'DMARC_RUA_UNAUTHORIZED', args: { tag: destination.tag, uri: destination.uri, destination: destination.host, authName } }];
}
