import dgram from 'node:dgram';
import net from 'node:net';
import { FAULT_MODES, parseFaultSpec } from './faults.js';
import type { FaultContext, FaultSpec } from './faults.js';
import { loadZones } from './load.js';
import { networkModel, type NetworkOptions } from './network.js';
import type { ZoneSources } from './load.js';
import { buildFittingReply, buildReply, forgedAnswer, readQuery, RCODE_NXDOMAIN, toAnswer } from './replies.js';
import type { IncomingQuery, ReplyOptions } from './replies.js';
import type { FixtureZones } from './fixture-zones.js';

export interface FixtureServerOptions extends ZoneSources {
  /** Loopback only: the fixture server must never be reachable from elsewhere. */
  host?: '127.0.0.1' | '::1';
  /** Default: a random free port (the same one for UDP and TCP). */
  port?: number;
  /** Delay every reply by this much, like a resolver far away (the benchmark's latency mode). */
  latencyMs?: number;
  /** A lossy, long-tailed network in front of the server (network.ts); `latencyMs` is added to its delay. */
  network?: NetworkOptions;
  /** Keep the per-query log for `queries()`; a benchmark turns it off so memory stays flat. */
  keepLog?: boolean;
  /** A fault mode (as written in zone files, e.g. `edns-formerr`) for every query no zone fault covers: a whole server that misbehaves. */
  fault?: string;
}

export interface QueryLog {
  /** Lower case, no trailing dot. */
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  /** The query carried an EDNS OPT record. */
  edns: boolean;
}

export interface FixtureServer {
  host: string;
  port: number;
  /** `127.0.0.1:PORT` or `[::1]:PORT`, ready for `parseNameserver` or `--nameserver`. */
  nameserver: string;
  queries(): QueryLog[];
  /** Queries received so far, counted even when the log is not kept. */
  queryCount(): number;
  clearQueries(): void;
  close(): Promise<void>;
}

type Responder = Pick<FaultContext, 'send' | 'sendFromOtherPort' | 'closeConnection' | 'resetConnection' | 'sendPartAndClose'>;

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new Error(`fixture server binds loopback only, not ${String(host)}`);
  const store = await loadZones(options);
  const serverFault = options.fault === undefined ? undefined : parseFaultSpec(options.fault);
  if (typeof serverFault === 'string') throw new Error(`fixture server fault: ${serverFault}`);
  const family = host === '::1' ? 'udp6' : 'udp4';
  const log: QueryLog[] = [];
  const keepLog = options.keepLog ?? true;
  const network = networkModel(options.network ?? {});
  let received = 0;
  const timers = new Set<NodeJS.Timeout>();
  const connections = new Set<net.Socket>();

  const handle = (bytes: Buffer, transport: 'udp' | 'tcp', responder: Responder): void => {
    const query = readQuery(bytes);
    if (!query) return;
    received++;
    if (keepLog) log.push({ name: query.name, type: query.question.type, transport, edns: query.ednsPayloadSize !== undefined });
    const later = (delayMs: number, action: () => void): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, delayMs);
      timers.add(timer);
    };
    const context = faultContext(store, query, transport, responder, later);
    const fault: FaultSpec | undefined = store.faultFor(query.name, query.question.type) ?? serverFault;
    const respond = (): void => {
      if (fault) FAULT_MODES[fault.mode]?.respond(context, fault.argument);
      else context.send(context.normalReply());
    };
    if (network.silent(query.name) || (transport === 'udp' && network.drops())) return;
    const delayMs = (options.latencyMs ?? 0) + network.delayMs();
    if (delayMs > 0) later(delayMs, respond);
    else respond();
  };

  const { udp, tcp, port } = await bindBoth(host, options.port);
  const spoofer = dgram.createSocket(family);
  await new Promise<void>((resolve) => spoofer.bind(0, host, resolve));

  // A reply that cannot be sent only means that client times out, which is what it would see anyway.
  udp.on('error', () => {});
  spoofer.on('error', () => {});
  udp.on('message', (bytes, remote) =>
    handle(bytes, 'udp', {
      send: (reply) => udp.send(reply, remote.port, remote.address),
      sendFromOtherPort: (reply) => spoofer.send(reply, remote.port, remote.address),
      closeConnection: () => {},
      resetConnection: () => {},
      sendPartAndClose: () => {},
    }),
  );
  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    const frame = (reply: Buffer): Buffer => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(reply.length);
      return Buffer.concat([length, reply]);
    };
    const responder: Responder = {
      send: (reply) => {
        if (!socket.destroyed) socket.write(frame(reply));
      },
      sendFromOtherPort: () => {},
      closeConnection: () => socket.destroy(),
      resetConnection: () => socket.resetAndDestroy(),
      sendPartAndClose: (reply) => {
        if (!socket.destroyed) socket.end(frame(reply).subarray(0, 2 + Math.floor(reply.length / 2)));
      },
    };
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + message.length);
        handle(message, 'tcp', responder);
      }
    });
  });

  return {
    host,
    port,
    nameserver: host === '::1' ? `[::1]:${port}` : `${host}:${port}`,
    queries: () => [...log],
    queryCount: () => received,
    clearQueries: () => {
      log.length = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => spoofer.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

function faultContext(
  store: FixtureZones,
  query: IncomingQuery,
  transport: 'udp' | 'tcp',
  responder: Responder,
  later: FaultContext['later'],
): FaultContext {
  return {
    transport,
    edns: query.ednsPayloadSize !== undefined,
    normalReply: () => buildFittingReply(query, transport, answerOptions(store, query)),
    fullReply: () => buildFittingReply(query, 'tcp', answerOptions(store, query)),
    emptyReply: (options) => buildReply(query, options),
    forgedReply: () => buildReply(query, { answers: [forgedAnswer(query.question)] }),
    later,
    ...responder,
  };
}

function answerOptions(store: FixtureZones, query: IncomingQuery): ReplyOptions {
  const { rcode, records } = store.answer(query.name, query.question.type);
  return { rcode: rcode === 'NXDOMAIN' ? RCODE_NXDOMAIN : 0, answers: records.map(toAnswer).filter((answer) => answer !== undefined) };
}

/** UDP and TCP on one port: take a random UDP port, then try TCP on it; retry if TCP's is taken. */
async function bindBoth(host: string, fixedPort: number | undefined): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  for (let attempt = 0; ; attempt++) {
    // A benchmark sends bursts of hundreds of queries; the default buffer would drop some and stall the client on retries.
    const udp = dgram.createSocket({ type: host === '::1' ? 'udp6' : 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(fixedPort ?? 0, host, () => resolve(udp.address().port));
    });
    const tcp = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, resolve);
      });
      return { udp, tcp, port };
    } catch (error) {
      udp.close();
      if (fixedPort !== undefined || attempt >= 20) throw error;
    }
  }
}
