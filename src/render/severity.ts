import type { ChalkInstance } from 'chalk';
import type { Severity } from '../findings/types.js';

/** The one mark each severity has in text output (audit, spf and gate alike). */
export function severityMark(severity: Severity, c: ChalkInstance): string {
  return { error: c.red('✖'), warning: c.yellow('▲'), info: c.blue('ℹ') }[severity];
}

/** Findings order in every output: errors, then warnings, then notes; otherwise as found. */
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
