/** What one check_host() evaluation carries from term to term (RFC 7208 §4), and its vocabulary. */
import type { ClientIp } from './client-ip.js';
import type { DomainSpec, Target } from './domain-spec.js';
import { resolveTarget } from './domain-spec.js';
import type { SenderIdentity } from './identity.js';
import type { LookupCounter } from './lookup-count.js';
import { SPF_LOOKUP_LIMIT, SPF_VOID_LOOKUP_LIMIT } from './lookup-count.js';
import type { MacroToken, MacroValues } from './macro.js';
import { macroLetters } from './macro.js';
import type { SpfQueries } from './queries.js';
import { pickValidatedName, validatedNames } from './validated-names.js';

/** The seven results of §2.6. */
export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export const SPF_RESULTS: readonly SpfResult[] = ['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror'];

/**
 * A permerror or temperror ends the whole evaluation: include passes both up unchanged (§5.2) and
 * so does redirect (§6.1), so it is thrown rather than returned through every level.
 */
export class SpfAbort extends Error {
  /** Set once the step that raised it is in the trace, so enclosing terms do not repeat it. */
  traced = false;

  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'SpfAbort';
  }
}

export type TraceOutcome = 'record' | 'match' | 'no-match' | 'redirect' | 'default' | 'error' | 'explanation';

/** One step of the evaluation path, in the order it happened. */
export interface TraceStep {
  /** Include/redirect nesting: 0 for the domain checked. */
  depth: number;
  /** The domain whose record is being evaluated (%{d}). */
  domain: string;
  /** The term as written; null for the record lookup, the default result and the explanation. */
  term: string | null;
  outcome: TraceOutcome;
  /** What was looked up and found, in words. */
  detail: string;
  /** DNS-querying terms counted so far (limit 10). */
  lookups: number;
}

export interface EvaluationContext {
  ip: ClientIp;
  sender: SenderIdentity;
  /** %{h}. */
  helo: string;
  queries: SpfQueries;
  counter: LookupCounter;
  trace: TraceStep[];
  /** The validated names behind %{p}, looked up at most once per evaluation (§7.3). */
  validatedNames: Promise<string[]> | null;
  /** check_host() on another domain, for include (§5.2); passed in to keep the modules acyclic. */
  checkDomain(domain: string, depth: number): Promise<DomainOutcome>;
}

/** What evaluating one domain's record came to, before the explanation is fetched. */
export interface DomainOutcome {
  result: SpfResult;
  /** The matching term and the domain whose record holds it; null for the default and none. */
  mechanism: string | null;
  mechanismDomain: string | null;
  /** The exp= in force for a fail and the domain of its record: the record that decided (a redirect target's replaces ours, §6.2). */
  exp: { spec: DomainSpec; domain: string } | null;
  reason: string;
}

/** Appends a step; the caller may fill in its outcome later, so it precedes the steps it led to. */
export function record(ctx: EvaluationContext, step: Omit<TraceStep, 'lookups'>): TraceStep {
  const entry = { ...step, lookups: ctx.counter.lookups };
  ctx.trace.push(entry);
  return entry;
}

/** §4.6.4: the 11th DNS-querying term is a permerror, checked before it queries anything. */
export function countLookup(ctx: EvaluationContext, term: string): void {
  ctx.counter.countLookup();
  if (ctx.counter.lookupLimitExceeded) {
    throw new SpfAbort('permerror', `${term} would be DNS-querying term ${ctx.counter.lookups}; the limit is ${SPF_LOOKUP_LIMIT}`);
  }
}

/** §4.6.4: a third lookup answered with no records (NXDOMAIN or NODATA) is a permerror. */
export function countVoid(ctx: EvaluationContext, term: string): void {
  ctx.counter.countVoid();
  if (ctx.counter.voidLimitExceeded) {
    throw new SpfAbort('permerror', `${term} is void lookup ${ctx.counter.voidLookups}; the limit is ${SPF_VOID_LOOKUP_LIMIT}`);
  }
}

/** The macro values of §7.3 for evaluating `domain`'s record; c, r and t are added for explanations. */
export function macroValues(ctx: EvaluationContext, domain: string): MacroValues & { d: string } {
  return {
    s: ctx.sender.sender,
    l: ctx.sender.localPart,
    o: ctx.sender.domain,
    d: domain,
    i: ctx.ip.dotted,
    v: ctx.ip.v,
    h: ctx.helo,
  };
}

/** Adds %{p} when the tokens use it; its PTR and address lookups happen only then. */
export async function withValidatedName(
  ctx: EvaluationContext,
  tokens: readonly MacroToken[],
  values: MacroValues & { d: string },
): Promise<MacroValues & { d: string }> {
  if (!macroLetters(tokens).includes('p')) return values;
  ctx.validatedNames ??= validatedNames(ctx.ip, ctx.queries).then(({ names }) => names);
  return { ...values, p: pickValidatedName(await ctx.validatedNames, values.d) };
}

/** The name a mechanism or modifier of `domain`'s record points at (§4.8), macros expanded. */
export async function targetOf(ctx: EvaluationContext, spec: DomainSpec | null, domain: string): Promise<Target> {
  const values = macroValues(ctx, domain);
  return resolveTarget(spec, spec ? await withValidatedName(ctx, spec.tokens, values) : values);
}
