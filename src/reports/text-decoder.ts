/**
 * Bytes to text for the XML reader: UTF-8 unless a UTF-16 byte-order mark says otherwise; the BOM
 * itself is dropped. Invalid UTF-8 becomes U+FFFD (real reporters send it) and is then caught where
 * it matters: a From domain holding it is not a domain name.
 */
import { TextDecoder } from 'node:util';

export function textDecoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}
