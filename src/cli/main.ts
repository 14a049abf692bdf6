import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { escapeForTerminal } from '../render/escape.js';
import { addAuditCommand } from './audit-command.js';
import { CliError, EXIT } from './errors.js';
import { addGateCommand } from './gate-command.js';
import { addInitCommand } from './init-command.js';
import { addDiffCommand } from './diff-command.js';
import { addReportCommand } from './report-command.js';
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

/** Every error the CLI prints starts with the program's name, commander's own ("error: …") included. */
const ERROR_PREFIX = 'dmarc-audit: ';

export function buildProgram(): Command {
  // Set before the commands are added: subcommands copy these settings when they are created.
  const program = new Command('dmarc-audit')
    .description('Audit the email-authentication posture of domains: DMARC (RFC 9989), SPF (RFC 7208), DKIM, MX, MTA-STS, TLS-RPT, DANE, DNSSEC, BIMI.')
    .usage('[audit] [options] [domains...] | <command> [options]')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(message.replace(/^error: /, ERROR_PREFIX)) })
    .showHelpAfterError('(run dmarc-audit --help for usage)');
  const audit = addAuditCommand(program);
  // `dmarc-audit example.com` runs audit, so the top-level help shows audit's options too.
  program.addHelpText('after', () => `\nWithout a command, audit runs:\n\n${audit.helpInformation()}`);
  addSchemaCommand(program);
  addSpfCommand(program);
  addGateCommand(program);
  addInitCommand(program);
  addReportsCommand(program);
  addReportCommand(program);
  addDiffCommand(program);
  return program;
}

/** Runs the CLI and returns the exit code; the only place exit codes are decided. */
export async function main(argv: string[]): Promise<number> {
  // `| head`: once standard output's reader has gone, stop quietly and successfully, as Unix tools do.
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') readerGone = true;
  });
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (readerGone && (error as NodeJS.ErrnoException).code === 'EPIPE') return EXIT.ok;
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`${ERROR_PREFIX}${escapeForTerminal(error.message)}\n`);
      return error.exitCode;
    }
    // A failed system call (a file that vanished, a full disk) is not a bug: one line, no stack trace.
    if ((error as NodeJS.ErrnoException).syscall !== undefined) {
      process.stderr.write(`${ERROR_PREFIX}${escapeForTerminal((error as Error).message)}\n`);
      return EXIT.internal;
    }
    process.stderr.write(`${ERROR_PREFIX}internal error: ${escapeForTerminal(String((error as Error)?.stack ?? error))}\n`);
    return EXIT.internal;
  }
}
