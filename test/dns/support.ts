import dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import type { Nameserver } from '../../src/dns/nameservers.js';

export const CLIENT_ZONE = fileURLToPath(new URL('../../fixtures/zones/dns-client.zone', import.meta.url));

/** A loopback UDP port that swallows every query: a nameserver that is down. */
export async function startBlackHole(): Promise<{ nameserver: Nameserver; received: () => number; close: () => Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  let received = 0;
  socket.on('message', () => received++);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    nameserver: { host: '127.0.0.1', port: socket.address().port },
    received: () => received,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** Whether this machine can bind ::1 (containers often have IPv6 disabled). */
export async function ipv6LoopbackAvailable(): Promise<boolean> {
  const socket = dgram.createSocket('udp6');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '::1', resolve);
    });
    return true;
  } catch {
    return false;
  } finally {
    socket.close();
  }
}

/** Upper bound that only proves "did not hang": timeouts in these tests are 200 ms per attempt. */
export const DOES_NOT_HANG_MS = 5_000;
