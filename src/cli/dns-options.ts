import { createReadStream } from 'node:fs';
import { Option, type Command } from 'commander';
import { normalizeDomain } from '../domain/normalize.js';
import { formatNameserver, readSystemNameservers, type Nameserver } from '../dns/nameservers.js';
import { loadRecording, RecordingError } from '../dns/replay.js';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, type RunResolverOptions } from '../dns/run-resolver.js';
import { ZoneParseError } from '../zone/lexer.js';
import { loadZoneFile, ZoneFileError, type LoadedZone } from '../zone/load.js';
import { checkZoneOrigins, ZoneOverlayError } from '../zone/overlay.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { collectNameserver, parseIntegerOption } from './options.js';
import { openOutput } from './output-target.js';

export interface DnsCliOptions {
  nameserver: Nameserver[];
  timeout: number;
  retries: number;
  zone: string[];
  zoneIncludeDir: string[];
  dnsRecord?: string;
  dnsReplay?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The DNS options every command that queries DNS shares. */
export function addDnsOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--nameserver <host[:port]>', 'DNS server to ask, repeatable; IPv6 as [::1]:5353')
        .argParser(collectNameserver)
        .default([], 'the servers in /etc/resolv.conf'),
    )
    .option('--timeout <ms>', 'milliseconds to wait for each DNS attempt', parseIntegerOption('--timeout', 1, 60_000), DEFAULT_TIMEOUT_MS)
    .option('--retries <n>', 'further attempts after a DNS failure, each on the next server', parseIntegerOption('--retries', 0, 10), DEFAULT_RETRIES)
    .option('--zone <[name=]file>', 'a zone file (RFC 1035, as BIND writes it) that answers for its names instead of DNS; name= for a file without $ORIGIN; repeatable', collect, [])
    .option('--zone-include-dir <dir>', "a folder $INCLUDE in a zone file may read besides the zone file's own; repeatable", collect, [])
    .option('--dns-record <file>', 'write every DNS question and its answer to this NDJSON file')
    .option('--dns-replay <file>', 'answer DNS questions from this recording only, never from the network');
}

/** `--evidence`, for the commands whose reports can carry it. */
export function addEvidenceOption(command: Command): Command {
  return command.option('--evidence', 'each report carries the SHA-256 of the DNS answers it rests on');
}

/**
 * Turns the parsed DNS options into resolver options: name servers (none at all is a usage error),
 * zone files, a recording to replay or one to write. A zone file or recording that cannot be used
 * is a usage error naming the file and line: nothing is audited.
 */
export async function resolverOptionsFrom(options: DnsCliOptions, version: string): Promise<RunResolverOptions> {
  const zones = await loadZones(options.zone, options.zoneIncludeDir);
  const base = { timeoutMs: options.timeout, retries: options.retries, zones };
  if (options.dnsReplay !== undefined) {
    if (options.dnsRecord !== undefined) throw new UsageError('--dns-record and --dns-replay cannot be combined: a replay asks no name server');
    if (options.nameserver.length > 0) throw new UsageError('--nameserver cannot be used with --dns-replay: every answer comes from the recording');
    return { ...base, replay: await replayFrom(options.dnsReplay) };
  }
  let nameservers = options.nameserver;
  if (nameservers.length === 0) {
    nameservers = await readSystemNameservers().catch(() => []);
    if (nameservers.length === 0) throw new UsageError('no name server in /etc/resolv.conf; pass one with --nameserver host[:port]');
  }
  const network = { ...base, nameservers };
  if (options.dnsRecord === undefined) return network;
  const metadata = {
    tool: 'dmarc-audit',
    version,
    nameservers: nameservers.map(formatNameserver),
    timeoutMs: options.timeout,
    retries: options.retries,
    // Their answers are not recorded: a replay needs the same --zone files to reproduce the run.
    zones: options.zone,
  };
  return { ...network, record: { target: await recordingTarget(options.dnsRecord), metadata } };
}

/** Where a run's answers come from, in words for the HTML and Markdown outputs: name servers or a recording, and zone files. */
export function dnsSources(options: DnsCliOptions, resolver: RunResolverOptions): string[] {
  const sources = options.dnsReplay !== undefined ? [`recording ${options.dnsReplay}`] : (resolver.nameservers ?? []).map(formatNameserver);
  return [...sources, ...options.zone.map((zone) => `zone ${zone}`)];
}

/** `example.com=zones/example.com.zone` names the zone of a file without $ORIGIN; anything else is a path. */
function zoneArgument(value: string): { file: string; origin?: string } {
  const match = /^([^=/\\]+\.[^=/\\]+)=(.+)$/.exec(value);
  const name = match ? normalizeDomain(match[1] as string) : undefined;
  return match && name?.ok ? { origin: name.domain, file: match[2] as string } : { file: value };
}

async function loadZones(values: string[], includeDirs: string[]): Promise<LoadedZone[]> {
  try {
    const zones: LoadedZone[] = [];
    for (const { file, origin } of values.map(zoneArgument)) zones.push(await loadZoneFile(file, { includeDirs, origin }));
    checkZoneOrigins(zones);
    return zones;
  } catch (error) {
    if (error instanceof ZoneParseError || error instanceof ZoneFileError || error instanceof ZoneOverlayError) throw new UsageError(error.message);
    throw error;
  }
}

async function replayFrom(file: string) {
  try {
    return (await loadRecording(createReadStream(file), file)).resolver;
  } catch (error) {
    if (error instanceof RecordingError) throw new UsageError(`--dns-replay ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new UsageError(`--dns-replay ${file}: cannot read: ${code}`);
    throw error;
  }
}

/** Written beside its final name and renamed into place at the end, like --output. */
async function recordingTarget(file: string) {
  if (file === '-') throw new UsageError('--dns-record needs a file: standard output carries the reports');
  const target = await openOutput('--dns-record', file);
  // The stream's own error says what went wrong (a full disk…); commit() only says that something did.
  let failure: unknown;
  target.stream.on('error', (error: unknown) => (failure ??= error));
  return {
    stream: target.stream,
    commit: () =>
      target.commit().catch((error: unknown) => {
        throw new CliError(`cannot write the DNS recording ${file}: ${((failure ?? error) as Error).message}`, EXIT.internal);
      }),
  };
}
