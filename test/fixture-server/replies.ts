import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Question } from 'dns-packet';
import type { ZoneRecord } from '../../src/zone/parser.js';

export interface IncomingQuery {
  packet: DecodedPacket;
  question: Question;
  /** The question name lower case without trailing dot, as zone data is stored. */
  name: string;
  /** From the query's OPT record; undefined when the client did not use EDNS. */
  ednsPayloadSize: number | undefined;
}

/** RFC 1035 §4.2.1: the UDP limit for clients that do not advertise a larger one. */
const CLASSIC_UDP_LIMIT = 512;
const SERVER_EDNS_PAYLOAD_SIZE = 1232;
/** RFC 1035 §4.2.2: a TCP message is prefixed by its length in two bytes. */
const TCP_MESSAGE_LIMIT = 0xffff;

export const RCODE_NXDOMAIN = 3;

/** A query we can answer: one question, opcode QUERY. Anything else yields undefined (dropped). */
export function readQuery(bytes: Buffer): IncomingQuery | undefined {
  let packet: DecodedPacket;
  try {
    packet = dnsPacket.decode(bytes);
  } catch {
    return undefined;
  }
  const question = packet.questions?.[0];
  if (packet.type !== 'query' || packet.questions?.length !== 1 || !question) return undefined;
  const opt = packet.additionals?.find((record) => record.type === 'OPT');
  return { packet, question, name: question.name.toLowerCase().replace(/\.$/, ''), ednsPayloadSize: opt?.type === 'OPT' ? opt.udpPayloadSize : undefined };
}

export interface ReplyOptions {
  rcode?: number;
  truncated?: boolean;
  answers?: Answer[];
}

/** Echoes ID, question and RD; sets AA and RA; carries an OPT record when the query did. */
export function buildReply(query: IncomingQuery, { rcode = 0, truncated = false, answers = [] }: ReplyOptions): Buffer {
  const flags =
    dnsPacket.AUTHORITATIVE_ANSWER |
    dnsPacket.RECURSION_AVAILABLE |
    (query.packet.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) |
    (truncated ? dnsPacket.TRUNCATED_RESPONSE : 0) |
    rcode;
  const opt: Answer = {
    type: 'OPT',
    name: '.',
    udpPayloadSize: SERVER_EDNS_PAYLOAD_SIZE,
    extendedRcode: 0,
    ednsVersion: 0,
    flags: 0,
    flag_do: false,
    options: [],
  };
  return dnsPacket.encode({
    type: 'response',
    id: query.packet.id ?? 0,
    flags,
    questions: [query.question],
    answers,
    additionals: query.ednsPayloadSize === undefined ? [] : [opt],
  });
}

/**
 * An answer that exceeds the client's limit becomes TC=1 with no records, as real servers do: over
 * UDP the limit is the client's EDNS buffer, over TCP the 65,535 bytes a length prefix can say.
 */
export function buildFittingReply(query: IncomingQuery, transport: 'udp' | 'tcp', options: ReplyOptions): Buffer {
  const reply = buildReply(query, options);
  const limit = transport === 'tcp' ? TCP_MESSAGE_LIMIT : Math.max(CLASSIC_UDP_LIMIT, query.ednsPayloadSize ?? CLASSIC_UDP_LIMIT);
  return reply.length <= limit ? reply : buildReply(query, { rcode: options.rcode ?? 0, truncated: true });
}

/** The record on the wire; types the checks never ask for (SRV, CAA…, kept as text) are not served. */
export function toAnswer(record: ZoneRecord): Answer | undefined {
  const common = { name: record.name, ttl: record.ttl, class: 'IN' as const };
  switch (record.type) {
    case 'MX':
      return { ...common, type: 'MX', data: record.data };
    case 'TXT':
      return { ...common, type: 'TXT', data: record.data };
    case 'SOA':
      return { ...common, type: 'SOA', data: record.data };
    case 'TLSA':
      return { ...common, type: 'TLSA', data: { ...record.data, certificate: Buffer.from(record.data.certificate, 'hex') } };
    case 'OTHER':
      return undefined;
    default:
      return { ...common, type: record.type, data: record.data };
  }
}

/** One record of the asked type with data an attacker would want us to believe. */
export function forgedAnswer(question: Question): Answer {
  const common = { name: question.name, ttl: 3600, class: 'IN' as const };
  switch (question.type) {
    case 'A':
      return { ...common, type: 'A', data: '192.0.2.66' };
    case 'AAAA':
      return { ...common, type: 'AAAA', data: '2001:db8::66' };
    case 'MX':
      return { ...common, type: 'MX', data: { preference: 0, exchange: 'spoofed.invalid' } };
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...common, type: question.type, data: 'spoofed.invalid' };
    default:
      return { ...common, type: 'TXT', data: ['spoofed'] };
  }
}
