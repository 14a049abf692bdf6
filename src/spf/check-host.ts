/**
 * check_host() of RFC 7208 §4: the SPF result for mail from a client IP, with the matching term,
 * the explanation of a fail and the path the evaluation took.
 */
import { canonicalName, type Resolver } from '../dns/types.js';
import { parseClientIp } from './client-ip.js';
import { matchMechanism } from './evaluate-mechanism.js';
import type { DomainOutcome, EvaluationContext, SpfResult, TraceStep } from './evaluation.js';
import { countLookup, record, SpfAbort, targetOf } from './evaluation.js';
import { explain } from './explanation.js';
import { domainProblem, senderIdentity } from './identity.js';
import { countsAsLookup, LookupCounter } from './lookup-count.js';
import { parseSpfRecord } from './parse.js';
import { SpfQueries } from './queries.js';
import type { Qualifier, SpfMechanism, SpfTerm } from './record.js';
import { selectSpfRecord } from './select-record.js';

export type { SpfResult, TraceStep } from './evaluation.js';
export { SPF_RESULTS } from './evaluation.js';

export interface CheckHostInput {
  /** The SMTP client's IPv4 or IPv6 address. */
  ip: string;
  /** The domain whose SPF policy is asked (normally the MAIL FROM domain, or the HELO name). */
  domain: string;
  /** MAIL FROM; empty or absent means the HELO identity, "postmaster@<helo>" (§2.4). */
  sender?: string;
  /** HELO/EHLO name, the %{h} macro. */
  helo?: string;
}

export interface CheckHostOptions {
  /** %{r} in explanations: the host doing the check; default "unknown" (§7.3). */
  receiver?: string;
  /** %{t} in explanations; default now. */
  now?: Date;
}

export interface CheckHostResult {
  domain: string;
  /** The client IP in readable form (an IPv4-mapped IPv6 address as IPv4, §5). */
  ip: string;
  /** The <sender> used for the macros, e.g. "postmaster@mail.example.com" for a HELO check. */
  sender: string;
  result: SpfResult;
  /** The term that matched, as written, and the domain whose record holds it; null otherwise. */
  mechanism: string | null;
  mechanismDomain: string | null;
  /** Why the result is what it is, in one sentence. */
  reason: string;
  /** For fail only: the domain's exp= text (macros expanded) or the default (§6.2). */
  explanation: string | null;
  explanationSource: 'exp' | 'default' | null;
  trace: TraceStep[];
  /** DNS-querying terms evaluated (limit 10) and lookups that found nothing (limit 2), §4.6.4. */
  lookups: number;
  voidLookups: number;
}

const QUALIFIER_RESULT: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Whether `input.ip` is something check_host() can evaluate; callers validate user input with it. */
export function isClientIp(text: string): boolean {
  return parseClientIp(text) !== null;
}

export async function checkHost(input: CheckHostInput, resolver: Resolver, options: CheckHostOptions = {}): Promise<CheckHostResult> {
  const ip = parseClientIp(input.ip);
  if (!ip) throw new TypeError(`"${input.ip}" is not an IPv4 or IPv6 address`);
  const domain = canonicalName(input.domain);
  const ctx: EvaluationContext = {
    ip,
    sender: senderIdentity(input.sender, input.helo, domain),
    helo: input.helo || 'unknown',
    queries: new SpfQueries(resolver),
    counter: new LookupCounter(),
    trace: [],
    validatedNames: null,
    checkDomain: (name, depth) => checkDomain(name, depth, ctx),
  };
  const done = (outcome: Omit<CheckHostResult, 'domain' | 'ip' | 'sender' | 'trace' | 'lookups' | 'voidLookups'>): CheckHostResult => ({
    domain,
    ip: ip.text,
    sender: ctx.sender.sender,
    ...outcome,
    trace: ctx.trace,
    lookups: ctx.counter.lookups,
    voidLookups: ctx.counter.voidLookups,
  });
  const undecided = { mechanism: null, mechanismDomain: null, explanation: null, explanationSource: null };

  // §4.3: a malformed or single-label domain is "none", before any query.
  const problem = domainProblem(domain);
  if (problem) return done({ ...undecided, result: 'none', reason: `"${domain}" cannot be checked: ${problem} (RFC 7208 §4.3)` });

  let outcome: DomainOutcome;
  try {
    outcome = await checkDomain(domain, 0, ctx);
  } catch (error) {
    if (!(error instanceof SpfAbort)) throw error;
    if (!error.traced) record(ctx, { depth: 0, domain, term: null, outcome: 'error', detail: error.reason });
    return done({ ...undecided, result: error.result, reason: error.reason });
  }
  const { exp, ...decided } = outcome;
  if (decided.result !== 'fail') return done({ ...decided, explanation: null, explanationSource: null });
  const explanation = await explain(exp, ctx, { receiver: options.receiver ?? 'unknown', now: options.now ?? new Date() });
  return done({ ...decided, explanation: explanation.text, explanationSource: explanation.source });
}

