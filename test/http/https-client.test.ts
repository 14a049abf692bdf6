import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import https from 'node:https';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryResolver } from '../../src/dns/memory.js';
import { createHttpsFetcher } from '../../src/http/https-client.js';
import { startHttpsFixture, type HttpsFixture } from '../support/https-fixture.js';
import { createTestCa, type TestCa } from '../support/test-ca.js';

const opensslInstalled = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const resolver = createMemoryResolver({
  'ok.test': { A: ['127.0.0.1'] },
  'huge.test': { A: ['127.0.0.1'] },
  'hang.test': { A: ['127.0.0.1'] },
  'redirect.test': { A: ['127.0.0.1'] },
  'gone.test': {},
  'broken.test': { A: 'timeout' },
});
const TEXT = { maxBytes: 1024, accept: 'text/plain' };

describe.skipIf(!opensslInstalled && process.env.CI !== 'true')('the HTTPS client', () => {
  let ca: TestCa;
  let server: HttpsFixture;
  beforeAll(async () => {
    ca = createTestCa();
    server = await startHttpsFixture(ca, {
      'ok.test/p': { body: 'hello', type: 'text/plain; charset=utf-8' },
      'huge.test/p': { stream: 10 * 1024 * 1024 },
      'hang.test/p': { hang: true },
      'redirect.test/p': { status: 302, location: 'https://ok.test/p' },
    });
  });
  afterAll(() => server?.close());
  const fetcher = (options = {}) => createHttpsFetcher({ ca: readFileSync(ca.caFile, 'utf8'), port: server.port, timeoutMs: 2000, ...options });

  it('fetches through the resolver, verifying the certificate against the trusted CA', async () => {
    expect(await fetcher().forDomain(resolver).get('https://ok.test/p', TEXT)).toEqual({ status: 'response', code: 200, contentType: 'text/plain', location: null, body: Buffer.from('hello') });
  });

  it('without the CA, the certificate does not verify', async () => {
    const result = await createHttpsFetcher({ port: server.port }).forDomain(resolver).get('https://ok.test/p', TEXT);
    expect(result).toMatchObject({ status: 'tls' });
  });

  it('returns a redirect, never follows it', async () => {
    expect(await fetcher().forDomain(resolver).get('https://redirect.test/p', TEXT)).toMatchObject({ status: 'response', code: 302, location: 'https://ok.test/p' });
  });

  it('stops reading at the body cap', async () => {
    expect(await fetcher().forDomain(resolver).get('https://huge.test/p', TEXT)).toMatchObject({ status: 'too-large' });
  });

  it('ends a body that never comes at its timeout, and at the domain deadline', async () => {
    expect(await fetcher({ timeoutMs: 200 }).forDomain(resolver).get('https://hang.test/p', TEXT)).toMatchObject({ status: 'timeout', detail: expect.stringMatching(/200 ms/) });
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(), 100);
    expect(await fetcher().forDomain(resolver, deadline.signal).get('https://hang.test/p', TEXT)).toMatchObject({ status: 'timeout', detail: expect.stringMatching(/deadline/) });
  });

  it('tells a host without an address from a lookup that failed, and refuses what is not https', async () => {
    const client = fetcher().forDomain(resolver);
    expect(await client.get('https://gone.test/p', TEXT)).toMatchObject({ status: 'no-address' });
    expect(await client.get('https://broken.test/p', TEXT)).toMatchObject({ status: 'dns' });
    expect(await client.get('http://ok.test/p', TEXT)).toMatchObject({ status: 'protocol' });
  });

  it('keeps at most maxConnections open at once across domains', async () => {
    let open = 0;
    let most = 0;
    const slow = https.createServer({ ...ca.issue(['slow.test']) }, (_request, response) => {
      most = Math.max(most, ++open);
      setTimeout(() => {
        open--;
        response.end('x');
      }, 50);
    });
    slow.listen(0, '127.0.0.1');
    await once(slow, 'listening');
    const limited = createHttpsFetcher({ ca: readFileSync(ca.caFile, 'utf8'), port: (slow.address() as AddressInfo).port, maxConnections: 2 });
    const slowResolver = createMemoryResolver({ 'slow.test': { A: ['127.0.0.1'] } });
    const results = await Promise.all(Array.from({ length: 6 }, () => limited.forDomain(slowResolver).get('https://slow.test/', TEXT)));
    slow.close();
    expect(results.every((r) => r.status === 'response')).toBe(true);
    expect(most).toBe(2);
  });
});
