import { FINDING_CATALOG } from './catalog.js';
import type { Finding, FindingData } from './types.js';

/** Turns a finding's code and facts into the words and reference a person reads. */
export function describeFinding({ code, args = {} }: FindingData): Finding {
  const entry = FINDING_CATALOG[code];
  return {
    code,
    severity: entry.severity,
    message: entry.message(args),
    fix: entry.fix(args),
    ref: typeof entry.ref === 'string' ? entry.ref : entry.ref(args),
  };
}
