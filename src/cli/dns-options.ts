import { Option, type Command } from 'commander';
import { readSystemNameservers, type Nameserver } from '../dns/nameservers.js';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, type RunResolverOptions } from '../dns/run-resolver.js';
import { UsageError } from './errors.js';
import { collectNameserver, parseIntegerOption } from './options.js';

export interface DnsCliOptions {
  nameserver: Nameserver[];
  timeout: number;
  retries: number;
}

/** The DNS options every command that queries DNS shares. */
export function addDnsOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--nameserver <host[:port]>', 'DNS server to ask, repeatable; IPv6 as [::1]:5353')
        .argParser(collectNameserver)
        .default([], 'the servers in /etc/resolv.conf'),
    )
    .option('--timeout <ms>', 'milliseconds to wait for each DNS attempt', parseIntegerOption('--timeout', 1, 60_000), DEFAULT_TIMEOUT_MS)
    .option('--retries <n>', 'further attempts after a DNS failure, each on the next server', parseIntegerOption('--retries', 0, 10), DEFAULT_RETRIES);
}

/** Turns the parsed DNS options into resolver options; no name server at all is a usage error. */
export async function resolverOptionsFrom(options: DnsCliOptions): Promise<RunResolverOptions> {
  let nameservers = options.nameserver;
  if (nameservers.length === 0) {
    nameservers = await readSystemNameservers().catch(() => []);
    if (nameservers.length === 0) throw new UsageError('no name server in /etc/resolv.conf; pass one with --nameserver host[:port]');
  }
  return { nameservers, timeoutMs: options.timeout, retries: options.retries };
}
