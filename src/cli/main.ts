import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { escapeForTerminal } from '../render/escape.js';
import { addAuditCommand } from './audit-command.js';
import { CliError, EXIT } from './errors.js';
import { addSchemaCommand } from './schema-command.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('dmarc-audit')
    .description('Audit the DMARC (RFC 9989) and SPF (RFC 7208) records of domains.')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run dmarc-audit --help for usage)');
  addAuditCommand(program);
  addSchemaCommand(program);
  return program;
}

/** Runs the CLI and returns the exit code; the only place exit codes are decided. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`dmarc-audit: ${escapeForTerminal(error.message)}\n`);
      return error.exitCode;
    }
    process.stderr.write(`dmarc-audit: internal error: ${escapeForTerminal(String((error as Error)?.stack ?? error))}\n`);
    return EXIT.internal;
  }
}
