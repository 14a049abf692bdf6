import { FORMATS, type FormatOf } from '../render/format-names.js';
import { Option, type Command } from 'commander';
import { createRunResolver } from '../dns/run-resolver.js';
import { normalizeDomain } from '../domain/normalize.js';
import { describeFinding } from '../findings/describe.js';
import { safeJson } from '../render/escape.js';
import { renderCheckHost, renderSpfTree } from '../render/spf-text.js';
import { analyzeSpf } from '../spf/analyze.js';
import { checkHost, isClientIp } from '../spf/check-host.js';
import { adviseSpf } from '../spf/explain.js';
import { chalkFor } from './colors.js';
import { addDnsOptions, resolverOptionsFrom, type DnsCliOptions } from './dns-options.js';
import { UsageError } from './errors.js';
import { writeOut } from './write.js';

interface SpfOptions extends DnsCliOptions {
  ip?: string;
  sender?: string;
  helo?: string;
  format: FormatOf<'spf'>;
  color?: boolean;
}

export function addSpfCommand(program: Command): void {
  const command = program
    .command('spf')
    .description("show a domain's SPF tree with the DNS lookups each term costs and advice, or evaluate it for a sending IP (RFC 7208 check_host)")
    .argument('<domain>', 'the domain whose SPF policy to show or evaluate (IDN allowed)')
    .option('--ip <addr>', 'evaluate check_host() for this sending IPv4 or IPv6 address')
    .option('--sender <address>', 'MAIL FROM address for the macros (default: postmaster@<domain>; "" means the HELO identity)')
    .option('--helo <name>', 'HELO/EHLO name, the %{h} macro (with an empty --sender: the identity checked)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS.spf).default('text'))
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output (also: NO_COLOR=1)')
    .action(async (domain: string, options: SpfOptions) => runSpf(domain, options, program.version() ?? 'unknown'));
  addDnsOptions(command);
}

async function runSpf(input: string, options: SpfOptions, version: string): Promise<void> {
  const normalized = normalizeDomain(input);
  if (!normalized.ok) throw new UsageError(`invalid domain "${input}": ${normalized.error}`);
  const { domain } = normalized;
  if (options.ip !== undefined && !isClientIp(options.ip)) throw new UsageError(`--ip "${options.ip}" is not an IPv4 or IPv6 address`);
  if (options.ip === undefined && (options.sender !== undefined || options.helo !== undefined)) {
    throw new UsageError('--sender and --helo need --ip: they only matter when evaluating a sending IP');
  }

  const run = await createRunResolver(await resolverOptionsFrom(options, version));
  const { resolver } = run;
  const chalk = chalkFor(process.stdout, options.color);
  let text: string;
  try {
    if (options.ip === undefined) {
      const analysis = await analyzeSpf(domain, resolver);
      const advice = adviseSpf(analysis);
      text =
        options.format === 'json'
          ? json({ domain, ...analysis, findings: analysis.findings.map(describeFinding), advice })
          : renderSpfTree(domain, analysis, advice, chalk);
    } else {
      const result = await checkHost({ ip: options.ip, domain, sender: options.sender ?? `postmaster@${domain}`, helo: options.helo }, resolver);
      text = options.format === 'json' ? json({ ...result, helo: options.helo ?? null }) : renderCheckHost(result, options.helo, chalk);
    }
  } finally {
    await run.close();
  }
  await writeOut(process.stdout, text);
}

const json = (value: unknown): string => `${safeJson(value, 2)}\n`;