/** §4.4 and §4.5: the domain's one SPF record, then its evaluation. */
async function checkDomain(domain: string, depth: number, ctx: EvaluationContext): Promise<DomainOutcome> {
  const selection = selectSpfRecord(await ctx.queries.resolve(domain, 'TXT'));
  switch (selection.kind) {
    case 'failure':
      throw new SpfAbort('temperror', `TXT lookup of ${domain} failed: ${selection.lookup.status} (${selection.lookup.detail})`);
    case 'none': {
      const reason = `no SPF record at ${domain}: ${selection.reason}`;
      record(ctx, { depth, domain, term: null, outcome: 'record', detail: reason });
      return { result: 'none', mechanism: null, mechanismDomain: null, exp: null, reason };
    }
    case 'multiple':
      throw new SpfAbort('permerror', `${domain} publishes ${selection.count} SPF records (RFC 7208 §4.5)`);
    case 'record':
      return evaluateRecord(domain, selection.record, depth, ctx);
  }
}

/** §4.6: syntax first, then the mechanisms left to right, then redirect (§6.1), else neutral (§4.7). */
async function evaluateRecord(domain: string, text: string, depth: number, ctx: EvaluationContext): Promise<DomainOutcome> {
  record(ctx, { depth, domain, term: null, outcome: 'record', detail: text });
  const parsed = parseSpfRecord(text);
  if (parsed.errors.length > 0) {
    throw new SpfAbort('permerror', `syntax error in the SPF record of ${domain}: ${parsed.errors.map((e) => e.detail).join('; ')}`);
  }
  const exp = parsed.exp ? { spec: parsed.exp.domain, domain } : null;

  for (const term of parsed.terms.filter(isMechanism)) {
    const step = record(ctx, { depth, domain, term: term.raw, outcome: 'no-match', detail: '' });
    const { matched, detail } = await tracedAt(step, async () => {
      if (countsAsLookup(term)) countLookup(ctx, term.raw);
      step.lookups = ctx.counter.lookups;
      return matchMechanism(term, domain, depth, ctx);
    });
    Object.assign(step, { outcome: matched ? 'match' : 'no-match', detail });
    if (matched) {
      const result = QUALIFIER_RESULT[term.qualifier];
      return { result, mechanism: term.raw, mechanismDomain: domain, exp, reason: `${term.raw} in the record of ${domain} matched: ${result}` };
    }
  }

  const { redirect } = parsed;
  if (!redirect) {
    record(ctx, { depth, domain, term: null, outcome: 'default', detail: 'no mechanism matched: neutral (RFC 7208 §4.7)' });
    return { result: 'neutral', mechanism: null, mechanismDomain: null, exp: null, reason: `no mechanism in the record of ${domain} matched (default neutral, RFC 7208 §4.7)` };
  }
  const step = record(ctx, { depth, domain, term: redirect.raw, outcome: 'redirect', detail: '' });
  return tracedAt(step, async () => {
    countLookup(ctx, redirect.raw);
    step.lookups = ctx.counter.lookups;
    const target = await targetOf(ctx, redirect.domain, domain);
    // §6.1: a malformed target or one without an SPF record is a permerror, not "none".
    if (target.kind !== 'name') throw new SpfAbort('permerror', `${redirect.raw}: the target is not a valid DNS name (RFC 7208 §6.1)`);
    step.detail = `no mechanism matched; the result is that of ${target.name}`;
    const outcome = await ctx.checkDomain(target.name, depth + 1);
    if (outcome.result === 'none') throw new SpfAbort('permerror', `${redirect.raw}: ${outcome.reason} (RFC 7208 §6.1)`);
    return outcome;
  });
}

function isMechanism(term: SpfTerm): term is SpfMechanism {
  return term.kind !== 'redirect' && term.kind !== 'exp' && term.kind !== 'modifier';
}

/** Runs one term's work; an error it ends the evaluation with becomes that term's step, where it arose. */
async function tracedAt<T>(step: TraceStep, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SpfAbort && !error.traced) {
      Object.assign(step, { outcome: 'error', detail: error.reason });
      error.traced = true;
    }
    throw error;
  }
}
