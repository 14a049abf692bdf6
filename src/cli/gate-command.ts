import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_CONFIG_FILE, GATE_FORMATS, PROFILE_NAMES, type GateFormat, type ProfileName } from '../gate/names.js';
import { addCheckOptions, checkValuesFrom, type CheckCliOptions } from './check-options.js';
import { addDnsOptions, addEvidenceOption, type DnsCliOptions } from './dns-options.js';
import { addHttpsOptions, type HttpsCliOptions } from './https-options.js';
import { parseIntegerOption } from './options.js';

/** A company's own domains are few; this keeps a run quick without bursting the resolver. */
const GATE_CONCURRENCY = 16;

export interface GateOptions extends DnsCliOptions, HttpsCliOptions, CheckCliOptions {
  file?: string;
  config?: string;
  profile?: ProfileName;
  format: GateFormat;
  output?: string;
  concurrency: number;
  quiet?: boolean;
  color?: boolean;
  evidence?: boolean;
}

export function addGateCommand(program: Command): void {
  const command = program
    .command('gate')
    .description(`fail a CI pipeline when a domain falls short of the committed policy (config: ${DEFAULT_CONFIG_FILE}); exit 0 pass, 1 violation, 2 usage or config error, 3 undetermined (DNS errors)`)
    .argument('[domains...]', 'domains to check instead of the config\'s')
    .option('-f, --file <path>', 'a domain list to check instead of the config\'s domains (with any named ones): one per line, # comments, CSV first column; - for stdin')
    .option('--config <file>', `the gate's config (default: ${DEFAULT_CONFIG_FILE} when no domain is named)`)
    .addOption(new Option('--profile <name>', 'built-in profile, instead of the config\'s (default: enforce)').choices(PROFILE_NAMES))
    .addOption(new Option('--format <format>', 'report format').choices(GATE_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to this file; text still goes to the terminal (unless --quiet)');
  addCheckOptions(addHttpsOptions(addEvidenceOption(addDnsOptions(command))))
    .option('--concurrency <n>', 'domains audited at once', parseIntegerOption('--concurrency', 1, 10_000), GATE_CONCURRENCY)
    .option('-q, --quiet', 'no text report on the terminal: the exit code, a one-line reason on stderr and the --output file')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (domains: string[], options: GateOptions, self: Command) => {
      // Loaded only for this command: the config schema and report writers are a good part of start-up time.
      const { runGate } = await import('./gate-run.js');
      await runGate(domains, options, { version: program.version() ?? 'unknown', checkValues: checkValuesFrom(options, self) });
    });
}
