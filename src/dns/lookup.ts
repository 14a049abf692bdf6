import { classifyReply, MAX_CNAME_HOPS } from './classify.js';
import type { ReplyVerdict } from './classify.js';
import type { DnsClientStats } from './client.js';
import { formatNameserver } from './nameservers.js';
import type { Nameserver } from './nameservers.js';
import type { TcpTransport } from './tcp-transport.js';
import { canonicalName, type FailedLookup, type LookupResult, type RecordType } from './types.js';
import type { AttemptOutcome, OutcomeHandler, UdpTransport } from './udp-transport.js';

type FinalOrFollow<T extends RecordType> = Exclude<ReplyVerdict<T>, { kind: 'retry' }>;

/** What every lookup of one DNS client shares. */
export interface LookupContext {
  nameservers: readonly Nameserver[];
  timeoutMs: number;
  retries: number;
  udp: UdpTransport;
  tcp: TcpTransport;
  counters: DnsClientStats;
  /** Servers that rejected a query with EDNS but answered it without: asked without EDNS from then on. */
  withoutEdns: Set<Nameserver>;
}

/**
 * One lookup: a question, its retries on the next servers, and the CNAMEs it follows, as one object
 * the transports call back. Written as nested async functions this made four promises and four
 * frames a question; at thousands of questions a second, that was a good part of the client's cost.
 */
export class Lookup<T extends RecordType> implements OutcomeHandler {
  /** The name asked now: the one looked up, or where its CNAMEs led. */
  private current: string;
  /** Names asked for so far; only a CNAME that must be followed with a new query needs the set. */
  private asked: Set<string> | undefined;
  private hops = 0;
  /** A chain is only as validated as its least validated reply. */
  private chainAuthenticated = true;

  // One question's attempts. The set and the list are made on the first failure only: most questions
  // are one attempt that gets an answer.
  private attemptNumber = 0;
  private cursor = 0;
  private refusedBy: Set<number> | undefined;
  private failures: string[] | undefined;
  private lastStatus: FailedLookup['status'] = 'timeout';

  // One attempt: UDP, then UDP without EDNS if the server rejects it, then TCP if the reply is truncated.
  private serverIndex = 0;
  private edns = true;
  private stage: 'udp' | 'udp without edns' | 'tcp' = 'udp';

  constructor(
    private readonly context: LookupContext,
    private readonly name: string,
    private readonly type: T,
    private readonly resolve: (result: LookupResult<T>) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.current = canonicalName(name);
  }

  start(): void {
    try {
      this.ask();
    } catch (error) {
      this.reject(error);
    }
  }

  onOutcome(outcome: AttemptOutcome): void {
    // A bug must reject the lookup, not throw into the transport that called back.
    try {
      this.attempted(outcome);
    } catch (error) {
      this.reject(error);
    }
  }

  /** Asks for `current` from the first attempt. */
  private ask(): void {
    this.attemptNumber = 0;
    this.cursor = 0;
    this.refusedBy = undefined;
    this.failures = undefined;
    this.lastStatus = 'timeout';
    this.nextAttempt();
  }

  /**
   * Timeouts, SERVFAIL, malformed replies and transport errors are worth another attempt on the next
   * server; a server that REFUSED is not asked again.
   */
  private nextAttempt(): void {
    const { nameservers, retries, withoutEdns } = this.context;
    const index = this.attemptNumber <= retries ? nextServer(nameservers.length, this.cursor, this.refusedBy) : undefined;
    if (index === undefined) {
      const detail = `${this.current} ${this.type}: ${(this.failures ?? []).join('; ')}`;
      this.answered({ kind: 'final', result: { status: this.lastStatus, detail } });
      return;
    }
    this.attemptNumber++;
    this.cursor = index + 1;
    this.serverIndex = index;
    const server = nameservers[index] as Nameserver;
    this.edns = !withoutEdns.has(server);
    this.stage = 'udp';
    this.sendUdp(server);
  }

  /** One datagram for `current`, with the OPT record if `edns` says so. */
  private sendUdp(server: Nameserver): void {
    const { counters, udp } = this.context;
    counters.queries++;
    counters.udp++;
    udp.query(server, this.current, this.type, this.edns, this);
  }

