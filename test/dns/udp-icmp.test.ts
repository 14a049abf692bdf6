import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import type { Nameserver } from '../../src/dns/nameservers.js';
import { UdpTransport, type AttemptOutcome } from '../../src/dns/udp-transport.js';

/** A loopback server answering every A query with 192.0.2.1, or holding the queries for the test. */
function answer(query: Buffer): Buffer {
  const packet = dnsPacket.decode(query);
  const question = packet.questions![0]!;
  return dnsPacket.encode({ type: 'response', id: packet.id, flags: dnsPacket.RECURSION_DESIRED, questions: [question], answers: [{ type: 'A', name: question.name, data: '192.0.2.1' }] });
}

async function bound(port = 0): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
  return socket;
}

const ticks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => process.nextTick(resolve));
};

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * Three queries reach the server, which answers them and closes its socket before the client's event
 * loop reads the answers; the `late` queries sent then draw ICMP port-unreachable errors (loopback sends
 * them at once). Linux reports the first on the socket's next receive, before the queued answers; with
 * two late queries, the second one's send reports the first one's. `comesBack` rebinds the port right
 * after the late datagrams left, as a restarted server.
 */
async function serverGoesAway(comesBack: boolean, late: string[]): Promise<AttemptOutcome[]> {
  // One socket for all queries, so every one of them shares the socket the ICMP error is reported on.
  const transport = new UdpTransport(1, 3_000);
  const server = await bound();
  const nameserver: Nameserver = { host: '127.0.0.1', port: server.address().port };
  const held: { query: Buffer; port: number }[] = [];
  server.on('message', (query, remote) => held.push({ query, port: remote.port }));
  const ask = (label: string): Promise<AttemptOutcome> =>
    new Promise((onOutcome) => transport.query(nameserver, `${label}.icmp.test`, 'A', true, { onOutcome }));
  const early = ['a', 'b', 'c'].map(ask);
  await until(() => held.length === 3);

  for (const { query, port } of held) server.send(answer(query), port, '127.0.0.1');
  // The answers leave on the next ticks (address lookup); no event-loop phase runs in between, so the client has not read them.
  await ticks(5);
  server.close();
  const lateQueries = late.map(ask);
  if (comesBack) {
    // Queued after the transport's own end-of-turn send, so it binds once those datagrams have drawn their ICMP errors.
    setImmediate(() => {
      void bound(nameserver.port).then((again) => {
        cleanups.push(() => again.close());
        again.on('message', (query, remote) => again.send(answer(query), remote.port, remote.address));
      });
    });
  }
  try {
    return await Promise.all([...early, ...lateQueries]);
  } finally {
    await transport.close();
  }
}

describe.each([
  ['reported on receive', ['d']],
  ['reported by the next send', ['d', 'e']],
])('an ICMP port-unreachable on the shared UDP socket, %s', (_, late) => {
  it('costs no query whose answer had arrived, and the queries it may be about are sent again (the server came back)', async () => {
    const outcomes = await serverGoesAway(true, late);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['reply', 'reply', 'reply', ...late.map(() => 'reply')]);
  });

  it('with the server gone for good, the queries sent into the void fail at once, saying why, not at their deadline', async () => {
    const outcomes = await serverGoesAway(false, late);
    expect(outcomes.slice(0, 3).map((outcome) => outcome.kind)).toEqual(['reply', 'reply', 'reply']);
    for (const outcome of outcomes.slice(3)) expect(outcome).toEqual({ kind: 'error', detail: expect.stringMatching(/ICMP reported ECONNREFUSED/) });
  });
});
