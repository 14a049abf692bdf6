import type { ReportSerializer, RunInfo } from '../render/formats.js';
import type { FailOnCondition, FailOnJudgement } from '../report/fail-on.js';
import type { ReportData } from '../report/report.js';
import { SummaryCollector, type RunSummary } from '../report/summary.js';
import { CliError, EXIT } from './errors.js';
import { finishReport, type FinishedReport } from './finished-report.js';
import type { OutputTarget } from './output-target.js';
import type { ChunkedOutput } from './write.js';
import { writeOut } from './write.js';

/**
 * Where the reports of a run go, for `audit` and for `report` (saved reports) alike: each report to the
 * serializer, into the run summary and past --fail-on; at the end the serializer's closing part, which
 * may show the summary.
 */
export class ReportOutput {
  private readonly collector = new SummaryCollector();
  private readonly failOn: Record<FailOnJudgement, number> = { match: 0, undetermined: 0, clear: 0 };
  /** Reports written so far. */
  count = 0;

  constructor(
    private readonly out: ChunkedOutput,
    private readonly serializer: ReportSerializer,
    private readonly conditions: readonly FailOnCondition[],
  ) {}

  start(): Promise<void> | undefined {
    return this.out.write(this.serializer.start);
  }

  /** Returns a promise only when the caller must wait for the output (see ChunkedOutput.write). */
  add(report: ReportData): Promise<void> | undefined {
    return this.addFinished(finishReport(report, this.count, this.serializer, this.conditions));
  }

  /** A report finished where it was audited (a worker thread: finishReport); written here if it was not yet. */
  addFinished(done: FinishedReport): Promise<void> | undefined {
    this.collector.add(done.tally);
    if (done.judgement) this.failOn[done.judgement]++;
    const index = this.count++;
    return this.out.write(done.text ?? this.serializer.item(done.report as ReportData, index));
  }

  summary(elapsedSeconds: number, dnsQueries: number, slowestDomain: RunSummary['slowestDomain'] = null): RunSummary {
    return this.collector.summary(elapsedSeconds, dnsQueries, slowestDomain);
  }

  /** The serializer's closing part, then everything is flushed. */
  async end(run: RunInfo): Promise<void> {
    await this.out.write(this.serializer.end(run));
    await this.out.flush();
  }

  /** --fail-on: exit 1 when a report matched, 3 when none did but DNS failures hid some verdicts. */
  throwForFailOn(): void {
    const conditions = this.conditions.join(',');
    const { match, undetermined } = this.failOn;
    const more = undetermined > 0 ? ` (${undetermined} more undetermined)` : '';
    if (match > 0) throw new CliError(`${match} of ${this.count} domains match --fail-on ${conditions}${more}`, EXIT.violation);
    if (undetermined > 0) {
      throw new CliError(`failed closed: DNS errors hid the verdict of ${undetermined} of ${this.count} domains, which may match --fail-on ${conditions}`, EXIT.undetermined);
    }
  }
}

/** The run summary as JSON to --summary; an interrupted run's goes to `<file>.partial` (returns where, for the message). */
export async function writeSummaryFile(target: OutputTarget, summary: unknown, interrupted: boolean): Promise<string> {
  try {
    await writeOut(target.stream, `${JSON.stringify(summary, null, 2)}\n`);
    if (!interrupted) {
      await target.commit();
      return '';
    }
    return await target.keepPartial();
  } catch (error) {
    await target.discard();
    throw error;
  }
}
