/**
 * The benchmark's generated populations, under the "bench." TLD. Each domain carries the answers its
 * report must give, stated from the zone as generated (never from the auditor's code).
 *
 * realistic (the default; the mix issue 19 describes from published measurements, and issue 13's DKIM):
 * - Half the domains are registrable names (d<i>.bench), half sit below one of 500 parents
 *   (d<i>.o<k>.bench), so the RFC 9989 tree walk has parents to find. About half the domains publish
 *   no DMARC record at their own name; 60% of the parents publish one (p=reject 40%, some with sp=none;
 *   quarantine 25%; none 35%), which then decides for their subdomains without one.
 * - Of the domains' own DMARC records: 55% p=none, 20% quarantine, 20% reject, 5% invalid (a misspelt p=
 *   and no rua, which receivers ignore: RFC 9989 §4.10.1; no policy applies). 3% are parked: null MX, "v=spf1 -all", p=reject.
 * - 80% publish SPF: 70% "mx a include:<provider>" (one of 8 providers whose record includes three netblock
 *   records: two levels, as the big mail platforms publish), 10% two providers, 10% "a mx ip4:", 10% ip4 only.
 * - Every domain has an MX: 60% the two shared hosts of its provider, 40% a host of its own; every host
 *   has an address, and every domain an A record (for the `a` mechanism).
 * - Half the domains have DKIM keys under the common selectors (so `_domainkey.<domain>` exists and the
 *   selectors are probed; the rest answer NXDOMAIN there): Microsoft 365's selector1+selector2 as CNAMEs
 *   to the tenant's keys (RSA-2048), Google's `google` (RSA-2048, a fifth RSA-1024), Mailchimp's `k1`
 *   (RSA-1024), SendGrid's `s1` (RSA-2048), `default` (Ed25519 or RSA-1024); 5% also keep a revoked key.
 *   Keys are real (generated with node:crypto once per run).
 * Sources for the shares: issue 19, from published measurements (half without DMARC, 80% SPF, provider
 * trees two deep, mx/a in most SPF records, an MX per domain); issue 13 (half with `_domainkey` and one
 * or two keys). The split of policies (most records at p=none), the 5% invalid, the 3% parked and the
 * selectors' shares are this file's assumptions, not figures from a particular survey.
 *
 * simple (`--population simple`, the benchmark before issue 19): 2-label domains, half with DMARC (70%
 * none), 85% SPF (60% through one of 5 providers nested two levels), no MX, no DKIM keys.
 */
import { generateKeyPairSync } from 'node:crypto';

export type PopulationKind = 'realistic' | 'simple';
export const POPULATION_KINDS: readonly PopulationKind[] = ['realistic', 'simple'];

export interface Expected {
  verdict: 'enforcing' | 'monitoring' | 'unprotected';
  effectivePolicy: 'none' | 'quarantine' | 'reject' | null;
  /** The DNS name the applied DMARC record came from, or null. */
  dmarcSource: string | null;
  spfStatus: 'valid' | 'missing';
  dnsLookups: number;
  dkimStatus: 'found' | 'not-found';
  /** "selector:status" and, for a valid key, ":type:bits", in probe order. */
  dkimKeys: readonly string[];
  mxStatus: 'ok' | 'null' | 'none';
  /** "preference exchange", by preference. */
  mxHosts: readonly string[];
}

export interface Population {
  zone: string;
  names: string[];
  expected: Map<string, Expected>;
}

/** A small deterministic generator so every run audits the same population. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 0x100000000;
  };
}

const ORGS = 500;
const SPF_PROVIDERS = 8;
/** The default probe list's order (src/checks/dkim/selectors.ts), in which reports list the keys found. */
const PROBE_ORDER = ['selector1', 'selector2', 'google', 'k1', 's1', 'default'];

export function domainName(i: number, kind: PopulationKind = 'realistic'): string {
  return kind === 'simple' || i % 2 === 0 ? `d${i}.bench` : `d${i}.o${(i >> 1) % ORGS}.bench`;
}

export function generatePopulation(count: number, kind: PopulationKind = 'realistic'): Population {
  return kind === 'simple' ? simplePopulation(count) : realisticPopulation(count);
}

const HEADER = ['$ORIGIN bench.', '$TTL 3600', '@ SOA ns.bench. hostmaster.bench. 1 3600 600 86400 3600', '@ NS ns.bench.', 'ns A 127.0.0.1'];
const NO_DKIM = { dkimStatus: 'not-found', dkimKeys: [] } as const;

/** A TXT record's text as zone-file strings of at most 255 bytes (RFC 1035 §3.3.14). */
const txt = (text: string): string => (text.match(/.{1,255}/g) ?? ['']).map((s) => `"${s}"`).join(' ');

interface Key {
  type: 'rsa' | 'ed25519';
  bits: number;
  record: string;
}

