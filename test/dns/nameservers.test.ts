import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalIp, formatNameserver, isIpv6Literal, NameserverParseError, parseNameserver, parseResolvConf, readSystemNameservers } from '../../src/dns/nameservers.js';
import type { Nameserver } from '../../src/dns/nameservers.js';

describe('parseNameserver', () => {
  it.each<[string, Nameserver]>([
    ['1.2.3.4', { host: '1.2.3.4', port: 53 }],
    ['1.2.3.4:5353', { host: '1.2.3.4', port: 5353 }],
    [' 127.0.0.1:53 ', { host: '127.0.0.1', port: 53 }],
    ['::1', { host: '::1', port: 53 }],
    ['2001:db8::53', { host: '2001:db8::53', port: 53 }],
    ['[::1]', { host: '::1', port: 53 }],
    ['[::1]:5353', { host: '::1', port: 5353 }],
    ['[fe80::1%eth0]:53', { host: 'fe80::1%eth0', port: 53 }],
    ['fe80::1%eth0', { host: 'fe80::1%eth0', port: 53 }],
  ])('%j → %j', (text, expected) => {
    expect(parseNameserver(text)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['dns.google', /not an IP address/],
    ['1.2.3', /not an IP address/],
    ['1.2.3.4:', /port "" is not a number/],
    ['1.2.3.4:0', /out of range/],
    ['1.2.3.4:65536', /out of range/],
    ['1.2.3.4:53x', /not a number/],
    ['[1.2.3.4]:53', /not an IPv6 address/],
    ['[::1', /unbalanced brackets/],
    ['::1:5353:zz', /not an IPv6 address/],
    ['[::1]:', /port "" is not a number/],
    ['[::1]x', /unbalanced brackets/],
  ])('rejects %j (%s)', (text, reason) => {
    expect(() => parseNameserver(text)).toThrow(NameserverParseError);
    expect(() => parseNameserver(text)).toThrow(reason);
  });

  it.each(['1.2.3.4:5353', '[::1]:5353', '[fe80::1%eth0]:53'])('formatNameserver round-trips %s', (text) => {
    expect(formatNameserver(parseNameserver(text))).toBe(text);
  });

  it.each([
    ['0:0:0:0:0:0:0:1', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80:0::1%eth0', 'fe80::1%eth0'],
    ['192.0.2.1', '192.0.2.1'],
    ['not:an:address', 'not:an:address'],
  ])('canonicalIp(%s) = %s', (address, canonical) => {
    expect(canonicalIp(address)).toBe(canonical);
  });

  it.each([
    ['::1', true],
    ['fe80::1%eth0', true],
    ['::ffff:192.0.2.1', true],
    ['192.0.2.1', false],
  ])('isIpv6Literal(%s) is %s', (address, ipv6) => {
    expect(isIpv6Literal(address)).toBe(ipv6);
  });
});

describe('parseResolvConf', () => {
  it.each<[string, string, string[]]>([
    ['plain', 'nameserver 192.0.2.1\nnameserver 192.0.2.2\n', ['192.0.2.1', '192.0.2.2']],
    ['comments and other options', '# generated\n; also a comment\nsearch example.test\noptions ndots:2\nnameserver 192.0.2.1 # primary\n', ['192.0.2.1']],
    ['commented-out entries', '#nameserver 192.0.2.9\n;nameserver 192.0.2.8\nnameserver 192.0.2.1\n', ['192.0.2.1']],
    ['IPv6 and zone ids', 'nameserver ::1\nnameserver fe80::1%eth0\n', ['::1', 'fe80::1%eth0']],
    ['tabs, CRLF and indentation', '  nameserver\t192.0.2.1\r\n', ['192.0.2.1']],
    ['unusable entries are skipped', 'nameserver\nnameserver dns.example\nnameserver 1.2.3.4:53\nnameservers 192.0.2.7\nnameserver 192.0.2.1\n', ['192.0.2.1']],
    ['empty file', '', []],
  ])('%s', (_, text, hosts) => {
    expect(parseResolvConf(text)).toEqual(hosts.map((host) => ({ host, port: 53 })));
  });

  it('readSystemNameservers reads the given file', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'resolv-')), 'resolv.conf');
    await writeFile(file, 'nameserver 192.0.2.1\nnameserver ::1\n');
    expect(await readSystemNameservers(file)).toEqual([
      { host: '192.0.2.1', port: 53 },
      { host: '::1', port: 53 },
    ]);
  });
});
