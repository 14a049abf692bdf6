import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { escapeForTerminal } from '../render/escape.js';
import { addAuditCommand } from './audit-command.js';
import { CliError, EXIT } from './errors.js';
import { addGateCommand } from './gate-command.js';
import { addInitCommand } from './init-command.js';
import { addReportsCommand } from './reports-command.js';
import { addSchemaCommand } from './schema-command.js';
import { addSpfCommand } from './spf-command.js';

/** Our package.json sits two levels up from src/cli and from the bundled CLI in dist/cli, three from dist/src/cli. */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dmarc-audit' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

export function buildProgram(): Command {
  const program = new Command('dmarc-audit')
    .description('Audit the DMARC (RFC 9989) and SPF (RFC 7208) records of domains.')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run dmarc-audit --help for usage)');
  addAuditCommand(program);
  addSchemaCommand(program);
  addSpfCommand(program);
  addGateCommand(program);
  addInitCommand(program);
  addReportsCommand(program);
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
