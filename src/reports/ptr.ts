/**
 * Forward-confirmed reverse DNS (FCrDNS) of a source IP through the project's own resolver: a PTR
 * name counts only when its A/AAAA records lead back to the IP, since anyone controlling the reverse
 * zone of their addresses can claim any name (RFC 8601 §3, "iprev").
 */
import { canonicalName, isFailure, type Resolver } from '../dns/types.js';
import { parseClientIp } from '../spf/client-ip.js';
import { addressesMatch } from '../spf/validated-names.js';

export interface PtrResult {
  status: 'confirmed' | 'unconfirmed' | 'none' | 'error';
  /** The confirmed name; for "unconfirmed", the first name claimed. */
  name: string | null;
}

/** Names checked per IP, as SPF's ptr mechanism does (RFC 7208 §4.6.4). */
const MAX_NAMES = 10;

export async function confirmedPtr(ipText: string, resolver: Resolver): Promise<PtrResult> {
  const ip = parseClientIp(ipText);
  if (!ip) return { status: 'none', name: null };
  const ptr = await resolver.resolve(ip.reverseName, 'PTR');
  if (isFailure(ptr)) return { status: 'error', name: null };
  if (ptr.status !== 'answer' || ptr.records.length === 0) return { status: 'none', name: null };
  const names = ptr.records.slice(0, MAX_NAMES).map(canonicalName);
  const type = ip.version === 4 ? 'A' : 'AAAA';
  const forward = await Promise.all(names.map((name) => resolver.resolve(name, type)));
  const confirmed = names.find((_, i) => {
    const result = forward[i];
    return result?.status === 'answer' && addressesMatch(ip, result.records, ip.version === 4 ? 32 : 128);
  });
  if (confirmed) return { status: 'confirmed', name: confirmed };
  // A failed forward lookup might have confirmed it: not knowing is not "unconfirmed".
  if (forward.some((result) => isFailure(result))) return { status: 'error', name: names[0] ?? null };
  return { status: 'unconfirmed', name: names[0] ?? null };
}
