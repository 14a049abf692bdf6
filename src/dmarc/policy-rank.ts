import type { DmarcPolicy } from './types.js';

/** The DMARC policies, weakest first (RFC 9989 §4.7, dmarc-request). */
export const POLICY_LEVELS = ['none', 'quarantine', 'reject'] as const satisfies readonly DmarcPolicy[];

/** How strong a policy is: none < quarantine < reject. */
export const POLICY_RANK: Record<DmarcPolicy, number> = { none: 0, quarantine: 1, reject: 2 };
