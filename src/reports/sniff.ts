/** What a stream holds, told by its first bytes: real reporters' file names and content types lie. */
export type ContentKind = 'gzip' | 'zip' | 'xml' | 'json' | 'mbox' | 'email' | 'empty' | 'unknown';

/** Bytes to look at; enough for a BOM, white space and the first header line. */
export const SNIFF_BYTES = 1024;

/** One header field line of RFC 5322 §2.2: a name of printable ASCII without colon, then ":". */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]{1,76}:/;

export function sniff(head: Buffer): ContentKind {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'zip';
  if (head.subarray(0, 4).equals(Buffer.from('PK\x05\x06', 'latin1'))) return 'zip';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'xml';
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  const start = text.trimStart();
  if (start === '') return text.length === 0 ? 'empty' : 'unknown';
  if (start.startsWith('<')) return 'xml';
  if (start.startsWith('{')) return 'json';
  if (text.startsWith('From ')) return 'mbox';
  if (HEADER_LINE.test(text)) return 'email';
  return 'unknown';
}
