import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_CONFIG_FILE, PROFILE_NAMES, type ProfileName } from '../gate/names.js';
import { UsageError } from './errors.js';
import { validateDomainArguments } from './options.js';
import { writeOut } from './write.js';

interface InitOptions {
  config: string;
  profile: ProfileName;
  force?: boolean;
}

export function addInitCommand(program: Command): void {
  program
    .command('init')
    .description(`write a commented starter config for \`dmarc-audit gate\` (${DEFAULT_CONFIG_FILE})`)
    .argument('[domains...]', 'domains to list in it (default: example.com)')
    .option('--config <file>', 'where to write it', DEFAULT_CONFIG_FILE)
    .addOption(new Option('--profile <name>', 'built-in profile to start from').choices(PROFILE_NAMES).default('enforce'))
    .option('--force', 'overwrite an existing file')
    .action(async (domains: string[], options: InitOptions) => {
      validateDomainArguments(domains);
      const { starterConfig } = await import('../gate/starter-config.js');
      try {
        // "wx" fails on an existing file: a committed policy is never replaced by accident.
        await writeFile(options.config, starterConfig(domains, options.profile), { flag: options.force ? 'w' : 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new UsageError(`${options.config} already exists; pass --force to overwrite it`);
        throw new UsageError(`cannot write ${options.config}: ${code ?? (error as Error).message}`);
      }
      await writeOut(process.stdout, `wrote ${options.config}; check it with: dmarc-audit gate${options.config === DEFAULT_CONFIG_FILE ? '' : ` --config ${options.config}`}\n`);
    });
}
