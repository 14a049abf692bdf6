import dgram from 'node:dgram';
import type { RemoteInfo } from 'node:dgram';
import { DeadlineQueue } from './deadlines.js';
import { canonicalIp, isIpv6Literal } from './nameservers.js';
import type { Nameserver } from './nameservers.js';
import type { RecordType } from './types.js';
import { parseReply } from './wire-decode.js';
import type { WireMessage } from './wire-decode.js';
import { encodeQuery, questionsMatch, randomQueryId } from './wire-encode.js';
import type { EncodedQuery } from './wire-encode.js';

/** What one attempt against one server produced, before DNS-level interpretation. */
export type AttemptOutcome =
  | { kind: 'reply'; message: WireMessage }
  | { kind: 'timeout' }
  | { kind: 'malformed'; detail: string }
  | { kind: 'error'; detail: string };

/** Told how an attempt ended, once. An object with a method, not a promise: one lookup's retries share it. */
export interface OutcomeHandler {
  onOutcome(outcome: AttemptOutcome): void;
}

interface PendingQuery {
  query: EncodedQuery;
  slot: SocketSlot;
  /** Cleared when the query settles: it is told once, and a settled query holds nothing of its lookup. */
  handler: OutcomeHandler | undefined;
  /** Handed to the socket: an ICMP error reported from now on may be about this datagram. */
  sent: boolean;
  /** Sent once more after an ICMP error (see `afterIcmpError`). */
  resent: boolean;
  /** The transport's deadline queue keeps these. */
  deadline: number;
  older: PendingQuery | undefined;
  newer: PendingQuery | undefined;
}

interface SocketSlot {
  socket: dgram.Socket;
  /** The name server this socket is connected to: address in canonical form, and port. */
  address: string;
  port: number;
  pending: Map<number, PendingQuery>;
  /** Settles when connect() finishes; a connecting socket cannot send yet. */
  connected: Promise<void>;
  ready: boolean;
}

const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * What Linux reports on a connected UDP socket when an ICMP destination-unreachable names it (port,
 * host, network or protocol unreachable): by the next receive (an 'error' event) or the next send.
 */
const ICMP_ERRORS: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENONET', 'ENOPROTOOPT']);

const isIcmpError = (error: Error): boolean => ICMP_ERRORS.has((error as NodeJS.ErrnoException).code ?? '');

const TIMED_OUT: AttemptOutcome = { kind: 'timeout' };

/** Enough redraws that a collision only fails when tens of thousands of IDs are taken. */
const ID_DRAWS = 32;

/**
 * A small pool of UDP sockets shared by all queries; each socket demultiplexes replies by
 * query ID. Sockets are unref'd: an outstanding query keeps the process alive through the
 * deadline queue's timer, an idle pool does not.
 */
export class UdpTransport {
  /** Sockets per name server, each connected to it (see pickSlot); keyed by the client's own objects, not a string made per query. */
  private readonly slots = new Map<Nameserver, SocketSlot[]>();
  private nextSlot = 0;
  private closed = false;
  /** Queries to send at the end of this event-loop turn (see `send`). */
  private outbox: PendingQuery[] = [];
  private readonly deadlines: DeadlineQueue<PendingQuery>;

  /** `timeoutMs`: how long each query waits for its reply. */
  constructor(
    private readonly socketsPerServer: number,
    timeoutMs: number,
  ) {
    this.deadlines = new DeadlineQueue(timeoutMs, (pending) => this.settle(pending, TIMED_OUT));
  }

  /** Asks `server` once; `handler` hears how it ended, possibly before this returns. */
  query(server: Nameserver, name: string, type: RecordType, edns: boolean, handler: OutcomeHandler): void {
    if (this.closed) return handler.onOutcome({ kind: 'error', detail: 'DNS client is closed' });
    const slot = this.pickSlot(server);
    const id = freeId(slot.pending);
    if (id === undefined) return handler.onOutcome({ kind: 'error', detail: 'no free query ID on the socket' });
    const pending: PendingQuery = {
      query: encodeQuery(id, name, type, edns),
      slot,
      handler,
      sent: false,
      resent: false,
      deadline: 0,
      older: undefined,
      newer: undefined,
    };
    slot.pending.set(id, pending);
    this.deadlines.add(pending);
    this.send(pending);
  }

  private settle(pending: PendingQuery, outcome: AttemptOutcome): void {
    const { handler, slot, query } = pending;
    if (!handler) return;
    pending.handler = undefined;
    this.deadlines.remove(pending);
    if (slot.pending.get(query.id) === pending) slot.pending.delete(query.id);
    handler.onOutcome(outcome);
  }

  /**
   * Datagrams leave together at the end of the event-loop turn, not one by one as queries are made.
   * On loopback the sender pays, inside sendmsg, for waking an idle server; a server woken by the
   * first datagram of a burst is still busy when the rest arrive. Measured against unbound on two
   * cores, this halves the cost of a send when the audit's own work spaces queries out.
   */
  private send(pending: PendingQuery): void {
    if (this.outbox.length === 0) setImmediate(this.flushOutbox);
    this.outbox.push(pending);
  }

  private readonly flushOutbox = (): void => {
    const outbox = this.outbox;
    this.outbox = [];
    for (const pending of outbox) {
      // Settled while waiting (the socket failed or the client closed): there is nothing left to send.
      if (!pending.handler) continue;
      if (pending.slot.ready) this.transmit(pending);
      else void pending.slot.connected.then(() => this.transmit(pending), () => {});
    }
  };

