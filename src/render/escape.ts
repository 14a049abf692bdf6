// C0 and C1 controls, DEL, the Unicode format characters that reorder or hide text (bidi overrides
// and isolates, zero-width characters, line/paragraph separators), and lone surrogates, which are
// not characters at all and would reach the terminal as U+FFFD, hiding what was there.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(ch: string): string {
  if (ch === '\\') return '\\\\';
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Makes DNS-sourced text safe to print: a TXT record can carry terminal escape sequences or
 * bidi tricks, so every control or invisible formatting character is shown as a visible escape
 * (and backslashes are doubled so the escapes stay unambiguous).
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

// What JSON.stringify leaves raw but a terminal or viewer may act on: DEL, C1 controls and the
// invisible formatting characters above. JSON's own structure is ASCII, so these can only be
// inside strings, where a \uXXXX escape stands for exactly the same character.
const RAW_IN_JSON = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/** The same without the g flag, so test() keeps no lastIndex between calls. */
const HAS_RAW_IN_JSON = new RegExp(RAW_IN_JSON.source);

/**
 * JSON.stringify, with every character a terminal could act on written as a \u escape: the parsed
 * value is identical, and `cat report.json` is as safe as the text format. (JSON.stringify already
 * escapes C0 controls and lone surrogates, so the output is always valid UTF-8.)
 */
export function safeJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  // replace() copies the whole text even when nothing matches, which is almost always: test first.
  return HAS_RAW_IN_JSON.test(json) ? json.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
