/**
 * The audit walk of an SPF record tree: every term in the order check_host() would evaluate it
 * (RFC 7208 §4.6.2, redirect last per §6.1), includes and redirects followed depth-first.
 */
import { isEmpty, isFailure } from '../dns/types.js';
import type { FailedLookup, LookupResult, RecordType } from '../dns/types.js';
import { dnsErrorFinding } from '../findings/dns-error.js';
import { resolveTarget } from './domain-spec.js';
import { countsAsLookup, SPF_MX_LIMIT } from './lookup-count.js';
import type { LookupCounter } from './lookup-count.js';
import { parseSpfRecordOnce } from './parse-memo.js';
import type { SpfQueries } from './queries.js';
import type { SpfParseResult, SpfTerm } from './record.js';
import { selectSpfRecord } from './select-record.js';
import type { SpfAll, SpfFinding, SpfNode, SpfTermNode } from './types.js';

/** Deepest include/redirect nesting followed. Ten lookups already end evaluation, so this only bounds hostile trees. */
export const MAX_INCLUDE_DEPTH = 20;

export interface WalkContext {
  queries: SpfQueries;
  counter: LookupCounter;
  /** In evaluation order; the caller adds record-level findings. */
  findings: SpfFinding[];
  maxDepth: number;
  /** Set when a cap stopped the walk somewhere, making the totals lower bounds. */
  truncated: boolean;
}

export interface WalkedRecord {
  node: SpfNode;
  parsed: SpfParseResult;
  /** The record's effective all: its first all mechanism, else its redirect target's (§6.1). */
  all: SpfAll | null;
}

const QUERY_TYPES = { a: ['A', 'AAAA'], mx: ['MX'], exists: ['A'] } as const satisfies Record<string, RecordType[]>;

/** What a term will do, decided (and its queries started) before any term of the record is awaited. */
type Plan =
  /** Nothing to query; `lookups` says whether the term still counts against the limit. */
  | { kind: 'static'; lookups: 0 | 1; note?: string }
  | { kind: 'loop'; path: string }
  | { kind: 'malformed'; name: string }
  /** a, mx, exists: the answers are judged, nothing is followed. */
  | { kind: 'query'; name: string; types: readonly RecordType[]; results: Promise<LookupResult[]> }
  /** include, redirect: the TXT answer leads to a record that is walked in turn. */
  | { kind: 'follow'; mechanism: 'include' | 'redirect'; name: string; txt: Promise<LookupResult<'TXT'>> };

export async function walkRecord(
  domain: string,
  record: string,
  path: readonly string[],
  ctx: WalkContext,
): Promise<WalkedRecord> {
  const parsed = parseSpfRecordOnce(record);
  // A syntax error is a permerror (§4.6), but the well-formed terms are still walked so that
  // one audit shows every problem of the tree.
  if (parsed.errors.length > 0) {
    ctx.findings.push({ code: 'SPF_INVALID', args: { domain, detail: parsed.errors.map((e) => e.detail).join('; ') } });
  }
  const { terms, firstAll, all } = evaluationOrder(parsed);

  // Planning every term first starts this record's queries together; doing it in record
  // order keeps which terms fit under the query cap independent of DNS timing.
  const plans: Plan[] = [];
  for (let index = 0; index < terms.length; index++) {
    plans.push(planTerm(terms[index] as SpfTerm, firstAll >= 0 && index > firstAll, domain, path, ctx));
  }

  const nodes: SpfTermNode[] = [];
  let redirectAll: SpfAll | null = null;
  for (let index = 0; index < terms.length; index++) {
    const term = terms[index] as SpfTerm;
    const plan = plans[index] as Plan;
    // Most terms (ip4, ip6, all) wait for nothing, so they finish without a promise.
    const node = startNode(term, plan, domain, ctx);
    if (plan.kind === 'query') judgeAnswers(term, plan, node, ctx, await plan.results);
    if (plan.kind === 'follow') {
      const record = followedRecord(plan.mechanism, plan.name, await plan.txt, node, ctx);
      if (record !== null) {
        const child = await walkRecord(plan.name, record, [...path, plan.name], ctx);
        node.child = child.node;
        if (term.kind === 'redirect') redirectAll = child.all;
      }
    }
    node.cumulativeLookups = ctx.counter.lookups;
    nodes.push(node);
  }

  return { node: { domain, record, terms: nodes }, parsed, all: all ?? redirectAll };
}

