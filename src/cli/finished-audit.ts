import type { DomainAudit } from '../engine/audit.js';
import type { ReportSerializer } from '../render/formats.js';
import { judgeFailOn, type FailOnCondition, type FailOnJudgement } from '../report/fail-on.js';
import { isInputError } from '../report/input-error.js';
import { summaryTally, type SummaryTally } from '../report/summary.js';

/**
 * Everything the audit command keeps of one domain's audit once it is done: its output text, what it
 * adds to the summary and to --fail-on, and whether the progress line counts it as an error. Plain
 * data, so a worker thread can post it instead of the audit; one code path makes it in either case.
 */
export interface FinishedAudit {
  text: string;
  tally: SummaryTally;
  /** Only when --fail-on is given. */
  judgement?: FailOnJudgement;
  /** A domain whose verdict is error (an input line that is not a domain is not one). */
  failed: boolean;
}

/** `index` is the report's place in the output: the serializer needs it (the first JSON item has no comma). */
export function finishAudit(audit: DomainAudit, index: number, serializer: ReportSerializer, failOn: readonly FailOnCondition[]): FinishedAudit {
  return {
    text: serializer.item(audit, index),
    tally: summaryTally(audit),
    judgement: failOn.length > 0 ? judgeFailOn(audit, failOn) : undefined,
    failed: audit.verdict === 'error' && !isInputError(audit),
  };
}
