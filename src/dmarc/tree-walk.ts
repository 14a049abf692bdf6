import type { Resolver } from '../dns/types.js';
import { isFailure } from '../dns/types.js';
import { isDmarcRecord, parseDmarcRecord, type DmarcParseResult } from './parse.js';
import { query, type Query } from './lookup.js';
import type { TreeWalkStep } from './types.js';

/** RFC 9989 §4.10: the walk never issues more than this many queries. */
export const MAX_WALK_QUERIES = 8;

/** One name the walk consulted, with what its query gave. */
export interface WalkEntry {
  /** The domain whose _dmarc name was queried. */
  domain: string;
  query: Query<'TXT'>;
  step: TreeWalkStep;
  /** Set when exactly one DMARC record was found at the name. */
  parsed?: DmarcParseResult;
}

export type RecordEntry = WalkEntry & { parsed: DmarcParseResult };

export const hasRecord = (entry: WalkEntry | undefined): entry is RecordEntry => entry?.parsed !== undefined;

/**
 * The domains the DNS Tree Walk queries, in order (RFC 9989 §4.10 steps 4–8): the domain itself; then,
 * with x labels, drop the left-most label if x < 8 or jump to the last 7 labels if x ≥ 8; then one label
 * at a time down to the top-level domain. At most 8 names.
 */
export function treeWalkNames(domain: string): string[] {
  const labels = domain.split('.');
  const names = [domain];
  for (let keep = Math.min(labels.length - 1, MAX_WALK_QUERIES - 1); keep >= 1; keep--) {
    names.push(labels.slice(-keep).join('.'));
  }
  return names;
}

/**
 * The psd value of a name without a record is undefined; a void record says nothing: 'u'. A disputed record's
 * psd is read as RFC 9989 §4.8 receivers read it (they keep every valid tag); its policy is not counted anyway.
 */
export function psdOf(entry: WalkEntry): 'y' | 'n' | 'u' | undefined {
  if (!entry.parsed) return undefined;
  return entry.parsed.disposition === 'void' ? 'u' : (entry.parsed.record.psd ?? 'u');
}

/** Reads one _dmarc.<domain> answer: keep v=DMARC1 records only; more than one counts as none (RFC 9989 §4.10). */
export function interpretDmarcQuery(domain: string, q: Query<'TXT'>): WalkEntry {
  const name = q.name;
  if (isFailure(q.result)) {
    return { domain, query: q, step: { name, domain, outcome: 'error', status: q.result.status, detail: q.result.detail } };
  }
  const records = q.result.status === 'answer' ? q.result.records.filter(isDmarcRecord) : [];
  const [record] = records;
  if (records.length > 1) return { domain, query: q, step: { name, domain, outcome: 'multiple', count: records.length } };
  if (record === undefined) return { domain, query: q, step: { name, domain, outcome: 'none' } };
  return { domain, query: q, step: { name, domain, outcome: 'record', record }, parsed: parseDmarcRecord(record) };
}

export function lookupDmarc(domain: string, resolver: Resolver): Promise<WalkEntry> {
  return query(resolver, `_dmarc.${domain}`, 'TXT').then((q) => interpretDmarcQuery(domain, q));
}

/**
 * Runs the DNS Tree Walk from `domain`. All queries are sent at once (the list is fixed and short) and read
 * in order; the walk ends at a record with psd=y or psd=n, except at the domain itself, where only psd=n
 * ends it: its own record is the policy, but the walk goes on to find its Organizational Domain.
 * Entries after the end are dropped, as a receiver would never have seen them.
 */
export async function walkDmarcTree(domain: string, resolver: Resolver): Promise<WalkEntry[]> {
  const entries = await Promise.all(treeWalkNames(domain).map((name) => lookupDmarc(name, resolver)));
  const end = entries.findIndex((entry, index) => {
    const psd = psdOf(entry);
    return psd === 'n' || (psd === 'y' && index > 0);
  });
  return end < 0 ? entries : entries.slice(0, end + 1);
}
