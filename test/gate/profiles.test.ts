import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNameserver } from '../../src/dns/nameservers.js';
import { createAuditor, type Auditor } from '../../src/engine/auditor.js';
import { PROFILE_NAMES, type ProfileName } from '../../src/gate/config-schema.js';
import { GATE_DEFAULTS, planFor } from '../../src/checks/plan.js';
import { checksFor, evaluateGate, type GateStatus } from '../../src/gate/evaluate.js';
import { PROFILES } from '../../src/gate/profiles.js';
import { resultId } from '../../src/gate/rules.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { ZONES } from '../support/fixture-names.js';


let server: Awaited<ReturnType<typeof startFixtureServer>>;
let auditor: Auditor;

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  auditor = await createAuditor({ nameservers: [parseNameserver(server.nameserver)], timeoutMs: 300, retries: 0 });
});

afterAll(async () => {
  await auditor?.close();
  await server?.close();
});

/** Each profile against fixture domains: the expected status and, for failures, the rules that fail. */
const cases: [ProfileName, string, GateStatus, string[]][] = [
  ['enforce', 'quarantine.test', 'pass', []],
  ['enforce', 'spf-softfail.test', 'pass', []],
  ['enforce', 'none.test', 'fail', ['minPolicy']],
  ['enforce', 'testing.test', 'fail', ['forbidTestingMode']],
  ['enforce', 'pct.test', 'fail', ['forbidPartialPct']],
  ['enforce', 'spf-neutral.test', 'fail', ['allowedSpfAll']],
  ['enforce', 'spf-lookups.test', 'fail', ['requireSpf', 'allowedSpfAll', 'maxSpfLookups']],
  ['enforce', 'nodmarc.test', 'fail', ['minPolicy']],
  ['enforce', 'spf-timeout.gate.test', 'undetermined', []],
  ['enforce', 'dns-timeout.test', 'undetermined', []],
  ['strict', 'strict.gate.test', 'pass', []],
  ['strict', 'quarantine.test', 'fail', ['minPolicy', 'minSubdomainPolicy', 'minNonexistentPolicy']],
  ['strict', 'weak-sp.test', 'fail', ['minSubdomainPolicy', 'minNonexistentPolicy']],
  ['strict', 'weak-np.gate.test', 'fail', ['minNonexistentPolicy']],
  ['strict', 'spf-softfail.test', 'fail', ['allowedSpfAll']],
  ['strict', 'norua.test', 'fail', ['requireRua']],
  ['bod-18-01', 'bod.gate.test', 'pass', []],
  ['bod-18-01', 'reject.test', 'fail', ['requiredRua']],
  ['bod-18-01', 'quarantine.test', 'fail', ['minPolicy', 'minSubdomainPolicy', 'requiredRua']],
  ['bod-18-01', 'dns-timeout.test', 'undetermined', []],
  ['bulk-sender', 'bulk.gate.test', 'pass', []],
  ['bulk-sender', 'none.test', 'fail', ['requireDkim']],
  ['bulk-sender', 'norua.test', 'fail', ['requireRua', 'requireDkim']],
  ['bulk-sender', 'spf-missing.test', 'fail', ['requireSpf', 'requireDkim']],
  ['bulk-sender', 'nodmarc.test', 'fail', ['minPolicy', 'requireRua', 'requireDkim']],
  ['parked', 'parked.gate.test', 'pass', []],
  ['parked', 'reject.test', 'fail', ['spfNoSenders', 'requireNullMx']],
  ['parked', 'weak-sp.test', 'fail', ['minSubdomainPolicy', 'minNonexistentPolicy', 'requireNullMx']],
  ['internet-nl', 'inl-ok.posture.test', 'pass', []],
  ['internet-nl', 'sts-enforce.posture.test', 'fail', ['requireDkim', 'requireDane', 'requireDnssec']],
  ['internet-nl', 'reject.test', 'fail', ['requireDkim', 'requireDane', 'requireDnssec']],
];

describe('built-in profiles on fixture domains', () => {
  it.each(cases)('%s: %s is %s %j', async (profile, domain, status, failing) => {
    const plan = { targets: [{ domain }], profile, rules: {}, overrides: {}, ignore: [] };
    // As the gate plans it: the checks the profile's rules read (DANE, DNSSEC for internet-nl) run too.
    const outcome = evaluateGate(plan, [await auditor.inspect(domain, planFor(checksFor(plan, domain), GATE_DEFAULTS))], '2026-01-01');
    const [result] = outcome.domains;
    expect(result?.status).toBe(status);
    if (status !== 'undetermined') expect(result?.results.filter((r) => r.status === 'fail').map(resultId)).toEqual(failing);
  });

  const profilesWith = (status: GateStatus) => new Set(cases.filter((c) => c[2] === status).map((c) => c[0]));
  it.each(PROFILE_NAMES)('%s has a passing and a failing fixture, and a source', (profile) => {
    expect(profilesWith('pass').has(profile)).toBe(true);
    expect(profilesWith('fail').has(profile)).toBe(true);
    expect(PROFILES[profile].source).not.toBe('');
  });
});
