import { randomBytes } from 'node:crypto';

/** What a fault handler can do with the query it intercepts. */
export interface FaultContext {
  transport: 'udp' | 'tcp';
  /** The query carries an EDNS OPT record. */
  edns: boolean;
  /** The reply the server would send without the fault (already truncated to fit over UDP). */
  normalReply(): Buffer;
  /** The full answer, however large: what `normalReply` would be over TCP. */
  fullReply(): Buffer;
  /** A reply to this query with no records, the given RCODE, optionally TC=1 and without the OPT record. */
  emptyReply(options: { rcode?: number; truncated?: boolean; withoutOpt?: boolean }): Buffer;
  /** A plausible answer with made-up data, as an attacker would forge it. */
  forgedReply(): Buffer;
  send(bytes: Buffer): void;
  /** UDP only: send from a different source port than the one the query went to. */
  sendFromOtherPort(bytes: Buffer): void;
  /** TCP only: drop the connection. */
  closeConnection(): void;
  /** TCP only: reset the connection (RST), as a server that refuses TCP does. */
  resetConnection(): void;
  /** TCP only: the length prefix of `bytes` and only part of them, then drop the connection. */
  sendPartAndClose(bytes: Buffer): void;
  later(delayMs: number, action: () => void): void;
}

interface FaultMode {
  summary: string;
  /** Modes written `mode=<argument>` check their argument here and return why it is bad. */
  checkArgument?: (argument: string) => string | undefined;
  respond(context: FaultContext, argument: string | undefined): void;
}

const RCODE = { FORMERR: 1, SERVFAIL: 2, NOTIMP: 4, REFUSED: 5, BADVERS: 16 } as const;

/**
 * A server, or a middlebox in front of it, that does not speak EDNS: a query carrying an OPT record
 * gets `rejection` (FORMERR and NOTIMP without an OPT record, as such a server cannot write one;
 * BADVERS, an extended RCODE, inside one), a query without gets the normal answer.
 */
const rejectingEdns = (rejection: number) => (c: FaultContext): void =>
  c.send(c.edns ? c.emptyReply({ rcode: rejection, withoutOpt: rejection <= 0x0f }) : c.normalReply());

const withId = (reply: Buffer, id: number): Buffer => {
  const copy = Buffer.from(reply);
  copy.writeUInt16BE(id, 0);
  return copy;
};
const idOf = (reply: Buffer): number => reply.readUInt16BE(0);

/** The reply with AD set (RFC 4035 §3.2.3), as a validating resolver sends what it validated. */
const withAd = (reply: Buffer): Buffer => {
  const copy = Buffer.from(reply);
  copy[3] = (copy[3] as number) | 0x20;
  return copy;
};

/** The same reply for another name: the question's first label is overwritten in place, so lengths stay valid. */
const withOtherQuestionName = (reply: Buffer): Buffer => {
  const labelEnd = 13 + reply.readUInt8(12);
  const copy = Buffer.from(reply);
  copy.fill('x', 13, labelEnd);
  if (copy.equals(reply)) copy.fill('y', 13, labelEnd);
  return copy;
};

/**
 * Every fault the fixture server can inject, by the name written in zone files
 * (`name FAULT <mode> [TYPE…]`). Add a mode by adding an entry here (the zone parser
 * validates names against this table) and a line to fixtures/README.md.
 */
