/**
 * The OpenSPF RFC 7208 test suite (pyspf test/rfc7208-tests.yml, BSD licence beside it), read in
 * place from ../shared/conformance/ and never copied in. Each scenario's zonedata is served by the
 * in-memory resolver; each test runs check_host() and must give one of its listed results.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createMemoryResolver } from '../../src/dns/memory.js';
import type { MemoryZone, MemoryZoneEntry } from '../../src/dns/memory.js';
import type { MxData, Resolver } from '../../src/dns/types.js';
import { checkHost } from '../../src/spf/check-host.js';
import { domainToCheck } from '../../src/spf/identity.js';
import { CONFORMANCE_DIR, conformanceAvailable } from '../support/conformance.js';

const SUITE = new URL('rfc7208-tests.yml', CONFORMANCE_DIR);

interface SuiteTest {
  helo: string;
  host: string;
  mailfrom: string;
  result: string | string[];
  explanation?: string;
}

type ZoneItem = 'TIMEOUT' | Record<string, unknown>;

interface Scenario {
  description: string;
  tests: Record<string, SuiteTest>;
  zonedata: Record<string, ZoneItem[]>;
}

/** A TXT or SPF value: one string, or a list of strings joined with no separator (`[]` is an empty record). */
const joined = (value: unknown): string => (Array.isArray(value) ? value.join('') : String(value));

/**
 * The suite's zonedata as a memory zone. SPF entries become TXT when the name has no TXT entry of
 * its own (as the reference runners do); `TXT: NONE` is no TXT; a bare TIMEOUT makes every type the
 * name has no data for time out.
 */
function zoneFromSuite(zonedata: Record<string, ZoneItem[]>): MemoryZone {
  const zone: MemoryZone = {};
  for (const [name, items] of Object.entries(zonedata)) {
    const data = { TXT: [] as string[], SPF: [] as string[], A: [] as string[], AAAA: [] as string[], MX: [] as MxData[], PTR: [] as string[], CNAME: [] as string[] };
    let ownTxt = false;
    let timeout = false;
    for (const item of items) {
      if (item === 'TIMEOUT') {
        timeout = true;
        continue;
      }
      for (const [type, value] of Object.entries(item)) {
        if (type === 'TXT') ownTxt = true;
        if (type === 'TXT' && value === 'NONE') continue;
        if (type === 'TXT' || type === 'SPF') data[type].push(joined(value));
        else if (type === 'MX') {
          const [preference, exchange] = value as [number, string];
          data.MX.push({ preference, exchange });
        } else if (type === 'A' || type === 'AAAA' || type === 'PTR' || type === 'CNAME') data[type].push(String(value));
        else throw new Error(`zonedata ${name}: unknown type ${type}`);
      }
    }
    const entry: MemoryZoneEntry = {};
    const txt = ownTxt ? data.TXT : data.SPF;
    if (txt.length > 0) entry.TXT = txt;
    if (data.A.length > 0) entry.A = data.A;
    if (data.AAAA.length > 0) entry.AAAA = data.AAAA;
    if (data.MX.length > 0) entry.MX = data.MX;
    if (data.PTR.length > 0) entry.PTR = data.PTR;
    if (data.CNAME.length > 0) entry.CNAME = data.CNAME;
    if (timeout) for (const type of ['TXT', 'A', 'AAAA', 'MX', 'PTR'] as const) entry[type] ??= 'timeout';
    zone[name] = entry;
  }
  return zone;
}

if (conformanceAvailable('OpenSPF RFC 7208 suite', [SUITE])) {
  const scenarios = parseAllDocuments(readFileSync(SUITE, 'utf8')).map((doc) => doc.toJS() as Scenario);

  it('has the 16 scenarios and 203 tests of the 2014.04 release', () => {
    expect(scenarios).toHaveLength(16);
    expect(scenarios.reduce((sum, s) => sum + Object.keys(s.tests).length, 0)).toBe(203);
  });

  for (const scenario of scenarios) {
    let resolver: Resolver | undefined;
    const rows = Object.entries(scenario.tests).map(([name, test]) => ({ name: `${scenario.description} › ${name}`, test }));
    describe(scenario.description, () => {
      it.each(rows)('$name', async ({ test }) => {
        resolver ??= createMemoryResolver(zoneFromSuite(scenario.zonedata));
        const outcome = await checkHost(
          { ip: test.host, domain: domainToCheck(test.mailfrom, test.helo), sender: test.mailfrom, helo: test.helo },
          resolver,
        );
        const accepted = Array.isArray(test.result) ? test.result : [test.result];
        expect(accepted, `${outcome.result}: ${outcome.reason}`).toContain(outcome.result);
        if (test.explanation === 'DEFAULT') expect(outcome.explanationSource).toBe('default');
        else if (test.explanation !== undefined) expect(outcome.explanation).toBe(test.explanation);
      });
    });
  }
}
