import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsClient } from '../../src/dns/client.js';
import { parseNameserver } from '../../src/dns/nameservers.js';
import { startFixtureServer } from '../fixture-server/index.js';
import type { FixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { CLIENT_ZONE } from './support.js';

/** A whole server (an old resolver, or a middlebox stripping EDNS) that rejects every query carrying OPT. */
const REJECTIONS = ['edns-formerr', 'edns-notimp', 'edns-badvers'] as const;

const servers = new Map<string, FixtureServer>();

beforeAll(async () => {
  for (const fault of REJECTIONS) servers.set(fault, await startFixtureServer({ zoneFiles: [CLIENT_ZONE], fault }));
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
});

const clientFor = (server: FixtureServer) => createDnsClient({ nameservers: [parseNameserver(server.nameserver)], timeoutMs: 300, retries: 0 });
const sent = (server: FixtureServer) => server.queries().map(({ name, transport, edns }) => `${transport} ${edns ? 'edns' : 'plain'} ${name}`);

describe.each(REJECTIONS)('a server answering %s to EDNS queries (RFC 6891 §7)', (fault) => {
  it('is asked again without EDNS, and from then on only without', async () => {
    const server = servers.get(fault)!;
    server.clearQueries();
    const client = clientFor(server);
    try {
      expect(await client.resolve('a.dns.test', 'A')).toMatchObject({ status: 'answer', records: ['192.0.2.1', '192.0.2.2'] });
      expect(await client.resolve('txt.dns.test', 'TXT')).toMatchObject({ status: 'answer', records: ['v=spf1 -all'] });
      expect(sent(server)).toEqual(['udp edns a.dns.test', 'udp plain a.dns.test', 'udp plain txt.dns.test']);
      expect(client.stats()).toMatchObject({ queries: 3, udp: 3, tcp: 0 });
    } finally {
      await client.close();
    }
  });

  it('without EDNS a 600-byte answer no longer fits in UDP: TCP follows, also without EDNS', async () => {
    const server = servers.get(fault)!;
    server.clearQueries();
    const client = clientFor(server);
    try {
      const result = await client.resolve('big.dns.test', 'TXT');
      expect(result.status === 'answer' && result.records[0]?.length).toBe(600);
      expect(sent(server)).toEqual(['udp edns big.dns.test', 'udp plain big.dns.test', 'tcp plain big.dns.test']);
    } finally {
      await client.close();
    }
  });
});

describe('a NOTIMP that is not about EDNS', () => {
  it('stays an error after the retry without EDNS, and the server keeps being asked with EDNS', async () => {
    const server = await startFixtureServer({ zoneFiles: [CLIENT_ZONE] });
    const client = clientFor(server);
    try {
      for (let i = 0; i < 2; i++) expect(await client.resolve('notimp.dns.test', 'TXT')).toMatchObject({ status: 'error', detail: expect.stringMatching(/NOTIMP/) });
      expect(sent(server)).toEqual(['udp edns notimp.dns.test', 'udp plain notimp.dns.test', 'udp edns notimp.dns.test', 'udp plain notimp.dns.test']);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('through the CLI', () => {
  it.each(REJECTIONS)('behind a server answering %s to EDNS, domains are still audited', async (fault) => {
    const server = await startFixtureServer({ zoneDir: new URL('../../fixtures/zones', import.meta.url).pathname, fault });
    try {
      const run = await runCli(['reject.test', 'none.test', '--format', 'ndjson', '--nameserver', server.nameserver, '--timeout', '300', '--retries', '0']);
      expect(run.code).toBe(0);
      expect(run.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { verdict: string }).verdict)).toEqual(['enforcing', 'monitoring']);
    } finally {
      await server.close();
    }
  });
});
