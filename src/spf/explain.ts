/**
 * Advice on an SPF tree's DNS lookups (RFC 7208 §4.6.4): where the limit of 10 is crossed, which
 * includes cost most, and what replacing an include by its address ranges ("flattening") would
 * save. Pure: it reads an `SpfAnalysis` and queries nothing.
 */
import { SPF_LOOKUP_LIMIT } from './lookup-count.js';
import { parseSpfRecord } from './parse.js';
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

export interface SpfAdvice {
  lookups: number;
  limit: number;
  overLimit: OverLimitTerm[];
  /** The record's own includes and redirect, costliest first. */
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

  const includes = (analysis.tree?.terms ?? [])
    .filter((term): term is SpfTermNode & { child: SpfNode } => term.child !== undefined)
    .map(costOf)
    .sort((a, b) => b.lookups - a.lookups);

  return {
    lookups: analysis.dnsLookups,
    limit: SPF_LOOKUP_LIMIT,
    overLimit,
    includes,
    voidTerms,
    advice: adviceLines(analysis, overLimit, includes, voidTerms),
  };
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
  const parsed = new Map<string, SpfTerm>(parseSpfRecord(node.record ?? '').terms.map((t) => [t.raw, t]));
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
  if (first && saved > 0) {
    const after = total - saved;
    lines.push(`Flattening all of these would bring the tree to ${after} lookups${after > SPF_LOOKUP_LIMIT ? ', still over the limit' : ''}.`);
  }
  if (saved > 0) lines.push(FLATTENING_RISK);
  for (const { domain, term } of voidTerms) {
    lines.push(`${term} in ${domain} finds nothing in DNS (a void lookup; more than 2 are a permerror): remove or fix it.`);
  }
  if (analysis.truncated) lines.push('A safety cap stopped the walk, so the real counts are higher than shown.');
  return lines;
}
