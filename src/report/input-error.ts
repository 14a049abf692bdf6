import { clipText } from '../findings/clip-text.js';
import type { FindingArgs } from '../findings/types.js';
import type { DomainAudit } from '../engine/audit.js';

const MAX_INPUT_SHOWN = 256;

/**
 * The audit of an input line that is not a domain: no check ran. It keeps its place in the output
 * (rows line up with input lines) and says what is wrong, so one bad line never costs the rest of the list.
 */
export function inputErrorAudit(input: string, error: string, line?: number): DomainAudit {
  const shown = clipText(input, MAX_INPUT_SHOWN);
  const args: FindingArgs = { input: shown, error: clipText(error, MAX_INPUT_SHOWN * 2) };
  if (line !== undefined) args.line = line;
  return { domain: shown, verdict: 'error', grade: 'F', checks: [], results: {}, findings: [{ code: 'INPUT_INVALID', args }] };
}

/** An input line that is not a domain: no check ran. Counted apart from audited domains everywhere. */
export const isInputError = (audit: { checks: readonly string[] }): boolean => audit.checks.length === 0;
