import { escapeForTerminal, safeJson } from '../escape.js';

const HTML_SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or an attribute value: nothing in it can open a tag, an entity or end a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (ch) => ENTITY[ch] as string);
}

/**
 * Untrusted text (DNS data, input lines, report contents) for a page: control and invisible characters
 * shown as visible escapes first, as in the terminal (a bidi override would reorder what a reader
 * sees), then HTML-escaped.
 */
export const untrustedHtml = (text: string): string => escapeHtml(escapeForTerminal(text));

/**
 * JSON for a `<script type="application/json">` data block. Every "<" is written as \u003c, so the
 * block holds no "<" at all and nothing in the data can end the element ("</script") or switch the
 * parser's state ("<!--"); the parsed value is unchanged. U+2028/2029 and other invisible characters
 * are escaped by safeJson.
 */
export function scriptJson(value: unknown): string {
  return safeJson(value).replace(/</g, '\\u003c');
}
