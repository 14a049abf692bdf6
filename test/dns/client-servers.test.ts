import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsClient } from '../../src/dns/client.js';
import type { DnsClientOptions } from '../../src/dns/client.js';
import { parseNameserver } from '../../src/dns/nameservers.js';
import type { Nameserver } from '../../src/dns/nameservers.js';
import { startFixtureServer } from '../fixture-server/index.js';
import type { FixtureServer } from '../fixture-server/index.js';
import { CLIENT_ZONE, DOES_NOT_HANG_MS, ipv6LoopbackAvailable, startBlackHole } from './support.js';

const canUseIpv6 = await ipv6LoopbackAvailable();

let fixture: FixtureServer;
let refuser: FixtureServer;
let blackHole: Awaited<ReturnType<typeof startBlackHole>>;
let good: Nameserver;
let refusing: Nameserver;

beforeAll(async () => {
  fixture = await startFixtureServer({ zoneFiles: [CLIENT_ZONE] });
  refuser = await startFixtureServer({ zoneText: '$ORIGIN dns.test.\na FAULT refused\n' });
  blackHole = await startBlackHole();
  good = parseNameserver(fixture.nameserver);
  refusing = parseNameserver(refuser.nameserver);
});

afterAll(async () => {
  await Promise.all([fixture.close(), refuser.close(), blackHole.close()]);
});

async function withClient<R>(options: DnsClientOptions, use: (client: ReturnType<typeof createDnsClient>) => Promise<R>): Promise<R> {
  const client = createDnsClient(options);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('retries rotate through the nameservers', () => {
  it.each<[string, () => Nameserver[], number, string, number]>([
    ['dead server first, good second', () => [blackHole.nameserver, good], 1, 'answer', 1],
    ['good server first', () => [good, blackHole.nameserver], 1, 'answer', 0],
    ['refusing server first, good second', () => [refusing, good], 1, 'answer', 0],
    ['only dead servers', () => [blackHole.nameserver, blackHole.nameserver], 2, 'timeout', 3],
    ['every server refuses: no further attempts', () => [refusing, refusing], 5, 'refused', 0],
    ['no retries: a dead first server is the end', () => [blackHole.nameserver, good], 0, 'timeout', 1],
  ])('%s', async (_, nameservers, retries, status, timeouts) => {
    await withClient({ nameservers: nameservers(), timeoutMs: 200, retries }, async (client) => {
      const started = Date.now();
      expect((await client.resolve('a.dns.test', 'A')).status).toBe(status);
      expect(client.stats().timeouts).toBe(timeouts);
      expect(Date.now() - started).toBeLessThan(DOES_NOT_HANG_MS);
    });
  });

  it('the dead server really received the first attempt', async () => {
    const before = blackHole.received();
    await withClient({ nameservers: [blackHole.nameserver, good], timeoutMs: 200, retries: 1 }, (client) => client.resolve('txt.dns.test', 'TXT'));
    expect(blackHole.received()).toBe(before + 1);
  });

  it('TC over UDP, then TCP refused: an error, not a hang', async () => {
    const truncator = await startTruncatingUdpOnly();
    try {
      await withClient({ nameservers: [truncator.nameserver], timeoutMs: 1_000, retries: 0 }, async (client) => {
        const result = await client.resolve('a.dns.test', 'A');
        expect(result).toMatchObject({ status: 'error', detail: expect.stringMatching(/TCP/) });
        expect(client.stats()).toMatchObject({ udp: 1, tcp: 1, timeouts: 0 });
      });
    } finally {
      await truncator.close();
    }
  });
});

/** Answers every UDP query with TC=1; nothing listens on TCP at that port. */
async function startTruncatingUdpOnly(): Promise<{ nameserver: Nameserver; close: () => Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (bytes, remote) => {
    const query = dnsPacket.decode(bytes);
    const reply = dnsPacket.encode({ type: 'response', id: query.id, flags: dnsPacket.TRUNCATED_RESPONSE, questions: query.questions });
    socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    nameserver: { host: '127.0.0.1', port: socket.address().port },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

describe.skipIf(!canUseIpv6)('IPv6 loopback', () => {
  it.each(['a.dns.test', 'truncate.dns.test'])('resolves %s through [::1] over UDP and TCP', async (name) => {
    const server = await startFixtureServer({ zoneFiles: [CLIENT_ZONE], host: '::1' });
    try {
      expect(server.nameserver).toMatch(/^\[::1\]:\d+$/);
      await withClient({ nameservers: [parseNameserver(server.nameserver)], timeoutMs: 500, retries: 1 }, async (client) => {
        expect((await client.resolve(name, name.startsWith('a.') ? 'A' : 'TXT')).status).toBe('answer');
      });
    } finally {
      await server.close();
    }
  });
});

describe('lifecycle', () => {
  it('close() settles in-flight lookups as errors at once', async () => {
    const client = createDnsClient({ nameservers: [blackHole.nameserver], timeoutMs: 60_000, retries: 0 });
    const pending = client.resolve('a.dns.test', 'A');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await client.close();
    expect(await pending).toMatchObject({ status: 'error', detail: expect.stringMatching(/closed/) });
    expect(Date.now() - started).toBeLessThan(DOES_NOT_HANG_MS);
    expect(await client.resolve('a.dns.test', 'A')).toMatchObject({ status: 'error' });
  });

  it('close() right after a lookup is made, before its datagram has left, settles it and sends nothing', async () => {
    const client = createDnsClient({ nameservers: [blackHole.nameserver], timeoutMs: 60_000, retries: 0, udpSockets: 1 });
    const first = client.resolve('a.dns.test', 'A');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The socket is connected now; this lookup waits for the end of the event-loop turn to be sent.
    const queued = client.resolve('b.dns.test', 'A');
    await client.close();
    expect(await queued).toMatchObject({ status: 'error', detail: expect.stringMatching(/closed/) });
    expect(await first).toMatchObject({ status: 'error', detail: expect.stringMatching(/closed/) });
    await new Promise((resolve) => setImmediate(resolve));
  });

  it.each<[string, DnsClientOptions]>([
    ['no nameservers', { nameservers: [] }],
    ['a host name as nameserver', { nameservers: [{ host: 'dns.example', port: 53 }] }],
    ['a zero timeout', { nameservers: [{ host: '127.0.0.1', port: 53 }], timeoutMs: 0 }],
    ['negative retries', { nameservers: [{ host: '127.0.0.1', port: 53 }], retries: -1 }],
  ])('rejects %s', (_, options) => {
    expect(() => createDnsClient(options)).toThrow(RangeError);
  });
});
