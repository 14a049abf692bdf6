/**
 * A local HTTPS server on 127.0.0.1 for the checks that fetch (MTA-STS policies, BIMI logos and
 * certificates): one certificate from the test CA for every served host name, and per route what to
 * answer, including the hostile cases (a 10 MB body, a body that never comes, a redirect, a certificate
 * for another name).
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import type { Issued, TestCa } from './test-ca.js';

export interface Route {
  status?: number;
  type?: string;
  body?: string | Buffer;
  location?: string;
  /** Headers, then no body, ever. */
  hang?: true;
  /** This many bytes of body, streamed without a Content-Length. */
  stream?: number;
  /** The handshake presents a certificate for another name. */
  wrongCertificate?: true;
}

export interface HttpsFixture {
  port: number;
  close(): Promise<void>;
}

/** Routes keyed by "host/path" (e.g. "mta-sts.a.test/.well-known/mta-sts.txt"). */
export async function startHttpsFixture(ca: TestCa, routes: Record<string, Route>): Promise<HttpsFixture> {
  const hosts = [...new Set(Object.keys(routes).map((key) => key.split('/')[0] as string))];
  const wrong = new Set(Object.entries(routes).filter(([, route]) => route.wrongCertificate).map(([key]) => key.split('/')[0] as string));
  const good: Issued = ca.issue(hosts.filter((host) => !wrong.has(host)));
  const other: Issued = ca.issue(['other-name.invalid']);
  const contexts = { good: createSecureContext(good), other: createSecureContext(other) };
  const server = https.createServer({ ...good, SNICallback: (name, done) => done(null, wrong.has(name) ? contexts.other : contexts.good) }, (request, response) => {
    const route = routes[`${(request.headers.host ?? '').split(':')[0]}${request.url}`];
    if (!route) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    const headers: Record<string, string> = { 'content-type': route.type ?? 'text/plain' };
    if (route.location) headers.location = route.location;
    response.writeHead(route.status ?? 200, headers);
    if (route.hang) return void response.flushHeaders();
    if (route.stream) return void streamBytes(response, route.stream);
    response.end(route.body ?? '');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Writes `total` bytes in 64 KiB chunks, honouring backpressure; stops when the client goes away. */
function streamBytes(response: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  const more = (): void => {
    while (sent < total && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', more);
    }
    response.end();
  };
  response.on('close', () => (sent = total));
  more();
}
