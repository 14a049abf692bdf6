import { clipText } from '../findings/clip-text.js';
import { describeFinding } from '../findings/describe.js';
import type { FindingArgs } from '../findings/types.js';
import type { AuditReport } from './schema.js';

const MAX_INPUT_SHOWN = 256;

/**
 * The report for an input line that is not a domain: it keeps its place in the output (rows line up
 * with input lines) and says what is wrong, so one bad line never costs the rest of the list.
 */
export function inputErrorReport(input: string, error: string, line?: number): AuditReport {
  const shown = clipText(input, MAX_INPUT_SHOWN);
  const args: FindingArgs = { input: shown, error: clipText(error, MAX_INPUT_SHOWN * 2) };
  if (line !== undefined) args.line = line;
  return {
    domain: shown,
    verdict: 'error',
    grade: 'F',
    dmarc: {
      status: 'error',
      record: null,
      source: null,
      inherited: false,
      organizationalDomain: null,
      policy: null,
      appliedTag: null,
      effectivePolicy: null,
      enforcing: false,
      walk: [],
    },
    spf: { status: 'error', record: null, dnsLookups: 0, voidLookups: 0, all: null, truncated: false, tree: null },
    findings: [describeFinding({ code: 'INPUT_INVALID', args })],
  };
}