interface EvaluationOrder {
  /** The record's terms in the order check_host() takes them: redirect last (§6.1). */
  terms: readonly SpfTerm[];
  /** Index in `terms` of the first all mechanism, or -1. */
  firstAll: number;
  /** The first all mechanism as written, e.g. "~all". */
  all: SpfAll | null;
}

/** Per parsed record, which parseSpfRecordOnce shares across a batch: worked out once, not per domain. */
const evaluationOrders = new WeakMap<SpfParseResult, EvaluationOrder>();

function evaluationOrder(parsed: SpfParseResult): EvaluationOrder {
  let order = evaluationOrders.get(parsed);
  if (!order) {
    const terms = [...parsed.terms.filter((t) => t.kind !== 'redirect'), ...parsed.terms.filter((t) => t.kind === 'redirect')];
    const firstAll = terms.findIndex((t) => t.kind === 'all');
    const all = terms[firstAll];
    order = { terms, firstAll, all: all?.kind === 'all' ? (`${all.qualifier}all` as SpfAll) : null };
    evaluationOrders.set(parsed, order);
  }
  return order;
}

function planTerm(term: SpfTerm, afterAll: boolean, domain: string, path: readonly string[], ctx: WalkContext): Plan {
  if (!countsAsLookup(term)) return { kind: 'static', lookups: 0 };
  if (afterAll) {
    const note =
      term.kind === 'redirect'
        ? 'ignored: the record has an all mechanism (RFC 7208 §6.1)'
        : 'never evaluated: an earlier all mechanism always matches';
    return { kind: 'static', lookups: 0, note };
  }
  if (term.kind === 'ptr') return { kind: 'static', lookups: 1, note: 'counted but not queried: ptr depends on the sending IP' };

  const target = resolveTarget(term.domain, { d: domain });
  if (target.kind === 'needs-macros') {
    const macros = target.letters.map((letter) => `%{${letter}}`).join(', ');
    return { kind: 'static', lookups: 1, note: `not followed: ${macros} can only be expanded for a given message` };
  }
  if (target.kind === 'malformed') return { kind: 'malformed', name: target.name };

  const { name } = target;
  if (term.kind === 'include' || term.kind === 'redirect') {
    if (path.includes(name)) return { kind: 'loop', path: [...path, name].join(' → ') };
    if (path.length > ctx.maxDepth) return truncate(ctx, `not followed: nested deeper than ${ctx.maxDepth} records`);
    const txt = ctx.queries.lookupOne(name, 'TXT');
    return txt ? { kind: 'follow', mechanism: term.kind, name, txt } : truncate(ctx, CAP_NOTE);
  }
  const types = QUERY_TYPES[term.kind];
  const results = ctx.queries.lookup(name, types);
  return results ? { kind: 'query', name, types, results } : truncate(ctx, CAP_NOTE);
}

const CAP_NOTE = 'not queried: the analysis reached its cap on DNS queries';

/** The term still counts, but what it leads to is unknown, so the totals become lower bounds. */
function truncate(ctx: WalkContext, note: string): Plan {
  ctx.truncated = true;
  return { kind: 'static', lookups: 1, note };
}

