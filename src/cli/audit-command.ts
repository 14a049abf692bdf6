import type { Command } from 'commander';
import { Option } from 'commander';
import { createAuditor } from '../engine/auditor.js';
import { forEachInOrder } from '../engine/ordered-pool.js';
import { OUTPUT_FORMATS, serializerFor, type OutputFormat } from '../render/formats.js';
import { chalkFor } from './colors.js';
import { addDnsOptions, auditorOptionsFrom, type DnsCliOptions } from './dns-options.js';
import { UsageError } from './errors.js';
import { parseIntegerOption, validateDomainArguments } from './options.js';
import { writeOut } from './write.js';

interface AuditOptions extends DnsCliOptions {
  format: OutputFormat;
  concurrency: number;
  color?: boolean;
}

export const DEFAULT_CONCURRENCY = 16;

export function addAuditCommand(program: Command): void {
  const command = program
    .command('audit', { isDefault: true })
    .description('audit the DMARC and SPF records of one or more domains (the default command)')
    .argument('[domains...]', 'domain names, e.g. example.com (IDN allowed)')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'));
  addDnsOptions(command)
    .option('--concurrency <n>', 'domains audited at once', parseIntegerOption('--concurrency', 1, 10_000), DEFAULT_CONCURRENCY)
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (domains: string[], options: AuditOptions) => {
      if (domains.length === 0) throw new UsageError('no domain given; try: dmarc-audit example.com');
      validateDomainArguments(domains);
      await runAudit(domains, options);
    });
}

async function runAudit(domains: string[], options: AuditOptions): Promise<void> {
  const auditor = await createAuditor(await auditorOptionsFrom(options));
  const serializer = serializerFor(options.format, chalkFor(process.stdout, options.color));
  try {
    await writeOut(process.stdout, serializer.start);
    await forEachInOrder(
      domains,
      options.concurrency,
      (domain) => auditor.audit(domain),
      (report, index) => writeOut(process.stdout, serializer.item(report, index)),
    );
    await writeOut(process.stdout, serializer.end);
  } finally {
    await auditor.close();
  }
}
