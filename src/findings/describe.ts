import { CATALOG, type CatalogCode, type FindingCode } from './catalog.js';
import type { Finding, FindingData, Severity } from './types.js';

/** A finding or gate judgement in words: its severity, message, fix and reference, from the catalog. */
export interface Described {
  code: CatalogCode;
  severity: Severity;
  message: string;
  fix: string;
  ref: string;
}

/** Turns a code and its facts into the words and reference a person reads. */
export function describe(finding: FindingData<CatalogCode>): Described {
  const { code, args = {} } = finding;
  const entry = CATALOG[code];
  return { code, severity: severityOf(finding), message: entry.message(args), fix: entry.fix(args), ref: typeof entry.ref === 'string' ? entry.ref : entry.ref(args) };
}

/** An audit finding in words, as a report carries it. */
export function describeFinding(finding: FindingData<FindingCode>): Finding {
  return describe(finding) as Finding;
}

/** A finding's severity, without wording it. */
export function severityOf({ code, args = {} }: FindingData<CatalogCode>): Severity {
  const { severity } = CATALOG[code];
  return typeof severity === 'string' ? severity : severity.of(args);
}

/** The severities a code can have, most severe first: for tables that describe codes rather than findings. */
export function severitiesOf(code: CatalogCode): readonly Severity[] {
  const { severity } = CATALOG[code];
  return typeof severity === 'string' ? [severity] : severity.possible;
}
