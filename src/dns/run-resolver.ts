import { withCache } from './cache.js';
import { createDnsClient } from './client.js';
import { withQueryLimit } from './limit.js';
import { readSystemNameservers, type Nameserver } from './nameservers.js';
import type { Resolver } from './types.js';

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
}

export interface RunResolver {
  resolver: Resolver;
  /** DNS queries sent on the wire so far. */
  queriesSent(): number;
  close(): Promise<void>;
}

/**
 * The network resolver one run uses: the UDP/TCP client, capped in flight (and in rate), under one
 * cache, so shared parents and provider SPF includes are fetched once per run.
 */
export async function createRunResolver(options: RunResolverOptions = {}): Promise<RunResolver> {
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
  return {
    resolver: withCache(limited, { maxEntries: options.cacheSize }),
    queriesSent: () => client.stats().queries,
    close: () => client.close(),
  };
}
