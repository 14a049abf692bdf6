/**
 * Advice on an SPF tree's DNS lookups (RFC 7208 §4.6.4): where the limit of 10 is crossed, which
 * includes cost most, and what replacing an include by its address ranges ("flattening") would
 * save. Pure: it reads an `SpfAnalysis` and queries nothing.
 */
import { SPF_LOOKUP_LIMIT } from './lookup-count.js';
import { parseSpfRecordOnce } from './parse-memo.js';
import type { SpfTerm } from './record.js';
import type { SpfAnalysis, SpfNode, SpfTermNode } from './types.js';

export interface OverLimitTerm {
  /** The domain whose record holds the term. */
  domain: string;
  term: string;
  /** Its position among the DNS-querying terms; check_host() stops with permerror at 11 (§4.6.4). */
  count: number;
}

export interface IncludeCost {
  /** `include:…` or `redirect=…` of the domain's own record. */
  term: string;
  target: string;
  /** The term itself and every lookup below it. */
  lookups: number;
  /** Every address the subtree can pass is an ip4/ip6 range, so the term could be replaced by them. */
  flattenable: boolean;
  /** The ranges (ip4:/ip6: terms) it would be replaced by, when flattenable. */
  ranges: string[];
  /** The terms that keep it from being flattened, each with the reason. */
  blockers: string[];
}

/** A DNS-querying term written more than once in the domain's own record. */
export interface RepeatedTerm {
  /** The first occurrence as written. */
  term: string;
  /** How many times it appears. */
  count: number;
  /** What removing every repeat saves: the lookups of all occurrences after the first. */
  lookups: number;
}

export interface SpfAdvice {
  lookups: number;
  limit: number;
  overLimit: OverLimitTerm[];
  /** Terms of the domain's own record that are repeated, in record order. */
  repeated: RepeatedTerm[];
  /** The record's own includes and redirect, costliest first; a repeated include once. */
  includes: IncludeCost[];
  /** Terms whose lookup found nothing (void lookups, limit 2). */
  voidTerms: { domain: string; term: string }[];
  /** Concrete advice, most important first. */
  advice: string[];
}

export const FLATTENING_RISK =
  'Flattening copies a provider’s ranges into your record: providers change them without notice, and a stale copy silently fails their new servers. Regenerate it on a schedule, or keep the include.';

export function adviseSpf(analysis: SpfAnalysis): SpfAdvice {
  const overLimit: OverLimitTerm[] = [];
  const voidTerms: { domain: string; term: string }[] = [];
  let count = 0;
  // Replays the walk's evaluation order (a term, then the record it leads to) to number the lookups.
  const visit = (node: SpfNode): void => {
    for (const term of node.terms) {
      count += term.lookups;
      if (term.lookups > 0 && count > SPF_LOOKUP_LIMIT) overLimit.push({ domain: node.domain, term: term.term, count });
      if (term.void) voidTerms.push({ domain: node.domain, term: term.term });
      if (term.child) visit(term.child);
    }
  };
  if (analysis.tree) visit(analysis.tree);

  const ownTerms = analysis.tree?.terms ?? [];
  const repeated = repeatedTerms(ownTerms);
  const includes = ownTerms
    .filter((term, index): term is SpfTermNode & { child: SpfNode } => term.child !== undefined && firstIndexOf(ownTerms, term) === index)
    .map(costOf)
    .sort((a, b) => b.lookups - a.lookups);

  return {
    lookups: analysis.dnsLookups,
    limit: SPF_LOOKUP_LIMIT,
    overLimit,
    repeated,
    includes,
    voidTerms,
    advice: adviceLines(analysis, overLimit, repeated, includes, voidTerms),
  };
}

/** A term as check_host() sees it: the qualifier and letter case do not change what it matches. */
const sameTermKey = (term: string): string => term.replace(/^[+\-~?]/, '').toLowerCase();

const firstIndexOf = (terms: readonly SpfTermNode[], term: SpfTermNode): number => terms.findIndex((t) => sameTermKey(t.term) === sameTermKey(term.term));

/**
 * A mechanism written twice matches the same addresses twice, so a repeat can only match where the
 * first occurrence already did and decided the result (RFC 7208 §4.6.2: the first match wins), yet
 * every occurrence costs its lookups again (§4.6.4). Only DNS-querying terms are counted.
 */
function repeatedTerms(terms: readonly SpfTermNode[]): RepeatedTerm[] {
  const byKey = new Map<string, RepeatedTerm>();
  for (const term of terms) {
    if (term.lookups === 0) continue;
    const key = sameTermKey(term.term);
    const seen = byKey.get(key);
    if (seen) {
      seen.count++;
      seen.lookups += lookupsOf(term);
    } else byKey.set(key, { term: term.term, count: 1, lookups: 0 });
  }
  return [...byKey.values()].filter((entry) => entry.count > 1);
}

function costOf(term: SpfTermNode & { child: SpfNode }): IncludeCost {
  const { ranges, blockers } = flatten(term.child);
  return { term: term.term, target: term.child.domain, lookups: lookupsOf(term), flattenable: blockers.length === 0, ranges, blockers };
}

