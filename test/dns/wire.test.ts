import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyReply } from '../../src/dns/classify.js';
import { EDNS_UDP_PAYLOAD_SIZE, encodeQuery, invalidNameReason } from '../../src/dns/wire-encode.js';
import { parseReply, readQuestion } from '../../src/dns/wire-decode.js';
import { formatIpv6, WireReader } from '../../src/dns/wire-reader.js';

const reply = (packet: dnsPacket.Packet): Buffer =>
  dnsPacket.encode({ type: 'response', id: 7, questions: [{ name: 'example.test', type: 'TXT' }], ...packet });

const VALID_REPLY = reply({
  answers: [
    { name: 'example.test', type: 'CNAME', data: 'target.test' },
    { name: 'target.test', type: 'TXT', data: ['v=spf1 ', '-all'] },
    { name: 'target.test', type: 'MX', data: { preference: 5, exchange: 'mx.target.test' } },
    { name: 'target.test', type: 'AAAA', data: '2001:db8::1' },
  ],
  additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
});

const KINDS = ['unreadable', 'broken', 'ok'];

describe('parseReply never throws', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(KINDS).toContain(parseReply(Buffer.from(bytes)).kind);
      }),
      { numRuns: 2_000 },
    );
  });

  it('on a valid reply with bytes overwritten, cut short or extended (mostly reaching the record decoders)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(VALID_REPLY.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(VALID_REPLY.length + 20),
        fc.uint8Array({ maxLength: 20 }),
        (edits, cut, tail) => {
          const bytes = Buffer.concat([VALID_REPLY, tail]);
          for (const [offset, value] of edits) bytes[offset] = value;
          const parsed = parseReply(bytes.subarray(0, cut));
          expect(KINDS).toContain(parsed.kind);
          // Anything that decodes is also safe to classify.
          if (parsed.kind === 'ok') for (const type of ['TXT', 'A', 'AAAA', 'MX', 'PTR', 'CNAME'] as const) classifyReply(parsed.message, type);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe('parseReply verdicts', () => {
  const withRdata = (type: number, rdata: number[]): Buffer => {
    const header = reply({});
    header.writeUInt16BE(1, 6);
    const record = Buffer.from([0xc0, 0x0c, type >> 8, type & 0xff, 0, 1, 0, 0, 0, 60, rdata.length >> 8, rdata.length & 0xff, ...rdata]);
    return Buffer.concat([header, record]);
  };

  it.each<[string, Buffer, string, RegExp?]>([
    ['a valid reply', VALID_REPLY, 'ok'],
    ['too short for a header', Buffer.from([1, 2, 3]), 'unreadable', /truncated/],
    ['a query, not a response', dnsPacket.encode({ type: 'query', id: 1, questions: [{ name: 'x.test', type: 'A' }] }), 'unreadable', /not a response/],
    ['no question', dnsPacket.encode({ type: 'response', id: 1 }), 'unreadable', /0 questions/],
    ['a question name pointing at itself', Buffer.from([0, 7, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 16, 0, 1]), 'unreadable', /pointer loop/],
    ['an A record of 3 bytes', withRdata(1, [1, 2, 3]), 'broken', /A record with 3 bytes/],
    ['an AAAA record of 4 bytes', withRdata(28, [1, 2, 3, 4]), 'broken', /AAAA/],
    ['a TXT string longer than its RDATA', withRdata(16, [5, 0x61]), 'broken', /truncated/],
    ['a TLSA record of 2 bytes', withRdata(52, [3, 1]), 'broken', /TLSA record with 2 bytes/],
    ['a CNAME name shorter than its RDATA', withRdata(5, [1, 0x61, 0, 0]), 'broken', /does not match its length/],
    ['RDLENGTH past the end', withRdata(16, [1, 0x61]).subarray(0, -1), 'broken', /runs past the end/],
    ['an answer count larger than the records', (() => { const b = reply({}); b.writeUInt16BE(2, 6); return b; })(), 'broken', /truncated|past the end/],
  ])('%s → %s', (_, bytes, kind, reason) => {
    const parsed = parseReply(bytes);
    expect(parsed.kind).toBe(kind);
    if (reason && parsed.kind !== 'ok') expect(parsed.reason).toMatch(reason);
  });

  it('decodes names lower case with ambiguous bytes escaped', () => {
    const bytes = reply({ questions: [{ name: 'A\\.B.Example.TEST', type: 'A' }] });
    // dns-packet writes "A\.B" as the two labels "A\" and "B"; the backslash must stay visible.
    const parsed = parseReply(bytes);
    expect(parsed.kind === 'ok' && parsed.message.question.name).toBe('a\\\\.b.example.test');
  });
});

describe('compressed names', () => {
  const header = [0, 1, 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 0];
  const question = [7, ...Buffer.from('Example'), 4, ...Buffer.from('test'), 0, 0, 16, 0, 1];
  const txt = (name: number[]): number[] => [...name, 0, 16, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0x61];
  const POINTER_TO_QUESTION = [0xc0, 12];

  it.each<[string, number[], string]>([
    ['a pointer to the question', POINTER_TO_QUESTION, 'example.test'],
    ['a label, then a pointer to the question', [3, ...Buffer.from('www'), ...POINTER_TO_QUESTION], 'www.example.test'],
    ['a pointer into the middle of the question', [0xc0, 20], 'test'],
    ['an uncompressed name', [1, 0x78, 0], 'x'],
  ])('%s, after two answers owned by the question name', (_, name, expected) => {
    const bytes = Buffer.from([...header, ...question, ...txt(POINTER_TO_QUESTION), ...txt(POINTER_TO_QUESTION), ...txt(name)]);
    const parsed = parseReply(bytes);
    expect(parsed.kind === 'ok' && parsed.message.answers.map((record) => record.name)).toEqual(['example.test', 'example.test', expected]);
  });
});

describe('queries', () => {
  /** A label of plain, special and arbitrary characters; dots and backslashes, which a label cannot hold unescaped, are replaced. */
  const queryLabel = fc
    .string({ unit: fc.oneof(fc.constantFrom('a', 'Z', '0', '-', '_', '*', '\u00fc', ' ', '"', '(', '~'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 20 })
    .map((label) => label.replace(/[.\\]/g, 'x'));

  it('carry RD and AD, one IN question and an EDNS0 OPT record advertising 1232 bytes', () => {
    const query = encodeQuery(0x1234, 'Example.TEST.', 'TXT');
    const decoded = dnsPacket.decode(query.bytes);
    expect(decoded).toMatchObject({ id: 0x1234, type: 'query', flag_rd: true, flag_ad: true, questions: [{ name: 'Example.TEST', type: 'TXT', class: 'IN' }] });
    expect(decoded.additionals).toEqual([expect.objectContaining({ type: 'OPT', udpPayloadSize: EDNS_UDP_PAYLOAD_SIZE })]);
    expect(query.question).toEqual({ name: 'example.test', type: 16, class: 1 });
  });

  it("are byte for byte what dns-packet's full encoder makes of the same query, with or without EDNS", () => {
    fc.assert(
      fc.property(fc.array(queryLabel, { minLength: 1, maxLength: 5 }), fc.constantFrom('TXT', 'A', 'AAAA', 'MX', 'PTR', 'CNAME'), fc.integer({ min: 0, max: 0xffff }), fc.boolean(), (labels, type, id, edns) => {
        const name = labels.join('.');
        fc.pre(invalidNameReason(name) === undefined);
        const opt = { type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] } satisfies dnsPacket.Answer;
        const reference = dnsPacket.encode({
          type: 'query',
          id,
          flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
          questions: [{ name, type, class: 'IN' }],
          additionals: edns ? [opt] : [],
        });
        const query = encodeQuery(id, `${name}.`, type, edns);
        expect(query.bytes).toEqual(reference);
        expect(query.question).toEqual(readQuestion(new WireReader(query.bytes, 12)));
      }),
      { numRuns: 2000 },
    );
  });

  it('remember their question exactly as it reads back from the wire, whatever the name holds', () => {
    fc.assert(
      fc.property(fc.array(queryLabel, { minLength: 1, maxLength: 4 }), fc.constantFrom('TXT', 'A', 'MX'), fc.boolean(), (labels, type, trailingDot) => {
        const name = `${labels.join('.')}${trailingDot ? '.' : ''}`;
        fc.pre(invalidNameReason(name) === undefined);
        const query = encodeQuery(1, name, type);
        expect(query.question).toEqual(readQuestion(new WireReader(query.bytes, 12)));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['example.test', undefined],
    ['example.test.', undefined],
    ['', /empty name/],
    ['.', /empty name/],
    ['a..test', /empty label/],
    [`${'x'.repeat(64)}.test`, /63 octets/],
    [`${'abcdefghi.'.repeat(26)}test`, /255 octets/],
    ['a\\.test', /escape/],
    [`${'x'.repeat(63)}.test`, undefined],
    [`${'abcdefghi.'.repeat(25)}abc`, undefined],
    [`${'abcdefghi.'.repeat(25)}abcd`, /255 octets/],
    [`${'\u00fc'.repeat(32)}.test`, /63 octets/],
  ])('invalidNameReason(%j)', (name, reason) => {
    const why = invalidNameReason(name);
    if (reason === undefined) expect(why).toBeUndefined();
    else expect(why).toMatch(reason);
  });

  it('invalidNameReason counts octets as the wire does, for plain names and the rest alike', () => {
    /** RFC 1035 §2.3.4 on the name as dns-packet would encode it: labels of 1–63 octets, 255 in all. */
    const reference = (name: string): boolean => {
      const labels = name.replace(/\.$/, '').split('.');
      const octets = labels.map((label) => Buffer.byteLength(label));
      return labels[0] !== '' && octets.every((n) => n >= 1 && n <= 63) && octets.reduce((sum, n) => sum + n + 1, 1) <= 255;
    };
    const label = fc.string({ unit: fc.constantFrom('a', 'Z', '-', '\u00fc', '.'), minLength: 0, maxLength: 70 });
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 8 }), (labels) => {
        const name = labels.join('.');
        expect(invalidNameReason(name) === undefined).toBe(reference(name));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatIpv6 (RFC 5952)', () => {
  it.each([
    ['00000000000000000000000000000001', '::1'],
    ['00000000000000000000000000000000', '::'],
    ['20010db8000000000000000000000001', '2001:db8::1'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    ['20010db8000100010001000100010001', '2001:db8:1:1:1:1:1:1'],
    ['20010db8abcd00000000000000000000', '2001:db8:abcd::'],
  ])('%s → %s', (hex, text) => {
    expect(formatIpv6(Buffer.from(hex, 'hex'))).toBe(text);
  });
});

describe('TLSA (RFC 6698 §2.1)', () => {
  it('decodes usage, selector, matching type and the association data as lower-case hex, with the AD bit', () => {
    const bytes = dnsPacket.encode({
      type: 'response',
      id: 3,
      flags: dnsPacket.AUTHENTIC_DATA,
      questions: [{ name: '_25._tcp.mx.example.test', type: 'TLSA' }],
      answers: [{ name: '_25._tcp.mx.example.test', type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from('ABCDEF01', 'hex') } }],
    });
    const parsed = parseReply(bytes);
    if (parsed.kind !== 'ok') throw new Error(parsed.kind);
    expect(classifyReply(parsed.message, 'TLSA')).toEqual({
      kind: 'final',
      result: { status: 'answer', records: [{ usage: 3, selector: 1, matchingType: 1, certificate: 'abcdef01' }], canonicalName: '_25._tcp.mx.example.test', authenticated: true },
    });
  });

  it('asks with QTYPE 52', () => {
    const query = encodeQuery(9, '_25._tcp.mx.example.test', 'TLSA');
    expect(dnsPacket.decode(query.bytes).questions?.[0]?.type).toBe('TLSA');
  });
});
