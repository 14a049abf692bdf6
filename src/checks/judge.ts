/** The three judgements of a gate rule, for the checks' rules.ts files. */
import type { FindingData } from '../findings/types.js';
import type { RuleCheck } from './types.js';

export const passed = (): RuleCheck => ({ status: 'pass', finding: { code: 'GATE_PASSED' } });
export const failed = (finding: FindingData, covers?: readonly string[]): RuleCheck => ({ status: 'fail', finding, ...(covers ? { covers } : {}) });
/** Undetermined, with the finding that says what failed (a DNS_ERROR, an HTTPS fetch), never a pass. */
export const undetermined = (finding: FindingData): RuleCheck => ({ status: 'undetermined', finding });
