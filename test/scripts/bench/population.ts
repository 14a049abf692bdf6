/**
 * A generated population of domains under the "bench." TLD, shaped like the measurements: about half
 * publish DMARC, most of those at p=none; most publish SPF, many through a few shared providers whose
 * includes nest two levels. Each domain carries the answers its report must give.
 */
export interface Expected {
  verdict: 'enforcing' | 'monitoring' | 'unprotected';
  effectivePolicy: 'none' | 'quarantine' | 'reject' | null;
  spfStatus: 'valid' | 'missing';
  dnsLookups: number;
}

export const PROVIDERS = 5;

/** A small deterministic generator so every run audits the same population. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 0x100000000;
  };
}

export function domainName(i: number): string {
  return `d${i}.bench`;
}

export interface Population {
  zone: string;
  expected: Map<string, Expected>;
}

export function generatePopulation(count: number): Population {
  const next = random(42);
  const lines = ['$ORIGIN bench.', '$TTL 3600', '@ SOA ns.bench. hostmaster.bench. 1 3600 600 86400 3600', '@ NS ns.bench.', 'ns A 127.0.0.1'];
  for (let p = 0; p < PROVIDERS; p++) {
    lines.push(`_spf.provider${p} TXT "v=spf1 include:_a.provider${p}.bench include:_b.provider${p}.bench ~all"`);
    lines.push(`_a.provider${p} TXT "v=spf1 ip4:198.51.${p}.0/24 -all"`, `_b.provider${p} TXT "v=spf1 ip6:2001:db8:${p}::/48 -all"`);
  }
  const expected = new Map<string, Expected>();
  for (let i = 0; i < count; i++) {
    const name = `d${i}`;
    let verdict: Expected['verdict'] = 'unprotected';
    let effectivePolicy: Expected['effectivePolicy'] = null;
    if (next() < 0.5) {
      const roll = next();
      effectivePolicy = roll < 0.7 ? 'none' : roll < 0.9 ? 'quarantine' : 'reject';
      verdict = effectivePolicy === 'none' ? 'monitoring' : 'enforcing';
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
    expected.set(domainName(i), { verdict, effectivePolicy, spfStatus, dnsLookups });
  }
  return { zone: `${lines.join('\n')}\n`, expected };
}
