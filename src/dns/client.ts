import { isIP } from 'node:net';
import { classifyReply, MAX_CNAME_HOPS } from './classify.js';
import type { ReplyVerdict } from './classify.js';
import { formatNameserver } from './nameservers.js';
import type { Nameserver } from './nameservers.js';
import { TcpTransport } from './tcp-transport.js';
import { canonicalName, type FailedLookup, type LookupResult, type RecordType, type Resolver } from './types.js';
import { UdpTransport } from './udp-transport.js';
import type { AttemptOutcome } from './udp-transport.js';
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

type FinalOrFollow<T extends RecordType> = Exclude<ReplyVerdict<T>, { kind: 'retry' }>;

export function createDnsClient(options: DnsClientOptions): DnsClient {
  const { nameservers, timeoutMs = 2_000, retries = 2, udpSockets = 4 } = options;
  if (nameservers.length === 0) throw new RangeError('createDnsClient needs at least one nameserver');
  for (const server of nameservers) {
    if (isIP(server.host.split('%')[0] ?? '') === 0) throw new RangeError(`nameserver "${server.host}" is not an IP address`);
  }
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError('retries must be a non-negative integer');

  const udp = new UdpTransport(udpSockets);
  const tcp = new TcpTransport();
  const counters: DnsClientStats = { queries: 0, udp: 0, tcp: 0, timeouts: 0 };

  async function attempt(server: Nameserver, name: string, type: RecordType): Promise<AttemptOutcome> {
    counters.queries++;
    counters.udp++;
    let outcome = await udp.query(server, name, type, timeoutMs);
    if (outcome.kind === 'reply' && outcome.message.truncated) {
      counters.queries++;
      counters.tcp++;
      outcome = await tcp.query(server, name, type, timeoutMs);
      // TC over TCP means the answer does not fit even there: its records are missing, so it says nothing.
      if (outcome.kind === 'reply' && outcome.message.truncated) outcome = { kind: 'malformed', detail: 'reply truncated even over TCP' };
    }
    if (outcome.kind === 'timeout') counters.timeouts++;
    return outcome;
  }

  /**
   * One question, with retries. Timeouts, SERVFAIL, malformed replies and transport errors
   * are worth another attempt on the next server; a server that REFUSED is not asked again.
   */
  async function exchange<T extends RecordType>(name: string, type: T): Promise<FinalOrFollow<T>> {
    // Allocated on the first failure only: most exchanges are one attempt that gets an answer.
    let refusedBy: Set<number> | undefined;
    let failures: string[] | undefined;
    let lastStatus: FailedLookup['status'] = 'timeout';
    let cursor = 0;
    for (let attemptNumber = 0; attemptNumber <= retries; attemptNumber++) {
      const index = nextServer(nameservers.length, cursor, refusedBy);
      if (index === undefined) break;
      cursor = index + 1;
      const server = nameservers[index] as Nameserver;
      const outcome = await attempt(server, name, type);
      let failure: { status: FailedLookup['status']; detail: string };
      if (outcome.kind === 'reply') {
        const verdict = classifyReply(outcome.message, type);
        if (verdict.kind === 'follow') return verdict;
        if (verdict.kind === 'final') {
          const { result } = verdict;
          if (!('detail' in result)) return verdict;
          return { kind: 'final', result: { ...result, detail: `${name} ${type}: ${formatNameserver(server)}: ${result.detail}` } };
        }
        if (verdict.status === 'refused') (refusedBy ??= new Set()).add(index);
        failure = verdict;
      } else if (outcome.kind === 'timeout') {
        failure = { status: 'timeout', detail: `no reply within ${timeoutMs} ms` };
      } else {
        failure = { status: outcome.kind, detail: outcome.detail };
      }
      lastStatus = failure.status;
      (failures ??= []).push(`${formatNameserver(server)}: ${failure.detail}`);
    }
    return { kind: 'final', result: { status: lastStatus, detail: `${name} ${type}: ${(failures ?? []).join('; ')}` } };
  }

  return {
    async resolve<T extends RecordType>(name: string, type: T): Promise<LookupResult<T>> {
      const invalid = invalidNameReason(name);
      if (invalid !== undefined) return { status: 'error', detail: `cannot query: ${invalid}` };
      let current = canonicalName(name);
      // Names asked for so far; only a CNAME that must be followed with a new query needs the set.
      let asked: Set<string> | undefined;
      let hops = 0;
      // A chain is only as validated as its least validated reply.
      let chainAuthenticated = true;
      for (;;) {
        const verdict = await exchange(current, type);
        if (verdict.kind === 'final') return chainAuthenticated || !verdict.result.authenticated ? verdict.result : { ...verdict.result, authenticated: false };
        chainAuthenticated &&= verdict.authenticated;
        hops += verdict.hops;
        if (hops > MAX_CNAME_HOPS) return { status: 'error', detail: `CNAME chain from ${name} longer than ${MAX_CNAME_HOPS}` };
        asked ??= new Set([current]);
        if (asked.has(verdict.target)) return { status: 'error', detail: `CNAME loop at ${verdict.target}` };
        asked.add(verdict.target);
        current = verdict.target;
      }
    },
    async close() {
      await Promise.all([udp.close(), tcp.close()]);
    },
    stats: () => ({ ...counters }),
  };
}

/** The first server at or after `cursor` (wrapping around) that has not refused us. */
function nextServer(count: number, cursor: number, refusedBy: ReadonlySet<number> | undefined): number | undefined {
  for (let step = 0; step < count; step++) {
    const index = (cursor + step) % count;
    if (!refusedBy?.has(index)) return index;
  }
  return undefined;
}
