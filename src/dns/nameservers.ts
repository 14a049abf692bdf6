import { readFile } from 'node:fs/promises';
import { isIP, isIPv4, isIPv6 } from 'node:net';

export interface Nameserver {
  /** An IP literal; IPv6 may carry a zone id (`fe80::1%eth0`), which link-local servers need. */
  host: string;
  port: number;
}

export const DNS_PORT = 53;

export class NameserverParseError extends Error {
  override readonly name = 'NameserverParseError';
}

/**
 * Parses `1.2.3.4`, `1.2.3.4:5353`, `::1`, `[::1]` or `[::1]:5353`. Only IP literals are
 * accepted: resolving a nameserver's host name would need a resolver first.
 */
export function parseNameserver(text: string): Nameserver {
  const input = text.trim();
  const fail = (why: string): never => {
    throw new NameserverParseError(`invalid nameserver "${text}": ${why}`);
  };
  if (input === '') fail('empty');

  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(input);
  if (bracketed) {
    const [, host = '', port] = bracketed;
    if (!isIPv6(host)) fail(`"${host}" is not an IPv6 address`);
    return { host, port: port === undefined ? DNS_PORT : parsePort(port, fail) };
  }
  const colons = input.split(':').length - 1;
  // An IPv6 literal has at least two colons; only then is isIPv6's large pattern worth compiling.
  if (colons > 1 && isIPv6(input)) return { host: input, port: DNS_PORT };
  if (input.includes('[') || input.includes(']')) fail('unbalanced brackets');
  if (colons > 1) fail('not an IPv6 address (write [address]:port to give a port)');
  const [host = '', port] = input.split(':');
  if (!isIPv4(host)) fail(`"${host}" is not an IP address`);
  return { host, port: port === undefined ? DNS_PORT : parsePort(port, fail) };
}

function parsePort(text: string, fail: (why: string) => never): number {
  if (!/^\d{1,5}$/.test(text)) return fail(`port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65_535) return fail(`port ${port} is out of range 1-65535`);
  return port;
}

/**
 * The `nameserver` entries of a resolv.conf text. Lines we cannot use are skipped rather than
 * rejected: the file belongs to the system and other resolvers accept it as it is.
 */
export function parseResolvConf(text: string): Nameserver[] {
  const nameservers: Nameserver[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [keyword, address] = line.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (keyword !== 'nameserver' || address === undefined || isIP(address) === 0) continue;
    nameservers.push({ host: address, port: DNS_PORT });
  }
  return nameservers;
}

export async function readSystemNameservers(path = '/etc/resolv.conf'): Promise<Nameserver[]> {
  return parseResolvConf(await readFile(path, 'utf8'));
}

/**
 * Whether a valid IP literal is IPv6: only IPv6 has colons. (Node's isIPv6 pattern takes about 15 ms to
 * compile at first use, a tenth of the CLI's start-up; this spares IPv4 servers that cost.)
 */
export const isIpv6Literal = (ip: string): boolean => ip.includes(':');

/** A comparable spelling of an IP literal, so `0:0::1` and `::1` count as the same server. */
export function canonicalIp(address: string): string {
  const [ip = '', zone] = address.split('%');
  if (!isIpv6Literal(ip) || !isIPv6(ip)) return address;
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  return zone === undefined ? canonical : `${canonical}%${zone}`;
}

/** The inverse of `parseNameserver`: `1.2.3.4:53`, `[::1]:53`. */
export function formatNameserver(server: Nameserver): string {
  return isIpv6Literal(server.host) ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
