import { isIP } from 'node:net';
import { Lookup, type LookupContext } from './lookup.js';
import type { Nameserver } from './nameservers.js';
import { TcpTransport } from './tcp-transport.js';
import type { LookupResult, RecordType, Resolver } from './types.js';
import { UdpTransport } from './udp-transport.js';
import { invalidNameReason } from './wire-encode.js';

export interface DnsClientOptions {
  /** Tried in order; each retry moves on to the next one. */
  nameservers: Nameserver[];
  /** Deadline of one attempt (UDP, and TCP after a truncated reply, each get the full amount). */
  timeoutMs?: number;
  /** Attempts after the first. */
  retries?: number;
  /** UDP sockets per address family shared by all in-flight queries. */
  udpSockets?: number;
}

export interface DnsClientStats {
  /** Queries actually sent, over either transport. */
  queries: number;
  udp: number;
  tcp: number;
  /** Attempts that ended without an acceptable reply before their deadline. */
  timeouts: number;
}

export interface DnsClient extends Resolver {
  /** Settles in-flight lookups as errors and releases all sockets. */
  close(): Promise<void>;
  stats(): DnsClientStats;
}

export function createDnsClient(options: DnsClientOptions): DnsClient {
  const { nameservers, timeoutMs = 2_000, retries = 2, udpSockets = 4 } = options;
  if (nameservers.length === 0) throw new RangeError('createDnsClient needs at least one nameserver');
  for (const server of nameservers) {
    if (isIP(server.host.split('%')[0] ?? '') === 0) throw new RangeError(`nameserver "${server.host}" is not an IP address`);
  }
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError('retries must be a non-negative integer');

  const udp = new UdpTransport(udpSockets, timeoutMs);
  const tcp = new TcpTransport();
  const counters: DnsClientStats = { queries: 0, udp: 0, tcp: 0, timeouts: 0 };
  const context: LookupContext = { nameservers, timeoutMs, retries, udp, tcp, counters, withoutEdns: new Set() };

  return {
    resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      const invalid = invalidNameReason(name);
      if (invalid !== undefined) return Promise.resolve({ status: 'error', detail: `cannot query: ${invalid}` });
      return new Promise((resolve, reject) => new Lookup(context, name, type, resolve, reject).start());
    },
    async close() {
      await Promise.all([udp.close(), tcp.close()]);
    },
    stats: () => ({ ...counters }),
  };
}
