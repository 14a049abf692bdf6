import https from 'node:https';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { rootCertificates } from 'node:tls';
import { isFailure, type Resolver } from '../dns/types.js';
import type { HttpsClient, HttpsFailureStatus, HttpsOutcome, HttpsRequest } from './types.js';

export const DEFAULT_HTTPS_TIMEOUT_MS = 10_000;
export const DEFAULT_HTTPS_CONNECTIONS = 32;

export interface HttpsOptions {
  /** PEM certificates trusted besides node's bundled roots (--ca-file): a private CA, or the tests' own. */
  ca?: string;
  /** The port a URL without one connects to; default 443 (--https-port, for test servers and mirrors). */
  port?: number;
  /** Milliseconds one fetch may take, connection to last byte (--https-timeout). */
  timeoutMs?: number;
  /** Connections open at once across the run. */
  maxConnections?: number;
}

/** The run's HTTPS client: one connection limit for every domain, each domain fetching through its own resolver. */
export interface HttpsFetcher {
  /** The client of one domain: its lookups through `resolver`, every fetch ended when `deadline` aborts. */
  forDomain(resolver: Resolver, deadline?: AbortSignal): HttpsClient;
}

class FetchFailure extends Error {
  constructor(
    readonly status: HttpsFailureStatus,
    detail: string,
  ) {
    super(detail);
  }
}

/** Node's TLS verification errors (certificate name, issuer, dates) and handshake failures. */
const isTlsError = (code: string): boolean => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|ISSUER|SIGNATURE|HOSTNAME|ALTNAME/.test(code);

/**
 * GET over HTTPS with node's certificate verification, never following redirects, the body capped,
 * every fetch bounded by its own timeout and the domain's deadline, and at most `maxConnections` open
 * at once. Host names are resolved through the domain's resolver (its cache and budget), never the OS.
 */
export function createHttpsFetcher(options: HttpsOptions = {}): HttpsFetcher {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTPS_TIMEOUT_MS;
  const ca = options.ca === undefined ? undefined : [...rootCertificates, options.ca];
  const slots = semaphore(options.maxConnections ?? DEFAULT_HTTPS_CONNECTIONS);

  return {
    forDomain: (resolver, deadline) => ({
      async get(url, request) {
        if (deadline?.aborted) return { status: 'timeout', detail: `${url}: the domain's deadline passed before the fetch` };
        const release = await slots.acquire(deadline);
        if (!release) return { status: 'timeout', detail: `${url}: the domain's deadline passed while waiting for a connection slot` };
        try {
          return await fetchOnce(url, request, { resolver, deadline, timeoutMs, ca, port: options.port });
        } finally {
          release();
        }
      },
    }),
  };
}

interface FetchContext {
  resolver: Resolver;
  deadline: AbortSignal | undefined;
  timeoutMs: number;
  ca: string[] | undefined;
  port: number | undefined;
}

function fetchOnce(url: string, request: HttpsRequest, context: FetchContext): Promise<HttpsOutcome> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ status: 'protocol', detail: `not a URL: ${url}` });
  }
  if (target.protocol !== 'https:') return Promise.resolve({ status: 'protocol', detail: `not an https URL: ${url}` });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HttpsOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.deadline?.removeEventListener('abort', onDeadline);
      req.destroy();
      resolve(outcome);
    };
    const fail = (status: HttpsFailureStatus, detail: string): void => finish({ status, detail: `${url}: ${detail}` });
    const onDeadline = (): void => fail('timeout', "the domain's deadline passed before the whole response");
    const timer = setTimeout(() => fail('timeout', `no whole response within ${context.timeoutMs} ms`), context.timeoutMs);
    context.deadline?.addEventListener('abort', onDeadline, { once: true });

    const req = https.request(target, {
      method: 'GET',
      port: target.port === '' ? (context.port ?? 443) : Number(target.port),
      agent: false,
      ca: context.ca,
      headers: { accept: request.accept, 'user-agent': 'dmarc-audit' },
      lookup: lookupThrough(context.resolver),
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof FetchFailure) return fail(error.status, error.message);
      const code = error.code ?? '';
      if (isTlsError(code)) return fail('tls', `${code}: ${error.message}`);
      if (code.startsWith('HPE_')) return fail('protocol', `not a valid HTTP response (${code})`);
      fail('connect', code ? `${code}: ${error.message}` : error.message);
    });
    req.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (declared > request.maxBytes) return fail('too-large', `Content-Length ${declared} is over the limit of ${request.maxBytes} bytes`);
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > request.maxBytes) return fail('too-large', `the body passed the limit of ${request.maxBytes} bytes`);
        chunks.push(chunk);
      });
      response.on('error', (error) => fail('connect', `the response broke off: ${error.message}`));
      response.on('end', () =>
        finish({
          status: 'response',
          code: response.statusCode ?? 0,
          contentType: mediaType(response.headers['content-type']),
          location: response.headers.location ?? null,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.end();
  });
}

/** `text/plain; charset=utf-8` → `text/plain`. */
function mediaType(header: string | undefined): string | null {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for node's sockets that asks the domain's resolver for A and AAAA (cached answers cost nothing). */
function lookupThrough(resolver: Resolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    Promise.all([resolver.resolve(hostname, 'A'), resolver.resolve(hostname, 'AAAA')]).then(
      ([a, aaaa]) => {
        const addresses: LookupAddress[] = [];
        for (const address of a.status === 'answer' ? a.records : []) addresses.push({ address, family: 4 });
        for (const address of aaaa.status === 'answer' ? aaaa.records : []) addresses.push({ address, family: 6 });
        if (addresses.length === 0) {
          const failed = [a, aaaa].find(isFailure);
          callback(failed ? new FetchFailure('dns', `looking up ${hostname} failed: ${failed.detail}`) : new FetchFailure('no-address', `${hostname} has no A or AAAA record`), []);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(error as Error, []),
    );
  };
}

/** At most `limit` holders at once; a waiter gives up when `signal` aborts (acquire then yields undefined). */
function semaphore(limit: number) {
  let held = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else held--;
  };
  return {
    acquire(signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
      if (held < limit) {
        held++;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', giveUp);
          resolve(release);
        };
        const giveUp = (): void => {
          waiting.splice(waiting.indexOf(wake), 1);
          resolve(undefined);
        };
        waiting.push(wake);
        signal?.addEventListener('abort', giveUp, { once: true });
      });
    },
  };
}
