import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_CONFIG_FILE, GATE_FORMATS, PROFILE_NAMES, type GateFormat, type ProfileName } from '../gate/names.js';
import { addDnsOptions, addEvidenceOption, type DnsCliOptions } from './dns-options.js';
import { parseIntegerOption } from './options.js';

/** A company's own domains are few; this keeps a run quick without bursting the resolver. */
const GATE_CONCURRENCY = 16;

export interface GateOptions extends DnsCliOptions {
  config?: string;
  profile?: ProfileName;
  format: GateFormat;
  output?: string;
  concurrency: number;
  color?: boolean;
  evidence?: boolean;
}

export function addGateCommand(program: Command): void {
  const command = program
    .command('gate')
    .description(`fail a CI pipeline when a domain falls short of the committed policy (config: ${DEFAULT_CONFIG_FILE}); exit 0 pass, 1 violation, 2 usage or config error, 3 undetermined (DNS errors)`)
    .argument('[domains...]', 'domains to check instead of the config\'s')
    .option('--config <file>', `the gate's config (default: ${DEFAULT_CONFIG_FILE} when no domain is named)`)
    .addOption(new Option('--profile <name>', 'built-in profile, instead of the config\'s (default: enforce)').choices(PROFILE_NAMES))
    .addOption(new Option('--format <format>', 'report format').choices(GATE_FORMATS).default('text'))
    .option('--output <file>', 'write the report to this file; text still goes to the terminal');
  addEvidenceOption(addDnsOptions(command))
    .option('--concurrency <n>', 'domains audited at once', parseIntegerOption('--concurrency', 1, 10_000), GATE_CONCURRENCY)
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (domains: string[], options: GateOptions) => {
      // Loaded only for this command: the config schema and report writers are a good part of start-up time.
      const { runGate } = await import('./gate-run.js');
      await runGate(domains, options, program.version() ?? 'unknown');
    });
}
