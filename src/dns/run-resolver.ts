import { withCache } from './cache.js';
import { createDnsClient } from './client.js';
import { withQueryLimit } from './limit.js';
import { readSystemNameservers, type Nameserver } from './nameservers.js';
import { withRecording, type RecordingTarget } from './record.js';
import type { Resolver } from './types.js';
import type { LoadedZone } from '../zone/load.js';
import { withZoneOverlay } from '../zone/overlay.js';

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_MAX_QUERIES_IN_FLIGHT = 1000;

export interface RunResolverOptions {
  /** Name servers to ask; default: those in /etc/resolv.conf. */
  nameservers?: Nameserver[];
  /** Milliseconds to wait for each attempt. */
  timeoutMs?: number;
  /** Further attempts after the first, each on the next name server. */
  retries?: number;
  /** DNS lookups on the wire at once, across everything the run asks. */
  maxQueriesInFlight?: number;
  /** DNS lookups started per second; unlimited when absent. */
  queriesPerSecond?: number;
  /** Names kept in the run's DNS cache, per record type (default 10,000). */
  cacheSize?: number;
  /** Zone files that answer for their names before the name servers (or the replay): --zone. */
  zones?: readonly LoadedZone[];
  /** Answer from this recording's resolver instead of the name servers: --dns-replay (see replay.ts). */
  replay?: Resolver;
  /** Write every question the name servers answer to a recording: --dns-record (see record.ts). */
  record?: { target: RecordingTarget; metadata: Record<string, unknown> & { tool: string; version: string } };
}

export interface RunResolver {
  resolver: Resolver;
  /** DNS queries sent on the wire so far. */
  queriesSent(): number;
  close(): Promise<void>;
}

/**
 * The resolver one run uses: the UDP/TCP client, capped in flight (and in rate), or a replay of a
 * recording; then the recorder, the zone overlays, and one cache over all of it, so shared parents
 * and provider SPF includes are fetched once per run. The recording holds what the name servers
 * answered, not what the zones did: replay it under the same --zone to reproduce the run.
 */
export async function createRunResolver(options: RunResolverOptions = {}): Promise<RunResolver> {
  if (options.replay && options.record) throw new RangeError('a replay cannot be recorded: record the run that asks the name servers');
  const network = options.replay ? undefined : await networkResolver(options);
  const recorder = network && options.record ? withRecording(network.resolver, options.record.target, options.record.metadata) : undefined;
  const answering = recorder?.resolver ?? network?.resolver ?? (options.replay as Resolver);
  return {
    resolver: withCache(withZoneOverlays(answering, options.zones), { maxEntries: options.cacheSize }),
    queriesSent: () => network?.queriesSent() ?? 0,
    close: async () => {
      await network?.close();
      await recorder?.finish();
    },
  };
}

/** The zones in front of `resolver`, if there are any. */
export function withZoneOverlays(resolver: Resolver, zones: readonly LoadedZone[] | undefined): Resolver {
  return zones && zones.length > 0 ? withZoneOverlay(resolver, zones) : resolver;
}

async function networkResolver(options: RunResolverOptions): Promise<RunResolver> {
  const nameservers = options.nameservers?.length ? options.nameservers : await readSystemNameservers();
  const client = createDnsClient({
    nameservers,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
  });
  const limited = withQueryLimit(client, {
    maxInFlight: options.maxQueriesInFlight ?? DEFAULT_MAX_QUERIES_IN_FLIGHT,
    ratePerSecond: options.queriesPerSecond,
  });
  return { resolver: limited, queriesSent: () => client.stats().queries, close: () => client.close() };
}
