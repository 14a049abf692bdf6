// C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text
// (bidi overrides and isolates, zero-width characters, line/paragraph separators).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\\]/g;

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