  /** What one transport reported: the attempt goes on to the next transport, or it is over. */
  private attempted(outcome: AttemptOutcome): void {
    const { counters, withoutEdns, tcp, timeoutMs } = this.context;
    const server = this.context.nameservers[this.serverIndex] as Nameserver;
    if (this.stage === 'udp' && this.edns && rejectsEdns(outcome)) {
      // RFC 6891 §7: a server (or middlebox) that does not speak EDNS answers FORMERR or NOTIMP, and
      // BADVERS means it lacks our EDNS version (0, the only one): ask once more without the OPT record.
      this.edns = false;
      this.stage = 'udp without edns';
      this.sendUdp(server);
      return;
    }
    if (this.stage === 'udp without edns' && outcome.kind === 'reply' && !rejectsEdns(outcome)) withoutEdns.add(server);
    if (this.stage !== 'tcp' && outcome.kind === 'reply' && outcome.message.truncated) {
      this.stage = 'tcp';
      counters.queries++;
      counters.tcp++;
      tcp.query(server, this.current, this.type, timeoutMs, this.edns).then((tcpOutcome) => this.onOutcome(tcpOutcome), this.reject);
      return;
    }
    // TC over TCP means the answer does not fit even there: its records are missing, so it says nothing.
    const ended: AttemptOutcome =
      this.stage === 'tcp' && outcome.kind === 'reply' && outcome.message.truncated ? { kind: 'malformed', detail: 'reply truncated even over TCP' } : outcome;
    if (ended.kind === 'timeout') counters.timeouts++;
    this.attemptEnded(ended, server);
  }

  private attemptEnded(outcome: AttemptOutcome, server: Nameserver): void {
    let failure: { status: FailedLookup['status']; detail: string };
    if (outcome.kind === 'reply') {
      const verdict = classifyReply(outcome.message, this.type);
      if (verdict.kind === 'follow') return this.answered(verdict);
      if (verdict.kind === 'final') {
        const { result } = verdict;
        if (!('detail' in result)) return this.answered(verdict);
        return this.answered({ kind: 'final', result: { ...result, detail: `${this.current} ${this.type}: ${formatNameserver(server)}: ${result.detail}` } });
      }
      if (verdict.status === 'refused') (this.refusedBy ??= new Set()).add(this.serverIndex);
      failure = verdict;
    } else if (outcome.kind === 'timeout') {
      failure = { status: 'timeout', detail: `no reply within ${this.context.timeoutMs} ms` };
    } else {
      failure = { status: outcome.kind, detail: outcome.detail };
    }
    this.lastStatus = failure.status;
    (this.failures ??= []).push(`${formatNameserver(server)}: ${failure.detail}`);
    this.nextAttempt();
  }

  /** The question's answer: the lookup's result, or a CNAME to ask for next. */
  private answered(verdict: FinalOrFollow<T>): void {
    if (verdict.kind === 'final') {
      const { result } = verdict;
      this.resolve(this.chainAuthenticated || !result.authenticated ? result : { ...result, authenticated: false });
      return;
    }
    this.chainAuthenticated &&= verdict.authenticated;
    this.hops += verdict.hops;
    if (this.hops > MAX_CNAME_HOPS) return this.resolve({ status: 'error', detail: `CNAME chain from ${this.name} longer than ${MAX_CNAME_HOPS}` });
    this.asked ??= new Set([this.current]);
    if (this.asked.has(verdict.target)) return this.resolve({ status: 'error', detail: `CNAME loop at ${verdict.target}` });
    this.asked.add(verdict.target);
    this.current = verdict.target;
    this.ask();
  }
}

/** RCODEs that can mean "no EDNS here": FORMERR, NOTIMP, BADVERS (RFC 6891 §6.1.3, §7). */
const EDNS_REJECTIONS: ReadonlySet<number> = new Set([1, 4, 16]);

const rejectsEdns = (outcome: AttemptOutcome): boolean => outcome.kind === 'reply' && EDNS_REJECTIONS.has(outcome.message.rcode);

/** The first server at or after `cursor` (wrapping around) that has not refused us. */
function nextServer(count: number, cursor: number, refusedBy: ReadonlySet<number> | undefined): number | undefined {
  for (let step = 0; step < count; step++) {
    const index = (cursor + step) % count;
    if (!refusedBy?.has(index)) return index;
  }
  return undefined;
}
