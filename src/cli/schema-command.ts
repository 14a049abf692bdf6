import type { Command } from 'commander';
import { writeOut } from './write.js';

export function addSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of one report (an NDJSON line, or an item of the JSON array)')
    .option('--config', 'print the JSON Schema of the gate\'s config file instead')
    .option('--reports', 'print the JSON Schema of `dmarc-audit reports --format json` instead')
    .action(async (options: { config?: boolean; reports?: boolean }) => {
      // The schemas (and zod) are loaded only for this command, to keep them out of every start-up.
      const schema = options.config
        ? (await import('../gate/config-schema.js')).configJsonSchema()
        : options.reports
          ? (await import('../reports/output-schema.js')).reportsJsonSchema()
          : (await import('../report/schema.js')).reportJsonSchema();
      await writeOut(process.stdout, `${JSON.stringify(schema, null, 2)}\n`);
    });
}
