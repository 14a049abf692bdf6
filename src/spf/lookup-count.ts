/** The processing limits of RFC 7208 §4.6.4, shared by the audit walk and evaluation. */
import type { SpfTerm } from './record.js';

export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LOOKUP_LIMIT = 2;
export const SPF_MX_LIMIT = 10;
/** PTR names checked by the ptr mechanism and the %{p} macro; the rest are ignored, not an error. */
export const SPF_PTR_LIMIT = 10;

/** The terms that query DNS and count against the limit; all, ip4, ip6, exp and unknown modifiers do not. */
export type LookupTerm = Extract<SpfTerm, { kind: 'include' | 'a' | 'mx' | 'ptr' | 'exists' | 'redirect' }>;

export function countsAsLookup(term: SpfTerm): term is LookupTerm {
  switch (term.kind) {
    case 'include':
    case 'a':
    case 'mx':
    case 'ptr':
    case 'exists':
    case 'redirect':
      return true;
    default:
      return false;
  }
}

/**
 * Running totals across one evaluation, include and redirect trees included. It only counts:
 * stopping at the limit is the caller's choice (an audit keeps counting to show the real total).
 */
export class LookupCounter {
  lookups = 0;
  voidLookups = 0;

  countLookup(): void {
    this.lookups++;
  }

  countVoid(): void {
    this.voidLookups++;
  }

  get lookupLimitExceeded(): boolean {
    return this.lookups > SPF_LOOKUP_LIMIT;
  }

  get voidLimitExceeded(): boolean {
    return this.voidLookups > SPF_VOID_LOOKUP_LIMIT;
  }
}