  private transmit(pending: PendingQuery): void {
    const { slot } = pending;
    pending.sent = true;
    try {
      slot.socket.send(pending.query.bytes, (error) => error && this.sendFailed(slot, pending, error));
    } catch (error) {
      this.sendFailed(slot, pending, error as Error);
    }
  }

  private sendFailed(slot: SocketSlot, pending: PendingQuery, error: Error): void {
    pending.sent = false;
    if (!isIcmpError(error)) {
      this.settle(pending, { kind: 'error', detail: `UDP send failed: ${error.message}` });
      return;
    }
    // The send reported an ICMP error about an earlier datagram; this one never left.
    this.icmpError(slot, error);
    this.afterIcmpError(pending, error);
  }

  /**
   * An ICMP error cannot say which datagram it is about (Node has no IP_RECVERR), and anyone who can
   * guess the ports can forge one. So it never retires the socket (answers already queued on it are
   * still read), never touches queries not yet sent, and costs each query sent on this socket one
   * resend under the same ID: a genuine answer to the first datagram is still taken. A query whose
   * resend draws an ICMP error too fails at once, and the client asks its next server.
   */
  private icmpError(slot: SocketSlot, error: Error): void {
    for (const pending of [...slot.pending.values()]) if (pending.sent) this.afterIcmpError(pending, error);
  }

  private afterIcmpError(pending: PendingQuery, error: Error): void {
    if (!pending.handler) return;
    if (pending.resent) {
      this.settle(pending, { kind: 'error', detail: `UDP: ICMP reported ${(error as NodeJS.ErrnoException).code} for the query and again for its resend` });
      return;
    }
    pending.resent = true;
    pending.sent = false;
    this.send(pending);
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots.values()].flat();
    this.slots.clear();
    await Promise.all(slots.map((slot) => this.retire(slot, 'DNS client closed')));
  }

  /**
   * Sockets are connected to their name server: the kernel then drops datagrams from any other
   * source before they reach us, and sends skip the per-packet address lookup that costs real
   * time at thousands of queries a second.
   */
  private pickSlot(server: Nameserver): SocketSlot {
    let slots = this.slots.get(server);
    if (!slots) this.slots.set(server, (slots = []));
    const existing = slots[this.nextSlot++ % this.socketsPerServer];
    if (existing) return existing;
    const family = isIpv6Literal(server.host) ? 'udp6' : 'udp4';
    // Thousands of replies can land between two event-loop turns; the default buffer would drop them.
    const socket = dgram.createSocket({ type: family, recvBufferSize: RECEIVE_BUFFER_BYTES });
    const slot: SocketSlot = {
      socket,
      address: canonicalIp(server.host),
      port: server.port,
      pending: new Map(),
      ready: false,
      connected: new Promise((resolve, reject) => {
        socket.once('error', reject);
        socket.connect(server.port, server.host, () => resolve());
      }),
    };
    slot.connected.then(() => (slot.ready = true), () => {});
    slot.socket.on('message', (bytes, remote) => this.deliver(slot, bytes, remote));
    slot.socket.on('error', (error) => {
      if (isIcmpError(error)) {
        this.icmpError(slot, error);
        return;
      }
      this.slots.set(server, (this.slots.get(server) ?? []).filter((candidate) => candidate !== slot));
      void this.retire(slot, `UDP socket error: ${error.message}`);
    });
    slot.socket.unref();
    slots.push(slot);
    return slot;
  }

  /**
   * Anything that is not a well-formed reply to an outstanding query, from the address and
   * port it was sent to, is dropped without settling the query: it may be a forgery racing the
   * real answer, and accepting it would let an off-path attacker end the lookup. A reply that
   * matches ID, question and source but whose records do not decode is settled as malformed:
   * forging it needs the same knowledge as forging a valid answer, so this gives an attacker
   * nothing new, and it reports a broken server as such rather than as a timeout.
   */
  private deliver(slot: SocketSlot, bytes: Buffer, remote: RemoteInfo): void {
    const parsed = parseReply(bytes);
    if (parsed.kind === 'unreadable') return;
    const [id, question] = parsed.kind === 'ok' ? [parsed.message.id, parsed.message.question] : [parsed.id, parsed.question];
    const pending = slot.pending.get(id);
    if (!pending || remote.port !== slot.port) return;
    if (remote.address !== slot.address && canonicalIp(remote.address) !== slot.address) return;
    if (!questionsMatch(question, pending.query.question)) return;
    this.settle(pending, parsed.kind === 'ok' ? { kind: 'reply', message: parsed.message } : { kind: 'malformed', detail: parsed.reason });
  }

  private retire(slot: SocketSlot, reason: string): Promise<void> {
    for (const pending of [...slot.pending.values()]) this.settle(pending, { kind: 'error', detail: reason });
    return new Promise((resolve) => {
      try {
        slot.socket.close(() => resolve());
      } catch {
        // Already closed (e.g. after an error): nothing left to release.
        resolve();
      }
    });
  }
}

function freeId(pending: Map<number, PendingQuery>): number | undefined {
  for (let draw = 0; draw < ID_DRAWS; draw++) {
    const id = randomQueryId();
    if (!pending.has(id)) return id;
  }
  return undefined;
}