function lookupsOf(term: SpfTermNode): number {
  return term.lookups + (term.child?.terms ?? []).reduce((sum, t) => sum + lookupsOf(t), 0);
}

/**
 * The ranges a record passes, if ranges are all it passes. An include matches only on pass (§5.2),
 * so "-all", "~all" and "?all" inside are harmless; "+all", a negated range, a host lookup
 * (a, mx, ptr, exists) or an unresolved branch cannot be expressed as ranges.
 */
function flatten(node: SpfNode): { ranges: string[]; blockers: string[] } {
  // The walk parsed this record already; parseSpfRecordOnce hands back that parse.
  const parsed = new Map<string, SpfTerm>(parseSpfRecordOnce(node.record ?? '').terms.map((t) => [t.raw, t]));
  const ranges: string[] = [];
  const blockers: string[] = [];
  for (const termNode of node.terms) {
    const term = parsed.get(termNode.term);
    // Terms after an all are never evaluated (the walk notes them and counts nothing).
    if (!term || (termNode.lookups === 0 && termNode.note)) continue;
    const blocked = (why: string): void => void blockers.push(`${termNode.term} in ${node.domain} (${why})`);
    switch (term.kind) {
      case 'ip4':
      case 'ip6':
        if (term.qualifier === '+') ranges.push(term.raw.replace(/^\+/, ''));
        else blocked('a qualified range changes the result, not just the addresses');
        break;
      case 'all':
        if (term.qualifier === '+') blocked('+all passes every address');
        break;
      case 'include':
      case 'redirect': {
        if (term.kind === 'include' && term.qualifier !== '+') blocked('a qualified include changes the result');
        else if (!termNode.child) blocked(termNode.error ?? termNode.note ?? 'not followed');
        else {
          const inner = flatten(termNode.child);
          ranges.push(...inner.ranges);
          blockers.push(...inner.blockers);
        }
        break;
      }
      case 'a':
      case 'mx':
      case 'ptr':
      case 'exists':
        blocked(`${term.kind} is resolved at evaluation time`);
        break;
      case 'exp':
      case 'modifier':
        break;
    }
  }
  return { ranges: [...new Set(ranges)], blockers };
}

function adviceLines(
  analysis: SpfAnalysis,
  overLimit: OverLimitTerm[],
  repeated: RepeatedTerm[],
  includes: IncludeCost[],
  voidTerms: { domain: string; term: string }[],
): string[] {
  const lines: string[] = [];
  const total = analysis.dnsLookups;
  const first = overLimit[0];
  if (first) {
    lines.push(
      `The tree needs ${total} DNS lookups; receivers stop at ${SPF_LOOKUP_LIMIT} and return permerror when they reach ${first.term} in ${first.domain} (lookup ${first.count}). Remove at least ${total - SPF_LOOKUP_LIMIT}.`,
    );
  } else if (analysis.tree) {
    lines.push(`${total} of ${SPF_LOOKUP_LIMIT} DNS lookups used; ${SPF_LOOKUP_LIMIT - total} left for new senders.`);
  }
  // Repeats first: removing them loses nothing, while flattening has a cost (FLATTENING_RISK).
  let repeatsSaved = 0;
  for (const { term, count, lookups } of repeated) {
    repeatsSaved += lookups;
    lines.push(
      `${term} appears ${count} times in the record: remove ${count - 1} (saves ${lookups} lookup${lookups === 1 ? '' : 's'}); a repeat can only match where the first already did.`,
    );
  }
  let saved = 0;
  for (const include of includes) {
    if (include.flattenable) {
      saved += include.lookups;
      const n = include.ranges.length;
      lines.push(`Replace ${include.term} (${include.lookups} lookups) by its ${n} ip4/ip6 range${n === 1 ? '' : 's'}: saves ${include.lookups}.`);
    } else if (include.lookups > 1) {
      const more = include.blockers.length - 2;
      const why = include.blockers.slice(0, 2).join('; ') + (more > 0 ? `; and ${more} more` : '');
      lines.push(`${include.term} costs ${include.lookups} lookups and cannot be flattened to ranges: ${why}.`);
    }
  }
  if (first && repeatsSaved + saved > 0) {
    const after = total - repeatsSaved - saved;
    const steps = [repeatsSaved > 0 ? 'removing the repeats' : '', saved > 0 ? 'flattening all of these' : ''].filter(Boolean).join(' and ');
    lines.push(`${steps.charAt(0).toUpperCase()}${steps.slice(1)} would bring the tree to ${after} lookup${after === 1 ? '' : 's'}${after > SPF_LOOKUP_LIMIT ? ', still over the limit' : ''}.`);
  }
  if (saved > 0) lines.push(FLATTENING_RISK);
  for (const { domain, term } of voidTerms) {
    lines.push(`${term} in ${domain} finds nothing in DNS (a void lookup; more than 2 are a permerror): remove or fix it.`);
  }
  if (analysis.truncated) lines.push('A safety cap stopped the walk, so the real counts are higher than shown.');
  return lines;
}
