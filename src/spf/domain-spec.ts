/** Domain-specs (RFC 7208 §7.1): their syntax, and the name a mechanism or modifier points at. */
import { canonicalName, isTopLabel } from '../dns/types.js';
import { expandMacros, parseMacroString } from './macro.js';
import type { MacroLetter, MacroToken, MacroValues } from './macro.js';

export interface DomainSpec {
  /** As written in the record. */
  raw: string;
  tokens: MacroToken[];
}

export type DomainSpecParse = { ok: true; spec: DomainSpec } | { ok: false; error: string };

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )

/** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand */
export function parseDomainSpec(raw: string): DomainSpecParse {
  if (raw === '') return { ok: false, error: 'the domain-spec is empty' };
  const parsed = parseMacroString(raw, 'record');
  if (!parsed.ok) return parsed;
  const last = parsed.tokens[parsed.tokens.length - 1];
  if (last?.kind === 'literal') {
    // The toplabel is plain text, so it lies entirely in the final literal.
    const text = last.text.endsWith('.') ? last.text.slice(0, -1) : last.text;
    const dot = text.lastIndexOf('.');
    if (dot < 0 || !isTopLabel(text.slice(dot + 1))) {
      return {
        ok: false,
        error: 'the domain must end in a top-level label of letters, digits and hyphens, not all digits, or in a macro',
      };
    }
  }
  return { ok: true, spec: { raw, tokens: parsed.tokens } };
}

export type Target =
  | { kind: 'name'; name: string }
  /** The spec uses macros whose values come from the message (sender, IP, HELO…). */
  | { kind: 'needs-macros'; letters: MacroLetter[] }
  /** Expansion produced something no DNS query can be built from (§4.8 leaves the result undefined). */
  | { kind: 'malformed'; name: string };

const MAX_NAME = 253;

/**
 * The name to query for a mechanism or modifier: its domain-spec expanded, or the current
 * domain when it has none (§4.8). Trailing dot removed and, past 253 characters, labels
 * dropped from the left (§7.3).
 */
export function resolveTarget(spec: DomainSpec | null, values: MacroValues & { d: string }): Target {
  if (spec === null) return { kind: 'name', name: values.d };
  const expanded = expandMacros(spec.tokens, values);
  if (!expanded.ok) return { kind: 'needs-macros', letters: expanded.missing };
  let name = canonicalName(expanded.value);
  while (name.length > MAX_NAME && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  const labels = name.split('.');
  if (name.length > MAX_NAME || labels.some((label) => label === '' || label.length > 63)) {
    return { kind: 'malformed', name };
  }
  return { kind: 'name', name };
}
