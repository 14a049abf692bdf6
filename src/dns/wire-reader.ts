/**
 * Bounds-checked reading of DNS wire data. Replies come from the network and may be
 * hostile, so every read is checked and every failure is a `WireError`, which the
 * decoder turns into a "malformed" or "ignore" verdict instead of an exception.
 */

export class WireError extends Error {
  override readonly name = 'WireError';
}

/** RFC 1035 §3.1: a name is at most 255 octets on the wire. */
const MAX_NAME_WIRE_LENGTH = 255;
/** More pointers than this cannot be a legitimate name; stops pointer loops. */
const MAX_COMPRESSION_POINTERS = 64;

export class WireReader {
  offset: number;
  /** The last name decoded and where it starts: a reply's answers point back at its question's name. */
  private lastName: { at: number; name: string } | undefined;

  constructor(
    readonly bytes: Buffer,
    offset = 0,
  ) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(): number {
    this.need(1);
    return this.bytes.readUInt8(this.offset++);
  }

  u16(): number {
    this.need(2);
    const value = this.bytes.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  u32(): number {
    this.need(4);
    const value = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** Four octets as a dotted IPv4 address. */
  ipv4(): string {
    this.need(4);
    const { bytes, offset } = this;
    this.offset += 4;
    return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
  }

  take(length: number): Buffer {
    this.need(length);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  /**
   * A possibly compressed name in presentation form: lower case (DNS names compare
   * case-insensitively in ASCII), no trailing dot, the root as "". Bytes that would be
   * ambiguous in text are escaped as in master files (`\.`, `\\`, `\DDD`) so that two
   * different wire names never decode to the same string.
   */
  name(): string {
    const start = this.offset;
    const last = this.lastName;
    if (last && start + 1 < this.bytes.length) {
      const word = this.bytes.readUInt16BE(start);
      if ((word & 0xc000) === 0xc000 && (word & 0x3fff) === last.at) {
        this.offset = start + 2;
        return last.name;
      }
    }
    let name = '';
    let cursor = start;
    let resumeAt: number | undefined;
    let wireLength = 0;
    let pointers = 0;
    for (;;) {
      if (cursor >= this.bytes.length) throw new WireError('name runs past the end of the message');
      const length = this.bytes.readUInt8(cursor);
      if ((length & 0xc0) === 0xc0) {
        if (cursor + 1 >= this.bytes.length) throw new WireError('truncated compression pointer');
        if (++pointers > MAX_COMPRESSION_POINTERS) throw new WireError('compression pointer loop');
        resumeAt ??= cursor + 2;
        cursor = this.bytes.readUInt16BE(cursor) & 0x3fff;
        continue;
      }
      if ((length & 0xc0) !== 0) throw new WireError(`unsupported label type 0x${length.toString(16)}`);
      wireLength += length + 1;
      if (wireLength > MAX_NAME_WIRE_LENGTH) throw new WireError('name longer than 255 octets');
      if (length === 0) {
        this.offset = resumeAt ?? cursor + 1;
        this.lastName = { at: start, name };
        return name;
      }
      if (cursor + 1 + length > this.bytes.length) throw new WireError('label runs past the end of the message');
      const label = presentLabel(this.bytes, cursor + 1, cursor + 1 + length);
      name = name === '' ? label : `${name}.${label}`;
      cursor += 1 + length;
    }
  }

  private need(length: number): void {
    if (length > this.remaining) throw new WireError(`message truncated at offset ${this.offset}`);
  }
}

/** The label in bytes[from, to) in presentation form, read in place (no Buffer object per label). */
function presentLabel(bytes: Buffer, from: number, to: number): string {
  // Most labels are plain host-name text, and most of those lower case: one decode, no escaping.
  let upper = false;
  let plain = true;
  for (let at = from; at < to && plain; at++) {
    const byte = bytes[at] as number;
    plain = isPlainByte(byte);
    upper ||= byte >= 0x41 && byte <= 0x5a;
  }
  if (plain) return upper ? bytes.toString('latin1', from, to).toLowerCase() : bytes.toString('latin1', from, to);
  let text = '';
  for (let at = from; at < to; at++) {
    const byte = bytes[at] as number;
    if (byte === 0x2e || byte === 0x5c) text += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x21 || byte > 0x7e) text += `\\${byte.toString().padStart(3, '0')}`;
    else if (byte >= 0x41 && byte <= 0x5a) text += String.fromCharCode(byte + 0x20);
    else text += String.fromCharCode(byte);
  }
  return text;
}

/** Bytes that stand for themselves in presentation form: printable ASCII except "." and "\\". */
const isPlainByte = (byte: number): boolean => byte >= 0x21 && byte <= 0x7e && byte !== 0x2e && byte !== 0x5c;

/** Labels of plain bytes only (see isPlainByte), dot-separated. */
const PLAIN_NAME = /^[\x21-\x2d\x2f-\x5b\x5d-\x7e]+(?:\.[\x21-\x2d\x2f-\x5b\x5d-\x7e]+)*$/;

/** Whether `name()` reads this name, once on the wire, back as itself in lower case: no escapes needed. */
export const readsBackPlain = (name: string): boolean => PLAIN_NAME.test(name);

/** RFC 5952 text form: lower-case hex, leading zeros dropped, longest run of 2+ zero groups as "::". */
export function formatIpv6(bytes: Buffer): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
