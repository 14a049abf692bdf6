/** SPF macro strings (RFC 7208 §7): parsing into tokens and expansion. */

export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

export type MacroToken =
  | { kind: 'literal'; text: string }
  /** "%%", "%_" and "%-" (§7.1), with the text they stand for. */
  | { kind: 'escape'; raw: '%%' | '%_' | '%-'; text: '%' | ' ' | '%20' }
  | {
      kind: 'macro';
      letter: MacroLetter;
      /** Written in upper case: the expansion is URL-escaped (§7.3). */
      urlEscape: boolean;
      /** Keep only this many right-hand parts (§7.3), or all when null. */
      keep: number | null;
      reverse: boolean;
      /** Characters to split the value on; "." when none are written (§7.3). */
      delimiters: string;
    };

/**
 * Where a macro string appears. In a record (domain-specs and modifier values) c, r and t are
 * not allowed; they exist only in explanation text, which may also contain spaces (§7.1).
 */
export type MacroContext = 'record' | 'explanation';

export type MacroParse = { ok: true; tokens: MacroToken[] } | { ok: false; error: string };

const RECORD_LETTERS = new Set('slodiphv');
const EXPLANATION_LETTERS = new Set('slodiphvcrt');
const MACRO = /^%\{([a-z])(\d*)(r?)([.\-+,/_=]*)\}/i;
const ESCAPES = { '%%': '%', '%_': ' ', '%-': '%20' } as const;

export function parseMacroString(text: string, context: MacroContext): MacroParse {
  const tokens: MacroToken[] = [];
  const letters = context === 'record' ? RECORD_LETTERS : EXPLANATION_LETTERS;
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };

  let index = 0;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char !== 0x25) {
      // macro-literal is visible ASCII except "%"; explain-string adds SP (§7.1).
      const allowed = (char >= 0x21 && char <= 0x7e) || (char === 0x20 && context === 'explanation');
      if (!allowed) return { ok: false, error: `character ${JSON.stringify(text[index])} is not allowed` };
      literal += text[index];
      index++;
      continue;
    }
    const pair = text.slice(index, index + 2);
    if (pair === '%%' || pair === '%_' || pair === '%-') {
      flush();
      tokens.push({ kind: 'escape', raw: pair, text: ESCAPES[pair] });
      index += 2;
      continue;
    }
    const match = MACRO.exec(text.slice(index));
    if (!match) {
      // §7.1: a "%" not followed by "{", "%", "-" or "_" is a syntax error.
      return { ok: false, error: `invalid macro at "${text.slice(index, index + 12)}"` };
    }
    const [whole, letterRaw = '', digits = '', reverse = '', delimiters = ''] = match;
    const letter = letterRaw.toLowerCase();
    if (!letters.has(letter)) {
      const where = EXPLANATION_LETTERS.has(letter) ? ' (allowed only in explanation text)' : '';
      return { ok: false, error: `unknown macro letter "${letterRaw}" in "${whole}"${where}` };
    }
    // §7.3: if a DIGIT transformer is given, it MUST be nonzero.
    if (digits !== '' && /^0+$/.test(digits)) return { ok: false, error: `"${whole}" keeps zero parts` };
    flush();
    tokens.push({
      kind: 'macro',
      letter: letter as MacroLetter,
      urlEscape: letterRaw !== letter,
      keep: digits === '' ? null : Number(digits),
      reverse: reverse !== '',
      delimiters: delimiters === '' ? '.' : delimiters,
    });
    index += whole.length;
  }
  flush();
  return { ok: true, tokens };
}

/** The letters whose values an expansion of `tokens` needs. */
export function macroLetters(tokens: readonly MacroToken[]): MacroLetter[] {
  const letters = tokens.flatMap((token) => (token.kind === 'macro' ? [token.letter] : []));
  return [...new Set(letters)];
}

export type MacroValues = Partial<Record<MacroLetter, string>>;

export type MacroExpansion = { ok: true; value: string } | { ok: false; missing: MacroLetter[] };

/** Expands tokens with the given values (§7.3); says which letters are missing instead of guessing. */
export function expandMacros(tokens: readonly MacroToken[], values: MacroValues): MacroExpansion {
  const missing = macroLetters(tokens).filter((letter) => values[letter] === undefined);
  if (missing.length > 0) return { ok: false, missing };
  let value = '';
  for (const token of tokens) {
    if (token.kind !== 'macro') {
      value += token.text;
      continue;
    }
    const expanded = transform(values[token.letter] ?? '', token);
    value += token.urlEscape ? urlEscape(expanded) : expanded;
  }
  return { ok: true, value };
}

function transform(value: string, token: Extract<MacroToken, { kind: 'macro' }>): string {
  const splitter = new RegExp(`[${token.delimiters.replace(/[-\\\]^]/g, '\\$&')}]`);
  let parts = value.split(splitter);
  if (token.reverse) parts = parts.reverse();
  if (token.keep !== null) parts = parts.slice(-token.keep);
  return parts.join('.');
}

/** §7.3: upper-case macros escape everything outside the RFC 3986 unreserved set. */
function urlEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
