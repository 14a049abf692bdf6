import type { ReportSerializer } from '../render/formats.js';
import { judgeFailOn, type FailOnCondition, type FailOnJudgement } from '../report/fail-on.js';
import { isInputError } from '../report/input-error.js';
import type { ReportData } from '../report/report.js';
import { summaryTally, type SummaryTally } from '../report/summary.js';

/**
 * What a run keeps of one report once it is done: what it adds to the summary and to --fail-on, whether
 * the progress line counts it as an error, and its output. Plain data, so a worker thread can post it;
 * one function makes it wherever the report was audited, so every thread writes the same bytes.
 */
export interface FinishedReport {
  /** The output text, when the thread that audited the report wrote it (see STATELESS_FORMATS). */
  text?: string;
  /** Otherwise the report itself, for the main thread's serializer, in output order. */
  report?: ReportData;
  tally: SummaryTally;
  /** Only when --fail-on is given. */
  judgement?: FailOnJudgement;
  /** A domain whose verdict is error (an input line that is not a domain is not one). */
  failed: boolean;
}

/**
 * `index` is the report's place in the output (the first JSON item has no comma); without a serializer
 * the report is kept for the one that writes the output.
 */
export function finishReport(report: ReportData, index: number, serializer: ReportSerializer | undefined, failOn: readonly FailOnCondition[]): FinishedReport {
  return {
    ...(serializer ? { text: serializer.item(report, index) } : { report }),
    tally: summaryTally(report),
    judgement: failOn.length > 0 ? judgeFailOn(report, failOn) : undefined,
    failed: report.verdict === 'error' && !isInputError(report),
  };
}
