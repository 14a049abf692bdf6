import type { FindingCode } from './catalog.js';

export type Severity = 'error' | 'warning' | 'info';

export type FindingArgs = Record<string, string | number>;

/**
 * What analysis modules return: a stable code and the facts behind it. The catalog turns it into
 * words at render time, so parsers, checks and gate rules never format messages.
 */
export interface FindingData<Code extends string = string> {
  code: Code;
  args?: FindingArgs;
}

/** A finding as it appears in a report. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** What to do about it. */
  fix: string;
  /** The standard and section, e.g. "RFC 7208 §4.6.4". */
  ref: string;
}

/**
 * The words of one code: its severity, reference, and message and fix over the finding's facts. A
 * severity may depend on the facts (an RSA key of 512 bits is an error, one of 1024 a warning).
 */
export interface CatalogEntry {
  severity: Severity | { of: (args: FindingArgs) => Severity; possible: readonly Severity[] };
  ref: string | ((args: FindingArgs) => string);
  message: (args: FindingArgs) => string;
  fix: (args: FindingArgs) => string;
}

export type Catalog<Code extends string = string> = Record<Code, CatalogEntry>;
