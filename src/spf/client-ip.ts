/** The SMTP client's address as check_host() sees it (RFC 7208 §4.1, §5, §7.3). Pure. */
import { parseIp4, parseIp6 } from './cidr.js';

export interface ClientIp {
  version: 4 | 6;
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: number[];
  /** Readable form, the %{c} macro: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as "::"). */
  text: string;
  /** The %{i} macro: dotted quad, or 32 dot-separated hex nibbles for IPv6 (§7.3). */
  dotted: string;
  /** The %{v} macro: "in-addr" or "ip6". */
  v: 'in-addr' | 'ip6';
  /** The name of the PTR record for this address (RFC 1035 §3.5, RFC 3596 §2.5). */
  reverseName: string;
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/**
 * Parses an IPv4 or IPv6 address. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) becomes the IPv4
 * address: §5 says it "MUST still be considered an IPv4 address", so it matches ip4 and A, never ip6.
 */
export function parseClientIp(input: string): ClientIp | null {
  const ip4 = parseIp4(input);
  if (ip4) return fromIp4(ip4);
  const ip6 = parseIp6(input);
  if (!ip6) return null;
  if (MAPPED_PREFIX.every((byte, index) => ip6[index] === byte)) return fromIp4(ip6.slice(12));
  // The RFC's own examples (§7.4) write the nibbles of %{i} in upper case.
  const nibbles = ip6.flatMap((byte) => [byte >> 4, byte & 0xf]).map((n) => n.toString(16).toUpperCase());
  return {
    version: 6,
    bytes: ip6,
    text: formatIp6(ip6),
    dotted: nibbles.join('.'),
    v: 'ip6',
    reverseName: `${[...nibbles].reverse().join('.').toLowerCase()}.ip6.arpa`,
  };
}

function fromIp4(bytes: number[]): ClientIp {
  const dotted = bytes.join('.');
  return { version: 4, bytes, text: dotted, dotted, v: 'in-addr', reverseName: `${[...bytes].reverse().join('.')}.in-addr.arpa` };
}

/** RFC 5952 §4: lower case, no leading zeros, the longest run (first if tied) of two or more zero groups as "::". */
function formatIp6(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => (((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0)).toString(16));
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === '0') length++;
    if (length > best.length) best = { start, length };
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/** Whether `ip` lies in `network`/`prefix`; addresses of the other family never match (§5.6). */
export function inNetwork(ip: ClientIp, network: readonly number[], prefix: number): boolean {
  if (network.length !== ip.bytes.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const bits = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    const index = bit / 8;
    if (((ip.bytes[index] ?? 0) & mask) !== ((network[index] ?? 0) & mask)) return false;
  }
  return true;
}