export const FAULT_MODES: Readonly<Record<string, FaultMode>> = {
  timeout: { summary: 'never reply', respond: () => {} },
  servfail: { summary: 'RCODE SERVFAIL', respond: (c) => c.send(c.emptyReply({ rcode: RCODE.SERVFAIL })) },
  refused: { summary: 'RCODE REFUSED', respond: (c) => c.send(c.emptyReply({ rcode: RCODE.REFUSED })) },
  notimp: { summary: 'RCODE NOTIMP', respond: (c) => c.send(c.emptyReply({ rcode: RCODE.NOTIMP })) },
  'edns-formerr': { summary: 'FORMERR to a query with EDNS; the normal answer without', respond: rejectingEdns(RCODE.FORMERR) },
  'edns-notimp': { summary: 'NOTIMP to a query with EDNS; the normal answer without', respond: rejectingEdns(RCODE.NOTIMP) },
  'edns-badvers': { summary: 'BADVERS (extended RCODE 16) to a query with EDNS; the normal answer without', respond: rejectingEdns(RCODE.BADVERS) },
  truncate: {
    summary: 'UDP: TC=1 and no records; TCP: normal answer',
    respond: (c) => c.send(c.transport === 'udp' ? c.emptyReply({ truncated: true }) : c.normalReply()),
  },
  'truncate-tcp-close': {
    summary: 'UDP: TC=1; TCP: connection closed without a reply',
    respond: (c) => (c.transport === 'udp' ? c.send(c.emptyReply({ truncated: true })) : c.closeConnection()),
  },
  'tcp-reset': {
    summary: 'UDP: TC=1; TCP: the connection is reset (RST) without a reply',
    respond: (c) => (c.transport === 'udp' ? c.send(c.emptyReply({ truncated: true })) : c.resetConnection()),
  },
  'tcp-partial': {
    summary: 'UDP: TC=1; TCP: the length prefix and half the reply, then the connection closes',
    respond: (c) => (c.transport === 'udp' ? c.send(c.emptyReply({ truncated: true })) : c.sendPartAndClose(c.fullReply())),
  },
  oversize: {
    summary: 'the full answer over UDP too, larger than the buffer the client advertised, without TC',
    respond: (c) => c.send(c.fullReply()),
  },
  garbage: { summary: 'reply with random bytes', respond: (c) => c.send(randomBytes(48)) },
  malformed: {
    summary: 'right ID and question, answer record whose RDLENGTH runs past the end',
    respond: (c) => c.send(withBrokenAnswer(c.emptyReply({}))),
  },
  'wrong-id': {
    summary: 'the normal reply with another ID only',
    respond: (c) => {
      const reply = c.normalReply();
      c.send(withId(reply, idOf(reply) ^ 0x5a5a));
    },
  },
  spoof: {
    summary: 'forged replies first (other source port, wrong ID, wrong question), then the genuine one',
    respond: (c) => {
      const forged = c.forgedReply();
      c.sendFromOtherPort(forged);
      c.send(withId(forged, idOf(forged) ^ 0x5a5a));
      c.send(withOtherQuestionName(forged));
      // Let the forgeries arrive first, as they would in a real race.
      c.later(20, () => c.send(c.normalReply()));
    },
  },
  ad: { summary: 'the normal answer with the AD bit set, as a validating resolver vouches for it (DNSSEC and DANE tests)', respond: (c) => c.send(withAd(c.normalReply())) },
  delay: {
    summary: 'the normal reply after <ms> milliseconds (written delay=<ms>)',
    checkArgument: (argument) => (/^\d{1,6}$/.test(argument) ? undefined : `delay needs milliseconds, got "${argument}"`),
    respond: (c, argument) => c.later(Number(argument), () => c.send(c.normalReply())),
  },
};

/** One answer record (owner = pointer to the question name) claiming 255 bytes of RDATA but carrying 3. */
function withBrokenAnswer(emptyReply: Buffer): Buffer {
  const header = Buffer.from(emptyReply.subarray(0, questionEnd(emptyReply)));
  header.writeUInt16BE(1, 6);
  header.writeUInt16BE(0, 8);
  header.writeUInt16BE(0, 10);
  const record = Buffer.from([0xc0, 0x0c, 0x00, 0x10, 0x00, 0x01, 0, 0, 0x0e, 0x10, 0x00, 0xff, 1, 2, 3]);
  return Buffer.concat([header, record]);
}

function questionEnd(reply: Buffer): number {
  let offset = 12;
  while (reply.readUInt8(offset) !== 0) offset += reply.readUInt8(offset) + 1;
  return offset + 1 + 4;
}

export interface FaultSpec {
  mode: string;
  argument: string | undefined;
}

/** `timeout`, `delay=300`… → the spec, or a message saying what is wrong. */
export function parseFaultSpec(text: string): FaultSpec | string {
  const [mode = '', ...rest] = text.toLowerCase().split('=');
  const argument = rest.length > 0 ? rest.join('=') : undefined;
  const definition = FAULT_MODES[mode];
  if (!definition) return `unknown fault mode "${mode}" (known: ${Object.keys(FAULT_MODES).join(', ')})`;
  if (definition.checkArgument) {
    if (argument === undefined) return `fault mode "${mode}" needs an argument: ${mode}=…`;
    return definition.checkArgument(argument) ?? { mode, argument };
  }
  if (argument !== undefined) return `fault mode "${mode}" takes no argument`;
  return { mode, argument };
}
