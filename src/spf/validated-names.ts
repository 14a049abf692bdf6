/** Validated domain names of the client IP (RFC 7208 §5.5), for the ptr mechanism and %{p}. */
import { canonicalName, isFailure } from '../dns/types.js';
import { parseIp4, parseIp6 } from './cidr.js';
import type { ClientIp } from './client-ip.js';
import { inNetwork } from './client-ip.js';
import { SPF_PTR_LIMIT } from './lookup-count.js';
import type { SpfQueries } from './queries.js';

export interface ValidatedNames {
  /** Names whose A (IPv4) or AAAA (IPv6) records include the client IP, in PTR order. */
  names: string[];
  detail: string;
}

/** Whether any of the address records (A or AAAA text) is the client IP, widened to `prefix` bits. */
export function addressesMatch(ip: ClientIp, addresses: readonly string[], prefix: number): boolean {
  return addresses.some((text) => {
    const bytes = ip.version === 4 ? parseIp4(text) : parseIp6(text);
    return bytes !== null && inNetwork(ip, bytes, prefix);
  });
}

/**
 * §5.5: the PTR names of the IP (the first 10 only, §4.6.4), each kept if its forward lookup
 * returns the IP. A failed PTR lookup leaves no names; a failed forward lookup skips that name.
 * `candidate` lets the ptr mechanism skip names that could not match its target anyway.
 */
export async function validatedNames(
  ip: ClientIp,
  queries: SpfQueries,
  candidate: (name: string) => boolean = () => true,
): Promise<ValidatedNames> {
  const ptr = await queries.resolve(ip.reverseName, 'PTR');
  if (ptr.status !== 'answer') {
    const why = isFailure(ptr) ? `failed: ${ptr.status} (${ptr.detail})` : `found nothing (${ptr.status.toUpperCase()})`;
    return { names: [], detail: `PTR ${ip.reverseName} ${why}` };
  }
  const all = ptr.records.map(canonicalName);
  const checked = all.slice(0, SPF_PTR_LIMIT).filter(candidate);
  const type = ip.version === 4 ? 'A' : 'AAAA';
  const forward = await Promise.all(checked.map((name) => queries.resolve(name, type)));
  const names = checked.filter((_, index) => {
    const result = forward[index];
    return result?.status === 'answer' && addressesMatch(ip, result.records, ip.version === 4 ? 32 : 128);
  });
  const ignored = all.length > SPF_PTR_LIMIT ? `; ${all.length - SPF_PTR_LIMIT} names past the limit of ${SPF_PTR_LIMIT} ignored` : '';
  const list = names.length > 0 ? names.join(', ') : 'none';
  return { names, detail: `PTR ${ip.reverseName} → ${all.join(', ')}${ignored}; validated: ${list}` };
}

/**
 * §7.3 %{p}: the validated name equal to <domain>, else one below it, else any; "unknown" when
 * there is none.
 */
export function pickValidatedName(names: readonly string[], domain: string): string {
  const target = domain.toLowerCase();
  return (
    names.find((name) => name === target) ?? names.find((name) => name.endsWith(`.${target}`)) ?? names[0] ?? 'unknown'
  );
}