function makeKey(type: 'rsa' | 'ed25519', bits: number): Key {
  const { publicKey } = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: bits }) : generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  // RFC 8463 §4.2: an Ed25519 key's p= is the bare 32-byte key, not the SPKI structure.
  const p = (type === 'ed25519' ? der.subarray(der.length - 32) : der).toString('base64');
  return { type, bits: type === 'ed25519' ? 256 : bits, record: `v=DKIM1; k=${type}; p=${p}` };
}

function realisticPopulation(count: number): Population {
  const next = random(42);
  const keys = { rsa2048: makeKey('rsa', 2048), rsa1024: makeKey('rsa', 1024), ed25519: makeKey('ed25519', 256) };
  const lines = [...HEADER];
  for (let p = 0; p < SPF_PROVIDERS; p++) {
    const blocks = [1, 2, 3].map((j) => `_nb${j}.p${p}`);
    lines.push(`_spf.p${p} TXT "v=spf1 ${blocks.map((b) => `include:${b}.bench`).join(' ')} ~all"`);
    blocks.forEach((b, j) => lines.push(`${b} TXT "v=spf1 ip4:10.${p}.${j * 64}.0/18 ip6:2001:db8:${p}:${j}::/64 -all"`));
    lines.push(`mx1.p${p} A 10.${p}.250.1`, `mx2.p${p} A 10.${p}.250.2`);
  }
  lines.push(`selector1-key.p365 TXT ${txt(keys.rsa2048.record)}`, `selector2-key.p365 TXT ${txt(keys.rsa2048.record)}`);

  // Parents: what a subdomain without a record of its own gets (RFC 9989 §4.7: sp if given, else p).
  const orgPolicy: ({ policy: Expected['effectivePolicy'] & string } | null)[] = [];
  for (let k = 0; k < ORGS; k++) {
    if (next() >= 0.6) {
      orgPolicy.push(null);
      continue;
    }
    const roll = next();
    const p = roll < 0.4 ? 'reject' : roll < 0.65 ? 'quarantine' : 'none';
    const sp = p === 'reject' && next() < 0.3 ? 'none' : undefined;
    lines.push(`_dmarc.o${k} TXT "v=DMARC1; p=${p}${sp ? `; sp=${sp}` : ''}; rua=mailto:dmarc@o${k}.bench"`);
    orgPolicy.push({ policy: sp ?? p });
  }

  const expected = new Map<string, Expected>();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const domain = domainName(i);
    const name = domain.slice(0, -'.bench'.length);
    names.push(domain);
    const ip = `192.0.${(i >> 8) & 255}.${i & 255}`;
    const org = i % 2 === 1 ? orgPolicy[(i >> 1) % ORGS] : null;
    if (next() < 0.03) {
      lines.push(`${name} MX 0 .`, `${name} TXT "v=spf1 -all"`, `_dmarc.${name} TXT "v=DMARC1; p=reject"`);
      expected.set(domain, { verdict: 'enforcing', effectivePolicy: 'reject', dmarcSource: `_dmarc.${domain}`, spfStatus: 'valid', dnsLookups: 0, ...NO_DKIM, mxStatus: 'null', mxHosts: ['0 .'] });
      continue;
    }
    let effectivePolicy: Expected['effectivePolicy'] = org ? org.policy : null;
    let dmarcSource: string | null = org ? `_dmarc.${domain.slice(domain.indexOf('.') + 1)}` : null;
    if (next() < 0.5) {
      const roll = next();
      const p = roll < 0.05 ? 'rejct' : roll < 0.6 ? 'none' : roll < 0.8 ? 'quarantine' : 'reject';
      if (p === 'rejct') {
        // No valid p and no rua: receivers ignore the record (RFC 9989 §4.10.1), and as the domain's own
        // record it still decides alone (src/dmarc/discover.ts), so no policy applies.
        lines.push(`_dmarc.${name} TXT "v=DMARC1; p=rejct"`);
        [effectivePolicy, dmarcSource] = [null, null];
      } else {
        lines.push(`_dmarc.${name} TXT "v=DMARC1; p=${p}; rua=mailto:dmarc@${domain}"`);
        [effectivePolicy, dmarcSource] = [p, `_dmarc.${domain}`];
      }
    }
    const verdict: Expected['verdict'] = effectivePolicy === null ? 'unprotected' : effectivePolicy === 'none' ? 'monitoring' : 'enforcing';

    const provider = Math.floor(next() * SPF_PROVIDERS);
    let spfStatus: Expected['spfStatus'] = 'missing';
    let dnsLookups = 0;
    if (next() < 0.8) {
      const roll = next();
      spfStatus = 'valid';
      if (roll < 0.7) {
        lines.push(`${name} TXT "v=spf1 mx a include:_spf.p${provider}.bench ${next() < 0.5 ? '~all' : '-all'}"`);
        dnsLookups = 6;
      } else if (roll < 0.8) {
        lines.push(`${name} TXT "v=spf1 mx include:_spf.p${provider}.bench include:_spf.p${(provider + 1) % SPF_PROVIDERS}.bench -all"`);
        dnsLookups = 9;
      } else if (roll < 0.9) {
        lines.push(`${name} TXT "v=spf1 a mx ip4:${ip} -all"`);
        dnsLookups = 2;
      } else {
        lines.push(`${name} TXT "v=spf1 ip4:${ip} -all"`);
      }
    }
    lines.push(`${name} A ${ip}`);
    let mxHosts: string[];
    if (next() < 0.6) {
      lines.push(`${name} MX 10 mx1.p${provider}.bench.`, `${name} MX 20 mx2.p${provider}.bench.`);
      mxHosts = [`10 mx1.p${provider}.bench`, `20 mx2.p${provider}.bench`];
    } else {
      lines.push(`${name} MX 10 mail.${name}`, `mail.${name} A ${ip}`);
      mxHosts = [`10 mail.${domain}`];
    }

    let dkim: Pick<Expected, 'dkimStatus' | 'dkimKeys'> = NO_DKIM;
    if (next() < 0.5) {
      const found: [string, string][] = [];
      const publish = (selector: string, key: Key): void => {
        lines.push(`${selector}._domainkey.${name} TXT ${txt(key.record)}`);
        found.push([selector, `${selector}:valid:${key.type}:${key.bits}`]);
      };
      const roll = next();
      if (roll < 0.4) {
        for (const s of ['selector1', 'selector2']) lines.push(`${s}._domainkey.${name} CNAME ${s}-key.p365`);
        found.push(['selector1', `selector1:valid:rsa:2048`], ['selector2', `selector2:valid:rsa:2048`]);
      } else if (roll < 0.65) publish('google', next() < 0.2 ? keys.rsa1024 : keys.rsa2048);
      else if (roll < 0.8) publish('k1', keys.rsa1024);
      else if (roll < 0.9) publish('s1', keys.rsa2048);
      else publish('default', next() < 0.5 ? keys.ed25519 : keys.rsa1024);
      if (next() < 0.05 && !found.some(([s]) => s === 'default')) {
        lines.push(`default._domainkey.${name} TXT "v=DKIM1; p="`);
        found.push(['default', 'default:revoked']);
      }
      found.sort(([a], [b]) => PROBE_ORDER.indexOf(a) - PROBE_ORDER.indexOf(b));
      dkim = { dkimStatus: 'found', dkimKeys: found.map(([, key]) => key) };
    }
    expected.set(domain, { verdict, effectivePolicy, dmarcSource, spfStatus, dnsLookups, ...dkim, mxStatus: 'ok', mxHosts });
  }
  return { zone: `${lines.join('\n')}\n`, names, expected };
}

