/**
 * What the checks that fetch over HTTPS (MTA-STS policies, BIMI logos and certificates) get: one
 * domain's view of the run's HTTPS client, injected like the resolver so tests never leave the machine.
 */

/** A response, whatever its status: redirects are returned, never followed (RFC 8461 §3.3). */
export interface HttpsResponse {
  status: 'response';
  code: number;
  /** The media type of Content-Type, lower case, without parameters; null when absent. */
  contentType: string | null;
  location: string | null;
  body: Buffer;
}

/**
 * Why no whole response came. `no-address`: the host has no A or AAAA record (NXDOMAIN or NODATA);
 * `dns`: its lookup failed; `tls`: the certificate did not verify (another name, an unknown issuer,
 * expired) or the handshake failed; `too-large`: the body passed the cap; `timeout`: no whole
 * response within the fetch's time or the domain's deadline.
 */
export const HTTPS_FAILURES = ['dns', 'no-address', 'connect', 'tls', 'timeout', 'too-large', 'protocol'] as const;
export type HttpsFailureStatus = (typeof HTTPS_FAILURES)[number];

export interface HttpsFailure {
  status: HttpsFailureStatus;
  detail: string;
}

export type HttpsOutcome = HttpsResponse | HttpsFailure;

export interface HttpsRequest {
  /** The body is cut off and the fetch fails as `too-large` past this many bytes. */
  maxBytes: number;
  /** The Accept header. */
  accept: string;
}

/** One domain's HTTPS client: GET only, through the domain's resolver, within its deadline. */
export interface HttpsClient {
  get(url: string, request: HttpsRequest): Promise<HttpsOutcome>;
}

export const isHttpsFailure = (outcome: HttpsOutcome): outcome is HttpsFailure => outcome.status !== 'response';

/**
 * Failures that say something definite about the server rather than about the path to it: a
 * certificate that does not verify, a body past the limit, a reply that is not HTTP. The others
 * (lookup failed, no connection, timeout) leave the answer unknown.
 */
export const DEFINITE_FAILURES: ReadonlySet<HttpsFailureStatus> = new Set(['no-address', 'tls', 'too-large', 'protocol']);
