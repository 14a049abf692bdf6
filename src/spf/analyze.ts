/** The audit view of a domain's SPF policy, without a sending IP (RFC 7208). */
import { canonicalName, type Resolver } from '../dns/types.js';
import { LookupCounter } from './lookup-count.js';
import { MAX_SPF_QUERIES, SpfQueries } from './queries.js';
import { selectSpfRecord } from './select-record.js';
import type { SpfAnalysis, SpfFinding, SpfStatus } from './types.js';
import { dnsErrorFinding } from '../findings/dns-error.js';
import { MAX_INCLUDE_DEPTH, walkRecord } from './walk.js';
import type { WalkContext } from './walk.js';

export interface SpfAnalysisOptions {
  /** DNS queries the walk may ask for; default MAX_SPF_QUERIES. */
  maxQueries?: number;
  /** Deepest include/redirect nesting followed; default MAX_INCLUDE_DEPTH. */
  maxIncludeDepth?: number;
}

/** §3.4: answers over 512 bytes may not fit a UDP response. */
const RECORD_SIZE_LIMIT = 512;

/** Findings that make check_host() end in permerror. */
export const PERMERROR_CODES: ReadonlySet<SpfFinding['code']> = new Set<SpfFinding['code']>([
  'SPF_MULTIPLE_RECORDS',
  'SPF_INVALID',
  'SPF_TOO_MANY_LOOKUPS',
  'SPF_TOO_MANY_VOID_LOOKUPS',
  'SPF_TOO_MANY_MX',
  'SPF_INCLUDE_LOOP',
  'SPF_INCLUDE_MISSING',
]);

export async function analyzeSpf(domain: string, resolver: Resolver, options: SpfAnalysisOptions = {}): Promise<SpfAnalysis> {
  const name = canonicalName(domain);
  const queries = new SpfQueries(resolver, options.maxQueries ?? MAX_SPF_QUERIES);
  const selection = selectSpfRecord(await queries.root(name));
  const none = { record: null, dnsLookups: 0, voidLookups: 0, all: null, tree: null, truncated: false };
  switch (selection.kind) {
    case 'failure':
      return { ...none, status: 'error', findings: [dnsErrorFinding('spf', name, 'TXT', selection.lookup)] };
    case 'none':
      return { ...none, status: 'missing', findings: [{ code: 'SPF_MISSING', args: { domain: name } }] };
    case 'multiple':
      return { ...none, status: 'invalid', findings: [{ code: 'SPF_MULTIPLE_RECORDS', args: { domain: name, count: selection.count } }] };
    case 'record':
      break;
  }

  const { record } = selection;
  const ctx: WalkContext = {
    queries,
    counter: new LookupCounter(),
    findings: [],
    maxDepth: options.maxIncludeDepth ?? MAX_INCLUDE_DEPTH,
    truncated: false,
  };
  const { node, parsed, all } = await walkRecord(name, record, [name], ctx);

  const findings = ctx.findings;
  const { counter } = ctx;
  if (counter.lookupLimitExceeded) findings.push({ code: 'SPF_TOO_MANY_LOOKUPS', args: { count: counter.lookups } });
  if (counter.voidLimitExceeded) findings.push({ code: 'SPF_TOO_MANY_VOID_LOOKUPS', args: { count: counter.voidLookups } });
  if (all === '+all') findings.push({ code: 'SPF_PASS_ALL' });
  if (all === '?all') findings.push({ code: 'SPF_NEUTRAL_ALL' });
  // Judged on the record as written: an all that failed to parse is already an SPF_INVALID.
  const hasAll = parsed.terms.some((term) => term.kind === 'all');
  if (!hasAll && !parsed.redirect && parsed.errors.length === 0) findings.push({ code: 'SPF_NO_ALL' });
  const bytes = Buffer.byteLength(record, 'utf8');
  if (bytes > RECORD_SIZE_LIMIT) findings.push({ code: 'SPF_RECORD_TOO_LONG', args: { domain: name, bytes } });

  const unique = dedupe(findings);
  return {
    status: statusOf(unique),
    record,
    dnsLookups: counter.lookups,
    voidLookups: counter.voidLookups,
    all,
    tree: node,
    findings: unique,
    truncated: ctx.truncated,
  };
}

/** A failed lookup anywhere wins: until it is retried, what the tree would say is unknown. */
function statusOf(findings: SpfFinding[]): SpfStatus {
  if (findings.some((f) => f.code === 'DNS_ERROR')) return 'error';
  return findings.some((f) => PERMERROR_CODES.has(f.code)) ? 'invalid' : 'valid';
}

/** The same name can be reached twice (two includes of one provider); report each fact once. */
function dedupe(findings: SpfFinding[]): SpfFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify([finding.code, finding.args ?? {}]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
