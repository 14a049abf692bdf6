import type { FindingCode } from './catalog.js';

export type Severity = 'error' | 'warning' | 'info';

export type FindingArgs = Record<string, string | number>;

/**
 * What analysis modules return: a stable code and the facts behind it. The catalog turns it into
 * words, so parsers and analysers never format messages.
 */
export interface FindingData {
  code: FindingCode;
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