/** The term's node as far as its plan decides it, before any answer is awaited. */
function startNode(term: SpfTerm, plan: Plan, domain: string, ctx: WalkContext): SpfTermNode {
  const lookups = plan.kind === 'static' ? plan.lookups : 1;
  // Counted before following, so an include's own lookup precedes its record's (as in check_host()).
  if (lookups === 1) ctx.counter.countLookup();
  const node: SpfTermNode = { term: term.raw, lookups, cumulativeLookups: 0, void: false };
  switch (plan.kind) {
    case 'static':
      if (plan.note) node.note = plan.note;
      if (term.kind === 'ptr' && lookups === 1) ctx.findings.push({ code: 'SPF_PTR', args: { domain } });
      break;
    case 'loop':
      node.error = `loop: ${plan.path}`;
      ctx.findings.push({ code: 'SPF_INCLUDE_LOOP', args: { path: plan.path } });
      break;
    case 'malformed':
      node.note = `"${plan.name}" is not a valid DNS name, so nothing was queried`;
      if (term.kind === 'include' || term.kind === 'redirect') {
        const reason = 'not a valid DNS name';
        node.error = `no SPF record at ${plan.name}: ${reason}`;
        ctx.findings.push({ code: 'SPF_INCLUDE_MISSING', args: { mechanism: term.kind, target: plan.name, reason } });
      }
      break;
  }
  return node;
}

/** a, mx and exists: failures, void answers and the MX limit. */
function judgeAnswers(
  term: SpfTerm,
  plan: Extract<Plan, { kind: 'query' }>,
  node: SpfTermNode,
  ctx: WalkContext,
  results: LookupResult[],
): void {
  const failures = plan.types.flatMap((type, index) => {
    const result = results[index];
    return result && isFailure(result) ? [{ type, result }] : [];
  });
  if (failures.length > 0) {
    reportFailures(plan.name, failures, node, ctx);
    return;
  }
  const [first] = results;
  if (term.kind === 'mx' && first?.status === 'answer' && first.records.length > SPF_MX_LIMIT) {
    // §4.6.4: more than 10 MX names make the mx mechanism a permerror.
    node.error = `${first.records.length} MX names; more than ${SPF_MX_LIMIT} is a permerror`;
    ctx.findings.push({ code: 'SPF_TOO_MANY_MX', args: { name: plan.name, count: first.records.length } });
  }
  // For a, "void" means neither an A nor an AAAA record exists.
  if (results.every(isEmpty)) markVoid(node, ctx);
}

/** The SPF record an include or redirect leads to, or null (with the node and findings saying why). */
function followedRecord(
  mechanism: 'include' | 'redirect',
  name: string,
  txt: LookupResult<'TXT'>,
  node: SpfTermNode,
  ctx: WalkContext,
): string | null {
  const selection = selectSpfRecord(txt);
  switch (selection.kind) {
    case 'record':
      return selection.record;
    case 'none':
      // §5.2 and §6.1: a target without an SPF record makes include and redirect a permerror.
      node.error = `no SPF record at ${name}: ${selection.reason}`;
      ctx.findings.push({ code: 'SPF_INCLUDE_MISSING', args: { mechanism, target: name, reason: selection.reason } });
      if (selection.void) markVoid(node, ctx);
      return null;
    case 'multiple':
      node.error = `${name} publishes ${selection.count} SPF records`;
      ctx.findings.push({ code: 'SPF_MULTIPLE_RECORDS', args: { domain: name, count: selection.count } });
      return null;
    case 'failure':
      reportFailures(name, [{ type: 'TXT', result: selection.lookup }], node, ctx);
      return null;
  }
}

/** A failed lookup is a temperror: never void, never "no record" (§2.6.6, §4.4). */
function reportFailures(
  name: string,
  failures: { type: RecordType; result: FailedLookup }[],
  node: SpfTermNode,
  ctx: WalkContext,
): void {
  node.error = failures.map(({ type, result }) => `${type} lookup of ${name} failed: ${result.status} (${result.detail})`).join('; ');
  for (const { type, result } of failures) ctx.findings.push(dnsErrorFinding('spf', name, type, result));
}

function markVoid(node: SpfTermNode, ctx: WalkContext): void {
  node.void = true;
  ctx.counter.countVoid();
}
