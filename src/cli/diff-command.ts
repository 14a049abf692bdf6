import { Option, type Command } from 'commander';
import { FORMATS, type FormatOf } from '../render/format-names.js';

export interface DiffOptions {
  format: FormatOf<'diff'>;
  output?: string;
  failOn?: 'regression';
  quiet?: boolean;
}

export function addDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('what changed per domain between two runs (saved NDJSON): regressions, improvements, other changes; exit 1 with --fail-on regression when any')
    .argument('<old>', 'the earlier run: an NDJSON file of reports (- for standard input)')
    .argument('<new>', 'the later run, likewise')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS.diff).default('text'))
    .option('-o, --output <file>', 'write the diff to this file instead of stdout')
    .addOption(new Option('--fail-on <class>', 'exit 1 when some domain has a change of this class').choices(['regression']))
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (old: string, now: string, options: DiffOptions) => {
      const { runDiff } = await import('./diff-run.js');
      await runDiff(old, now, options);
    });
}