function simplePopulation(count: number): Population {
  const next = random(42);
  const PROVIDERS = 5;
  const lines = [...HEADER];
  for (let p = 0; p < PROVIDERS; p++) {
    lines.push(`_spf.provider${p} TXT "v=spf1 include:_a.provider${p}.bench include:_b.provider${p}.bench ~all"`);
    lines.push(`_a.provider${p} TXT "v=spf1 ip4:198.51.${p}.0/24 -all"`, `_b.provider${p} TXT "v=spf1 ip6:2001:db8:${p}::/48 -all"`);
  }
  const expected = new Map<string, Expected>();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `d${i}`;
    names.push(domainName(i, 'simple'));
    let verdict: Expected['verdict'] = 'unprotected';
    let effectivePolicy: Expected['effectivePolicy'] = null;
    let dmarcSource: string | null = null;
    if (next() < 0.5) {
      const roll = next();
      effectivePolicy = roll < 0.7 ? 'none' : roll < 0.9 ? 'quarantine' : 'reject';
      verdict = effectivePolicy === 'none' ? 'monitoring' : 'enforcing';
      dmarcSource = `_dmarc.${name}.bench`;
      lines.push(`_dmarc.${name} TXT "v=DMARC1; p=${effectivePolicy}; rua=mailto:dmarc@${name}.bench"`);
    }
    let spfStatus: Expected['spfStatus'] = 'missing';
    let dnsLookups = 0;
    const spf = next();
    if (spf < 0.6) {
      lines.push(`${name} TXT "v=spf1 include:_spf.provider${Math.floor(next() * PROVIDERS)}.bench ~all"`);
      [spfStatus, dnsLookups] = ['valid', 3];
    } else if (spf < 0.85) {
      lines.push(`${name} TXT "v=spf1 ip4:192.0.2.${i % 256} -all"`);
      spfStatus = 'valid';
    } else {
      lines.push(`${name} A 192.0.2.${i % 256}`);
    }
    expected.set(domainName(i, 'simple'), { verdict, effectivePolicy, dmarcSource, spfStatus, dnsLookups, ...NO_DKIM, mxStatus: 'none', mxHosts: [] });
  }
  return { zone: `${lines.join('\n')}\n`, names, expected };
}
