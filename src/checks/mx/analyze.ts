/** A domain's MX records (RFC 5321 §5.1) and null MX (RFC 7505), and optionally whether each host has an address. */
import { isIP } from 'node:net';
import { dnsErrorFinding } from '../../findings/dns-error.js';
import type { CoreCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import { canonicalName, isFailure, type MxData, type Resolver } from '../../dns/types.js';
import type { MxCode } from './catalog.js';

export type MxFinding = FindingData<MxCode | CoreCode>;
export type MxStatus = 'ok' | 'null' | 'none' | 'error';
export type MxTargetStatus = 'ok' | 'ip-literal' | 'no-address' | 'error';

export interface MxResult {
  /** ok: mail servers; null: exactly the null MX "0 ."; none: no MX (mail goes to A/AAAA); error: the lookup failed. */
  status: MxStatus;
  /** By preference, then name; the null MX is written ".". */
  hosts: MxData[];
  /** Whether each host has an address; null when not looked up (--mx-targets). */
  targets: { exchange: string; status: MxTargetStatus }[] | null;
  findings: MxFinding[];
}

/** Hosts whose addresses are looked up at most, as RFC 7208 §4.6.4 caps MX names for SPF. */
export const MAX_TARGETS = 10;

const isNull = (host: MxData): boolean => canonicalName(host.exchange) === '';

/**
 * The mail hosts of an MX answer, by preference, without the null MX, IP literals or repeats, at most
 * MAX_TARGETS: what the checks that look further at each host (MTA-STS coverage, DANE) go through.
 */
export function mailHosts(records: readonly MxData[]): string[] {
  const sorted = records.filter((host) => !isNull(host)).sort((a, b) => a.preference - b.preference);
  const hosts = new Set<string>();
  for (const { exchange } of sorted) if (!isIP(canonicalName(exchange))) hosts.add(canonicalName(exchange));
  return [...hosts].slice(0, MAX_TARGETS);
}

export async function analyzeMx(domain: string, resolver: Resolver, lookUpTargets: boolean): Promise<MxResult> {
  const answer = await resolver.resolve(domain, 'MX');
  if (isFailure(answer)) return { status: 'error', hosts: [], targets: null, findings: [dnsErrorFinding('mx', domain, 'MX', answer)] };
  if (answer.status !== 'answer') return { status: 'none', hosts: [], targets: null, findings: [{ code: 'MX_MISSING', args: { domain } }] };

  const hosts = answer.records
    .map((host) => ({ preference: host.preference, exchange: isNull(host) ? '.' : canonicalName(host.exchange) }))
    .sort((a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange));
  const real = hosts.filter((host) => host.exchange !== '.');
  const findings: MxFinding[] = [];
  if (real.length < hosts.length) {
    if (real.length === 0) return { status: 'null', hosts, targets: null, findings: [{ code: 'MX_NULL', args: { domain } }] };
    findings.push({ code: 'MX_NULL_MIXED', args: { domain, others: real.length } });
  }
  const targets = lookUpTargets ? await targetStatuses(real.slice(0, MAX_TARGETS), resolver, findings) : null;
  if (!targets) {
    // An IP literal needs no lookup to be wrong.
    for (const { exchange } of real) if (isIP(exchange)) findings.push({ code: 'MX_TARGET_INVALID', args: { domain, exchange, problem: 'ip-literal' } });
  }
  for (const target of targets ?? []) {
    if (target.status === 'ip-literal' || target.status === 'no-address') findings.push({ code: 'MX_TARGET_INVALID', args: { domain, exchange: target.exchange, problem: target.status } });
  }
  return { status: 'ok', hosts, targets, findings };
}

/** Each host's A and AAAA: an address either way is enough; a failure is an error, never "no address". */
async function targetStatuses(hosts: MxData[], resolver: Resolver, findings: MxFinding[]): Promise<NonNullable<MxResult['targets']>> {
  return Promise.all(
    hosts.map(async ({ exchange }): Promise<{ exchange: string; status: MxTargetStatus }> => {
      if (isIP(exchange)) return { exchange, status: 'ip-literal' };
      const [a, aaaa] = await Promise.all([resolver.resolve(exchange, 'A'), resolver.resolve(exchange, 'AAAA')]);
      if (a.status === 'answer' || aaaa.status === 'answer') return { exchange, status: 'ok' };
      const failed = [a, aaaa].find(isFailure);
      if (failed) {
        findings.push(dnsErrorFinding('mx', exchange, failed === a ? 'A' : 'AAAA', failed));
        return { exchange, status: 'error' };
      }
      return { exchange, status: 'no-address' };
    }),
  );
}
