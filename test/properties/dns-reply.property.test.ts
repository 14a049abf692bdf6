import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyReply } from '../../src/dns/classify.js';
import type { RecordType } from '../../src/dns/types.js';
import { parseReply } from '../../src/dns/wire-decode.js';
import { runs } from './runs.js';

const TYPES: RecordType[] = ['TXT', 'A', 'AAAA', 'MX', 'PTR', 'CNAME'];
const STATUSES = ['answer', 'nxdomain', 'nodata', 'servfail', 'refused', 'timeout', 'malformed', 'error'];

/** A well-formed reply with a CNAME chain and records of several types: the raw material mutations start from. */
const VALID_REPLY = dnsPacket.encode({
  type: 'response',
  id: 4242,
  flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
  questions: [{ type: 'TXT', name: '_dmarc.example.test', class: 'IN' }],
  answers: [
    { type: 'CNAME', name: '_dmarc.example.test', ttl: 60, data: 'policy.example.test' },
    { type: 'TXT', name: 'policy.example.test', ttl: 60, data: ['v=DMARC1; p=reject', 'rua=mailto:d@example.test'] },
    { type: 'MX', name: 'policy.example.test', ttl: 60, data: { preference: 10, exchange: 'mx.example.test' } },
    { type: 'A', name: 'mx.example.test', ttl: 60, data: '192.0.2.1' },
  ],
  authorities: [{ type: 'SOA', name: 'example.test', ttl: 60, data: { mname: 'ns.example.test', rname: 'h.example.test', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 } }],
});

/** The reply handler's whole job on one datagram: decode, then decide what it means for each record type. */
function handle(bytes: Buffer): void {
  const parsed = parseReply(bytes);
  expect(['ok', 'broken', 'unreadable']).toContain(parsed.kind);
  if (parsed.kind !== 'ok') return;
  for (const type of TYPES) {
    const verdict = classifyReply(parsed.message, type);
    if (verdict.kind === 'final') expect(STATUSES).toContain(verdict.result.status);
  }
}

const mutations = fc.array(fc.tuple(fc.nat({ max: VALID_REPLY.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });

describe('DNS reply handler properties', () => {
  it('never throws on random datagrams', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => handle(Buffer.from(bytes))), { numRuns: runs(3000) });
  });

  it('never throws on a valid reply with bytes overwritten, cut short or extended', () => {
    fc.assert(
      fc.property(mutations, fc.nat({ max: VALID_REPLY.length }), fc.uint8Array({ maxLength: 40 }), (changes, cut, tail) => {
        const bytes = Buffer.from(VALID_REPLY);
        for (const [offset, value] of changes) bytes[offset] = value;
        handle(Buffer.concat([bytes.subarray(0, cut), tail]));
        handle(bytes);
      }),
      { numRuns: runs(5000) },
    );
  });

  it('reads TXT records as dns-packet does: the strings joined, then decoded as UTF-8', () => {
    const strings = fc.array(fc.uint8Array({ maxLength: 255 }), { maxLength: 5 });
    fc.assert(
      fc.property(fc.array(strings, { minLength: 1, maxLength: 3 }), (records) => {
        const answers = records.map((data) => ({ type: 'TXT' as const, name: 'x.test', ttl: 60, data: data.map((d) => Buffer.from(d)) }));
        const bytes = dnsPacket.encode({ type: 'response', id: 1, questions: [{ type: 'TXT', name: 'x.test', class: 'IN' }], answers });
        const parsed = parseReply(bytes);
        if (parsed.kind !== 'ok') throw new Error(`not decoded: ${parsed.kind}`);
        const theirs = dnsPacket.decode(bytes).answers?.map((a) => Buffer.concat((a as { data: Buffer[] }).data).toString('utf8'));
        expect(parsed.message.answers.map((a) => (a.data.kind === 'txt' ? a.data.text : null))).toEqual(theirs);
      }),
      { numRuns: runs(1000) },
    );
  });
});
