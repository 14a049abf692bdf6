import type { Command } from 'commander';
import { configJsonSchema } from '../gate/config-schema.js';
import { reportJsonSchema } from '../report/schema.js';
import { writeOut } from './write.js';

export function addSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of one report (an NDJSON line, or an item of the JSON array)')
    .option('--config', 'print the JSON Schema of the gate\'s config file instead')
    .action(async (options: { config?: boolean }) => {
      const schema = options.config ? configJsonSchema() : reportJsonSchema();
      await writeOut(process.stdout, `${JSON.stringify(schema, null, 2)}\n`);
    });
}
