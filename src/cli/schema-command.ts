import type { Command } from 'commander';
import { reportJsonSchema } from '../report/schema.js';
import { writeOut } from './write.js';

export function addSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of one report (an NDJSON line, or an item of the JSON array)')
    .action(async () => {
      await writeOut(process.stdout, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
    });
}
