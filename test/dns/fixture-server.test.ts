import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoneParseError } from '../../src/zone/lexer.js';
import { startFixtureServer } from '../fixture-server/index.js';
import type { FixtureServer } from '../fixture-server/index.js';
import { CLIENT_ZONE } from './support.js';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({ zoneFiles: [CLIENT_ZONE] });
});

afterAll(async () => {
  await server.close();
});

const query = (id: number, name: string, type: dnsPacket.RecordType, udpPayloadSize?: number): Buffer =>
  dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type }],
    additionals:
      udpPayloadSize === undefined
        ? []
        : [{ type: 'OPT', name: '.', udpPayloadSize, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  });

async function askUdp(bytes: Buffer, port = server.port): Promise<dnsPacket.DecodedPacket> {
  const socket = dgram.createSocket('udp4');
  try {
    return await new Promise((resolve) => {
      socket.once('message', (reply) => resolve(dnsPacket.decode(reply)));
      socket.send(bytes, port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}

describe('fixture server over UDP', () => {
  it.each<[string, number | undefined, boolean]>([
    ['without EDNS the 512-byte limit applies', undefined, true],
    ['an advertised payload size below 512 still allows 512', 100, true],
    ['EDNS 1232 fits the 600-byte record', 1232, false],
  ])('%s', async (_, payloadSize, truncated) => {
    const reply = await askUdp(query(1, 'big.dns.test', 'TXT', payloadSize));
    expect(reply.flag_tc).toBe(truncated);
    expect(reply.answers ?? []).toHaveLength(truncated ? 0 : 1);
    expect(reply.additionals?.some((record) => record.type === 'OPT')).toBe(payloadSize !== undefined);
  });

  it('echoes ID, question and RD and sets AA and RA', async () => {
    const reply = await askUdp(query(0xbeef, 'A.dns.TEST', 'A', 1232));
    expect(reply).toMatchObject({ id: 0xbeef, type: 'response', flag_rd: true, flag_aa: true, flag_ra: true, questions: [{ name: 'A.dns.TEST', type: 'A' }] });
  });

  it.each<[string, dnsPacket.RecordType, string, string[]]>([
    ['alias2.dns.test', 'TXT', 'NOERROR', ['CNAME', 'CNAME', 'TXT']],
    ['dangling.dns.test', 'A', 'NXDOMAIN', ['CNAME']],
    ['missing.dns.test', 'A', 'NXDOMAIN', []],
    ['ent.dns.test', 'A', 'NOERROR', []],
    ['dns.test', 'SOA', 'NOERROR', ['SOA']],
  ])('%s %s → %s with %j', async (name, type, rcode, types) => {
    const reply = (await askUdp(query(2, name, type))) as dnsPacket.DecodedPacket & { rcode: string };
    expect(reply.rcode).toBe(rcode);
    expect((reply.answers ?? []).map((record) => record.type)).toEqual(types);
  });

  it('logs each query with its transport', async () => {
    server.clearQueries();
    await askUdp(query(3, 'TXT.dns.test.', 'TXT'));
    expect(server.queries()).toEqual([{ name: 'txt.dns.test', type: 'TXT', transport: 'udp' }]);
  });
});

describe('fixture server over TCP', () => {
  it('answers several queries on one connection, even when they arrive split into single bytes', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    const replies: dnsPacket.DecodedPacket[] = [];
    const done = new Promise<void>((resolve) => {
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          replies.push(dnsPacket.decode(buffered.subarray(2, 2 + buffered.readUInt16BE(0))));
          buffered = buffered.subarray(2 + buffered.readUInt16BE(0));
          if (replies.length === 2) resolve();
        }
      });
    });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const frames = Buffer.concat([dnsPacket.streamEncode(dnsPacket.decode(query(10, 'a.dns.test', 'A'))), dnsPacket.streamEncode(dnsPacket.decode(query(11, 'big.dns.test', 'TXT')))]);
    for (const byte of frames) socket.write(Buffer.from([byte]));
    await done;
    socket.destroy();
    expect(replies.map((reply) => [reply.id, reply.flag_tc, reply.answers?.length])).toEqual([
      [10, false, 2],
      [11, false, 1],
    ]);
  });
});

describe('fixture server loading', () => {
  it.each([
    ['a bad zone text', { zoneText: 'x.test. BOGUS 1' }, /<zoneText>:1: unknown record type "BOGUS"/],
    ['CNAME next to other data', { zoneText: 'x.test. A 192.0.2.1\nx.test. CNAME y.test.' }, /<zoneText>:2: CNAME at x.test cannot coexist with other data \(see <zoneText>:1\)/],
  ])('rejects %s', async (_, options, error) => {
    await expect(startFixtureServer(options)).rejects.toThrow(ZoneParseError);
    await expect(startFixtureServer(options)).rejects.toThrow(error);
  });

  it('loads every zone file of a directory alongside each other', async () => {
    const all = await startFixtureServer({ zoneDir: new URL('../../fixtures/zones', import.meta.url).pathname });
    try {
      expect(all.nameserver).toBe(`127.0.0.1:${all.port}`);
    } finally {
      await all.close();
    }
  });

  it('serves TLSA and DNAME, answers wildcards, and keeps other types (SRV) as names that exist', async () => {
    const zoneText = '$ORIGIN t.test.\n_25._tcp.mx TLSA 3 1 1 ABCDEF01\nold DNAME new.test.\n*.wild TXT "w"\n_sip._tcp SRV 0 5 5060 sip\n';
    const own = await startFixtureServer({ zoneText });
    try {
      const tlsa = await askUdp(query(1, '_25._tcp.mx.t.test', 'TLSA'), own.port);
      expect(tlsa.answers).toEqual([expect.objectContaining({ type: 'TLSA', data: expect.objectContaining({ usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from('abcdef01', 'hex') }) })]);
      expect((await askUdp(query(2, 'old.t.test', 'DNAME'), own.port)).answers).toEqual([expect.objectContaining({ type: 'DNAME', data: 'new.test' })]);
      expect((await askUdp(query(3, 'any.wild.t.test', 'TXT'), own.port)).answers).toEqual([expect.objectContaining({ name: 'any.wild.t.test', data: [Buffer.from('w')] })]);
      const srv = await askUdp(query(4, '_sip._tcp.t.test', 'SRV'), own.port);
      expect([(srv.flags ?? 0) & 0xf, srv.answers]).toEqual([0, []]);
    } finally {
      await own.close();
    }
  });

  it('refuses a non-loopback host', async () => {
    await expect(startFixtureServer({ host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/loopback only/);
  });
});
