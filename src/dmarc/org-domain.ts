import type { DmarcFinding } from './types.js';
import type { Resolver } from '../dns/types.js';
import { failureFindings, type Query } from './lookup.js';
import { hasRecord, psdOf, walkDmarcTree, type RecordEntry, type WalkEntry } from './tree-walk.js';

export interface OrgDomainChoice {
  organizationalDomain: string;
  /** The psd=y record that decided it (RFC 9989 §4.10.2 rule 2), if any: the fallback policy record. */
  psdEntry: RecordEntry | null;
}

export interface OrgDomainLookup {
  /** null when a failed query in the walk could have changed the answer. */
  organizationalDomain: string | null;
  entries: WalkEntry[];
  findings: DmarcFinding[];
}

/** The last `count` labels of `domain`. */
const suffix = (domain: string, count: number): string => domain.split('.').slice(-count).join('.');
const labelCount = (domain: string): number => domain.split('.').length;

/**
 * RFC 9989 §4.10.2 over the names the walk consulted (longest first), ignoring failed queries; the
 * caller decides whether a failure makes the answer unknown.
 */
export function chooseOrganizationalDomain(start: string, entries: readonly WalkEntry[]): OrgDomainChoice {
  let fewestLabels: string | null = null;
  for (const entry of entries) {
    if (!hasRecord(entry)) continue;
    const psd = psdOf(entry);
    if (psd === 'n') return { organizationalDomain: entry.domain, psdEntry: null };
    // Rule 2: one label below the PSD, toward the start; taken from the start domain because the
    // 8-query cap may have skipped that name.
    if (psd === 'y' && entry.domain !== start) {
      return { organizationalDomain: suffix(start, labelCount(entry.domain) + 1), psdEntry: entry };
    }
    fewestLabels = entry.domain;
  }
  return { organizationalDomain: fewestLabels ?? start, psdEntry: null };
}

/** Walks the tree from `domain` and picks its Organizational Domain (RFC 9989 §4.10.2). */
export async function findOrganizationalDomain(domain: string, resolver: Resolver): Promise<OrgDomainLookup> {
  const entries = await walkDmarcTree(domain, resolver);
  return organizationalDomainOf(domain, entries);
}

/** The Organizational Domain from a finished walk: unknown when any consulted query failed. */
export function organizationalDomainOf(domain: string, entries: WalkEntry[]): OrgDomainLookup {
  const queries: Query[] = [];
  for (const entry of entries) queries.push(entry.query);
  const findings = failureFindings(queries);
  const organizationalDomain = findings.length > 0 ? null : chooseOrganizationalDomain(domain, entries).organizationalDomain;
  return { organizationalDomain, entries, findings };
}
