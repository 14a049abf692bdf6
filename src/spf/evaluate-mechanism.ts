/** Whether one mechanism matches the client IP (RFC 7208 §5). */
import { canonicalName, isEmpty, isFailure } from '../dns/types.js';
import type { LookupResult } from '../dns/types.js';
import { inNetwork } from './client-ip.js';
import type { DomainSpec } from './domain-spec.js';
import type { EvaluationContext } from './evaluation.js';
import { countVoid, SpfAbort, targetOf } from './evaluation.js';
import { SPF_MX_LIMIT } from './lookup-count.js';
import type { HostMechanism, PtrMechanism, SpfMechanism, TargetMechanism } from './record.js';
import { addressesMatch, validatedNames } from './validated-names.js';

export interface MechanismMatch {
  matched: boolean;
  /** What was looked up and found, for the trace. */
  detail: string;
}

/**
 * Evaluates `term` of `domain`'s record. A DNS failure is a temperror (§5, §2.6.6) except for ptr,
 * which then simply does not match (§5.5); include passes errors of the included domain up (§5.2).
 */
export async function matchMechanism(
  term: SpfMechanism,
  domain: string,
  depth: number,
  ctx: EvaluationContext,
): Promise<MechanismMatch> {
  switch (term.kind) {
    case 'all':
      return { matched: true, detail: 'all always matches' };
    case 'ip4':
    case 'ip6': {
      // An IPv4 client never matches ip6, even ip6:::ffff:… (§5, mapped addresses are IPv4).
      const matched = inNetwork(ctx.ip, term.address, term.cidr);
      return { matched, detail: `${ctx.ip.text} is ${matched ? '' : 'not '}in ${term.ip}/${term.cidr}` };
    }
    case 'a':
    case 'mx':
      return matchHost(term, domain, ctx);
    case 'ptr':
      return matchPtr(term, domain, ctx);
    case 'exists':
      return matchExists(term, domain, ctx);
    case 'include':
      return matchInclude(term, domain, depth, ctx);
  }
}

/**
 * §4.8 leaves a target no DNS query can be built from (an empty or over-long label, possibly
 * from a macro) undefined; like the RFC's own §4.3 and §5 treatment of such names, it is taken
 * as a name that does not exist: no match.
 */
async function targetName(spec: DomainSpec | null, domain: string, ctx: EvaluationContext): Promise<string | null> {
  const target = await targetOf(ctx, spec, domain);
  return target.kind === 'name' ? target.name : null;
}

const unqueryable = (term: SpfMechanism): MechanismMatch => ({
  matched: false,
  detail: `the target of ${term.raw} is not a valid DNS name; treated as non-existent`,
});

function failed(name: string, type: string, result: LookupResult): never {
  const why = isFailure(result) ? `${result.status} (${result.detail})` : result.status;
  throw new SpfAbort('temperror', `${type} lookup of ${name} failed: ${why}`);
}

/** a and mx (§5.3, §5.4): the A records for an IPv4 client, AAAA for IPv6, widened by the dual CIDR length. */
async function matchHost(term: HostMechanism, domain: string, ctx: EvaluationContext): Promise<MechanismMatch> {
  const name = await targetName(term.domain, domain, ctx);
  if (name === null) return unqueryable(term);
  const type = ctx.ip.version === 4 ? 'A' : 'AAAA';
  const prefix = ctx.ip.version === 4 ? term.cidr4 : term.cidr6;

  let hosts = [name];
  if (term.kind === 'mx') {
    const mx = await ctx.queries.resolve(name, 'MX');
    if (isFailure(mx)) failed(name, 'MX', mx);
    if (mx.status !== 'answer') {
      // §5.4: no MX records means no match; the domain's own A records are not used instead.
      countVoid(ctx, term.raw);
      return { matched: false, detail: `MX ${name}: no records (${mx.status.toUpperCase()})` };
    }
    if (mx.records.length > SPF_MX_LIMIT) {
      throw new SpfAbort('permerror', `${term.raw}: ${name} has ${mx.records.length} MX records; the limit is ${SPF_MX_LIMIT} (§4.6.4)`);
    }
    // A null MX (RFC 7505, exchange ".") names no host.
    hosts = mx.records.map((r) => canonicalName(r.exchange)).filter((host) => host !== '');
  }

  const answers = await Promise.all(hosts.map((host) => ctx.queries.resolve(host, type)));
  const found: string[] = [];
  for (const [index, result] of answers.entries()) {
    const host = hosts[index] ?? '';
    if (isFailure(result)) failed(host, type, result);
    if (result.status !== 'answer') continue;
    found.push(...result.records);
    if (addressesMatch(ctx.ip, result.records, prefix)) {
      return { matched: true, detail: `${type} ${host} → ${result.records.join(', ')}; ${ctx.ip.text} is in ${host}/${prefix}` };
    }
  }
  if (term.kind === 'a' && answers.every(isEmpty)) countVoid(ctx, term.raw);
  const via = term.kind === 'mx' ? `MX ${name} → ${hosts.join(', ') || 'no host'}; ` : '';
  return { matched: false, detail: `${via}${type} → ${found.join(', ') || 'no records'}; ${ctx.ip.text} not within /${prefix}` };
}

/** exists (§5.7): always an A lookup, whatever the client's address family; any answer matches. */
async function matchExists(term: TargetMechanism, domain: string, ctx: EvaluationContext): Promise<MechanismMatch> {
  const name = await targetName(term.domain, domain, ctx);
  if (name === null) return unqueryable(term);
  const result = await ctx.queries.resolve(name, 'A');
  if (isFailure(result)) failed(name, 'A', result);
  if (result.status === 'answer') return { matched: true, detail: `A ${name} → ${result.records.join(', ')}` };
  countVoid(ctx, term.raw);
  return { matched: false, detail: `A ${name}: no records (${result.status.toUpperCase()})` };
}

/** include (§5.2): matches on pass only; none is a permerror; errors pass up unchanged. */
async function matchInclude(term: TargetMechanism, domain: string, depth: number, ctx: EvaluationContext): Promise<MechanismMatch> {
  const target = await targetOf(ctx, term.domain, domain);
  if (target.kind !== 'name') throw new SpfAbort('permerror', `${term.raw}: the target is not a valid DNS name`);
  const outcome = await ctx.checkDomain(target.name, depth + 1);
  if (outcome.result === 'none') throw new SpfAbort('permerror', `${term.raw}: ${outcome.reason}`);
  return { matched: outcome.result === 'pass', detail: `${target.name} → ${outcome.result}` };
}

/** ptr (§5.5): a validated PTR name of the client equal to the target or below it. */
async function matchPtr(term: PtrMechanism, domain: string, ctx: EvaluationContext): Promise<MechanismMatch> {
  const name = await targetName(term.domain, domain, ctx);
  if (name === null) return unqueryable(term);
  const within = (candidate: string): boolean => candidate === name || candidate.endsWith(`.${name}`);
  const { names, detail } = await validatedNames(ctx.ip, ctx.queries, within);
  return { matched: names.length > 0, detail: `${detail} (target ${name})` };
}
