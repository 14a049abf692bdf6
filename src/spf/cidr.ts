/**
 * Addresses and prefix lengths as RFC 7208 §12 writes them. Stricter than node:net on purpose:
 * the ABNF forbids leading zeros in IPv4 octets and CIDR lengths, and zone IDs in IPv6.
 */

const DEC_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const CIDR_LENGTH = /^(?:0|[1-9]\d{0,2})$/;

/** A dotted quad (RFC 7208 §12 ip4-network) as four bytes, or null. */
export function parseIp4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!DEC_OCTET.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

/**
 * An IPv6 address in any RFC 4291 §2.2 text form (full, "::"-compressed, IPv4 in the last
 * 32 bits) as sixteen bytes, or null.
 */
export function parseIp6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const [head = '', tail] = halves;
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const all = [...headGroups, ...tailGroups];

  const words: number[] = [];
  for (const [index, group] of all.entries()) {
    if (index === all.length - 1 && group.includes('.')) {
      const ip4 = parseIp4(group);
      if (!ip4) return null;
      words.push(((ip4[0] ?? 0) << 8) | (ip4[1] ?? 0), ((ip4[2] ?? 0) << 8) | (ip4[3] ?? 0));
    } else if (HEX_GROUP.test(group)) {
      words.push(parseInt(group, 16));
    } else {
      return null;
    }
  }

  // "::" stands for one or more zero groups (RFC 4291 §2.2 item 2).
  const compressed = tail !== undefined;
  if (compressed ? words.length > 7 : words.length !== 8) return null;
  // In "1.2.3.4::" the IPv4 part ends the text but not the address.
  if (compressed && tailGroups.length === 0 && headGroups.some((group) => group.includes('.'))) return null;
  const zeros: number[] = new Array<number>(8 - words.length).fill(0);
  const full = compressed ? [...words.slice(0, headGroups.length), ...zeros, ...words.slice(headGroups.length)] : words;
  return full.flatMap((word) => [word >> 8, word & 0xff]);
}

/** The digits after "/" of a CIDR length: no leading zeros, at most `max` (RFC 7208 §5.6, §12). */
export function parseCidrLength(digits: string, max: 32 | 128): number | null {
  if (!CIDR_LENGTH.test(digits)) return null;
  const value = Number(digits);
  return value <= max ? value : null;
}
