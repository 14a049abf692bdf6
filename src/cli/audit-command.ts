import type { Command } from 'commander';
import { Option } from 'commander';
import { readSystemNameservers, type Nameserver } from '../dns/nameservers.js';
import { createAuditor, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS } from '../engine/auditor.js';
import { forEachInOrder } from '../engine/ordered-pool.js';
import { OUTPUT_FORMATS, serializerFor, type OutputFormat } from '../render/formats.js';
import { chalkFor } from './colors.js';
import { UsageError } from './errors.js';
import { collectNameserver, parseIntegerOption, validateDomainArguments } from './options.js';
import { writeOut } from './write.js';

interface AuditOptions {
  format: OutputFormat;
  nameserver: Nameserver[];
  timeout: number;
  retries: number;
  concurrency: number;
  color?: boolean;
}

export const DEFAULT_CONCURRENCY = 16;

export function addAuditCommand(program: Command): void {
  program
    .command('audit', { isDefault: true })
    .description('audit the DMARC and SPF records of one or more domains (the default command)')
    .argument('[domains...]', 'domain names, e.g. example.com (IDN allowed)')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .option(
      '--nameserver <host[:port]>',
      'DNS server to ask, repeatable; IPv6 as [::1]:5353 (default: /etc/resolv.conf)',
      collectNameserver,
      [],
    )
    .option('--timeout <ms>', 'milliseconds to wait for each DNS attempt', parseIntegerOption('--timeout', 1, 60_000), DEFAULT_TIMEOUT_MS)
    .option('--retries <n>', 'further attempts after a DNS timeout, each on the next server', parseIntegerOption('--retries', 0, 10), DEFAULT_RETRIES)
    .option('--concurrency <n>', 'domains audited at once', parseIntegerOption('--concurrency', 1, 10_000), DEFAULT_CONCURRENCY)
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (domains: string[], options: AuditOptions) => {
      if (domains.length === 0) throw new UsageError('no domain given; try: dmarc-audit example.com');
      validateDomainArguments(domains);
      await runAudit(domains, options);
    });
}

async function nameserversFor(options: AuditOptions): Promise<Nameserver[]> {
  if (options.nameserver.length > 0) return options.nameserver;
  const system = await readSystemNameservers().catch(() => []);
  if (system.length === 0) throw new UsageError('no name server in /etc/resolv.conf; pass one with --nameserver host[:port]');
  return system;
}

async function runAudit(domains: string[], options: AuditOptions): Promise<void> {
  const auditor = await createAuditor({
    nameservers: await nameserversFor(options),
    timeoutMs: options.timeout,
    retries: options.retries,
  });
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
