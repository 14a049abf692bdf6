import { Option, type Command } from 'commander';
import { FORMATS, type FormatOf } from '../render/format-names.js';
import type { FailOnCondition } from '../report/fail-on.js';
import { collectFailOn, FAIL_ON_HELP } from './fail-on-option.js';

export interface ReportOptions {
  format: FormatOf<'audit'>;
  output?: string;
  summary?: string;
  failOn: FailOnCondition[];
  quiet?: boolean;
  color?: boolean;
}

export function addReportCommand(program: Command): void {
  program
    .command('report')
    .description('rebuild the summary and any output from saved NDJSON reports (--format ndjson), with no DNS: one run, or the shards of one')
    .argument('<files...>', 'NDJSON files of reports (- for standard input); shards of one run may be given together')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS.audit).default('text'))
    .option('-o, --output <file>', 'write the output to this file instead of stdout')
    .option('--summary <file>', 'also write the run summary as JSON to this file')
    .addOption(new Option('--fail-on <conditions>', FAIL_ON_HELP).argParser(collectFailOn).default([], 'never'))
    .option('-q, --quiet', 'no summary on stderr')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (files: string[], options: ReportOptions) => {
      // The schema check of saved reports loads only when this command runs.
      const { runReport } = await import('./report-run.js');
      await runReport(files, options);
    });
}

