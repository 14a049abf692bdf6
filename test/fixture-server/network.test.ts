import { afterEach, describe, expect, it } from 'vitest';
import { createDnsClient } from '../../src/dns/client.js';
import { CLIENT_ZONE } from '../dns/support.js';
import { networkModel } from './network.js';
import { startFixtureServer, type FixtureServer } from './index.js';

/** The fixture server's lossy network: what it draws (seeded, so exact), and what a client sees through it. */
const draws = (count: number, draw: () => number): number[] => Array.from({ length: count }, draw).sort((a, b) => a - b);

describe('networkModel', () => {
  it('latency: within the range, median near the geometric mean of its bounds, a long tail', () => {
    const delays = draws(20_000, networkModel({ latency: { minMs: 5, maxMs: 300 }, seed: 7 }).delayMs);
    expect(delays[0]).toBeGreaterThanOrEqual(5);
    expect(delays.at(-1)).toBeLessThanOrEqual(300);
    const median = delays[10_000] as number;
    expect(median).toBeGreaterThan(35);
    expect(median).toBeLessThan(43);
    // The slowest 1 % take over three times the median; the mean is pulled above the median by them.
    expect(delays[19_800]).toBeGreaterThan(3 * median);
    expect(delays.reduce((sum, d) => sum + d, 0) / delays.length).toBeGreaterThan(median);
  });

  it('drops about the share asked for, and nothing at 0', () => {
    const lossy = networkModel({ dropRate: 0.01, seed: 3 });
    const dropped = Array.from({ length: 50_000 }, () => lossy.drops()).filter(Boolean).length;
    expect(dropped).toBeGreaterThan(400);
    expect(dropped).toBeLessThan(600);
    const clean = networkModel({});
    expect(Array.from({ length: 1000 }, () => clean.drops()).some(Boolean)).toBe(false);
    expect(clean.delayMs()).toBe(0);
  });

  it('a name that never answers silences its subtree only', () => {
    const model = networkModel({ neverAnswer: ['Quiet.Test.'] });
    expect(['quiet.test', '_dmarc.quiet.test', 'a.b.quiet.test'].map(model.silent)).toEqual([true, true, true]);
    expect(['test', 'loud.test', 'notquiet.test', 'quiet.test.example'].map(model.silent)).toEqual([false, false, false, false]);
  });

  it.each([
    [{ latency: { minMs: 0, maxMs: 10 } }, /need 0 < min <= max/],
    [{ latency: { minMs: 20, maxMs: 10 } }, /need 0 < min <= max/],
    [{ dropRate: 1 }, /need 0 <= rate < 1/],
  ])('refuses %j', (options, message) => {
    expect(() => networkModel(options)).toThrow(message);
  });
});

describe('the fixture server through a lossy network', () => {
  let server: FixtureServer | undefined;
  afterEach(() => server?.close());

  it('a silent name times out; the others are answered, through drops, after retries', async () => {
    server = await startFixtureServer({ zoneFiles: [CLIENT_ZONE], network: { latency: { minMs: 1, maxMs: 20 }, dropRate: 0.3, neverAnswer: ['a.dns.test'], seed: 5 } });
    const client = createDnsClient({ nameservers: [{ host: '127.0.0.1', port: server.port }], timeoutMs: 200, retries: 8 });
    try {
      const answered = await Promise.all(Array.from({ length: 20 }, () => client.resolve('txt.dns.test', 'TXT')));
      expect(answered.every((result) => result.status === 'answer')).toBe(true);
      expect(await client.resolve('a.dns.test', 'A')).toMatchObject({ status: 'timeout' });
      // 20 lookups answered and one that never was: some datagrams were lost and asked again.
      expect(server.queryCount()).toBeGreaterThan(21 + 8);
    } finally {
      await client.close();
    }
  });
});
