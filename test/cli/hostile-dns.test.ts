import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOOKUPS_PER_DOMAIN } from '../../src/dns/budget.js';
import { auditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server/index.js';
import { mismatches, type AuditCase } from '../support/audit-cases.js';
import { runCli } from '../support/cli.js';
import { HOSTILE_ZONE_TEXT } from '../support/hostile-zones.js';
import { ZONES } from '../support/fixture-names.js';


/**
 * A DNS that lies, stalls and overwhelms (fixtures/zones/hostile.zone and test/support/hostile-zones.ts),
 * through the CLI. Every failure must come out as `error` with DNS_ERROR — never as a missing record —
 * and every hostile tree must stay within the documented caps.
 */
const dmarcFails = (domain: string, detail: RegExp): [AuditCase, RegExp] => [
  { domain, expect: { verdict: 'error', dmarc: { status: 'error', enforcing: false }, spf: { status: 'valid' }, codes: ['DNS_ERROR'], absent: ['DMARC_MISSING'] } },
  detail,
];

const CASES: [AuditCase, RegExp | undefined][] = [
  dmarcFails('no-reply.hostile.test', /timeout: .*no reply within 300 ms/),
  dmarcFails('late.hostile.test', /timeout: .*no reply within 300 ms/),
  dmarcFails('servfail.hostile.test', /servfail: .*SERVFAIL/),
  dmarcFails('refused.hostile.test', /refused: .*REFUSED/),
  dmarcFails('notimp.hostile.test', /server answered NOTIMP/),
  dmarcFails('tcp-close.hostile.test', /TCP connection closed without a reply/),
  dmarcFails('tcp-reset.hostile.test', /TCP: read ECONNRESET/),
  dmarcFails('tcp-partial.hostile.test', /TCP connection closed in the middle of a message/),
  dmarcFails('garbage.hostile.test', /no reply within 300 ms/),
  dmarcFails('malformed.hostile.test', /malformed: /),
  dmarcFails('wrong-id.hostile.test', /no reply within 300 ms/),
  dmarcFails('cname-loop.hostile.test', /CNAME loop at loop-a\.cname-loop/),
  dmarcFails('cname-chain.hostile.test', /CNAME chain longer than 8/),
  // Forgeries from another port, with a wrong ID or for another question are ignored; the genuine answer wins.
  [{ domain: 'spoofed.hostile.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid', effectivePolicy: 'reject' } } }, undefined],
  // A UDP reply larger than the buffer we offered, without TC, is still a complete, well-formed answer.
  [{ domain: 'oversize.hostile.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid' } } }, undefined],
  [{ domain: 'spf-timeout.hostile.test', expect: { verdict: 'enforcing', spf: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['SPF_INCLUDE_MISSING'] } }, /slow\.spf-timeout/],
  [{ domain: 'huge-txt.hostile.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid', policy: 'reject' } } }, undefined],
  [{ domain: 'many-txt.hostile.test', expect: { verdict: 'enforcing', spf: { status: 'valid', record: 'v=spf1 -all' } } }, undefined],
  // Too big even for TCP: the server sets TC there too, which says nothing about the records.
  [{ domain: 'too-many-txt.hostile.test', expect: { verdict: 'enforcing', spf: { status: 'error' }, codes: ['DNS_ERROR'], absent: ['SPF_MISSING'] } }, /truncated even over TCP/],
  [{ domain: 'bomb.hostile.test', expect: { verdict: 'enforcing', spf: { status: 'invalid', truncated: true }, codes: ['SPF_TOO_MANY_LOOKUPS'] } }, undefined],
  [{ domain: 'deep-chain.hostile.test', expect: { verdict: 'enforcing', spf: { status: 'invalid', truncated: true }, codes: ['SPF_TOO_MANY_LOOKUPS'] } }, undefined],
  [{ domain: 'rua-bomb.hostile.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid' }, codes: ['DNS_ERROR'] } }, new RegExp(`per-domain cap of ${MAX_LOOKUPS_PER_DOMAIN} lookups`)],
  // Names the wire cannot carry are never sent: the include is unusable, which SPF calls a permerror.
  [{ domain: 'long-name.hostile.test', expect: { verdict: 'enforcing', spf: { status: 'invalid' }, absent: ['DNS_ERROR'] } }, undefined],
  [{ domain: 'long-label.hostile.test', expect: { verdict: 'enforcing', spf: { status: 'invalid' }, absent: ['DNS_ERROR'] } }, undefined],
  [{ domain: 'escapes.hostile.test', expect: { verdict: 'unprotected', dmarc: { status: 'invalid' }, spf: { status: 'invalid' }, codes: ['SPF_INVALID', 'DMARC_INVALID'] } }, undefined], // "owned…" after the ";" is a bare word
  [{ domain: 'not-utf8.hostile.test', expect: { verdict: 'enforcing', dmarc: { status: 'valid' } } }, undefined],
];

const DOMAINS = CASES.map(([c]) => c.domain);
const DNS = ['--timeout', '300', '--retries', '1', '--quiet'];

let server: FixtureServer;
const reports = new Map<string, AuditReport>();
let wireQueries: { name: string }[] = [];
let elapsedMs = 0;

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES, zoneText: HOSTILE_ZONE_TEXT });
  const started = performance.now();
  const run = await runCli([...DOMAINS, '--format', 'ndjson', '--nameserver', server.nameserver, ...DNS]);
  elapsedMs = performance.now() - started;
  wireQueries = server.queries();
  // Nothing on stderr: no unhandled rejection, no warning, no stack trace.
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(DOMAINS.length);
  lines.forEach((line, index) => reports.set(DOMAINS[index]!, auditReportSchema.parse(JSON.parse(line))));
}, 60_000);

afterAll(() => server?.close());

describe('hostile DNS through the CLI', () => {
  it.each(CASES.map(([c, detail]) => [c.domain, c, detail] as const))('%s', (_domain, c, detail) => {
    const report = reports.get(c.domain)!;
    expect(mismatches(report, c)).toEqual([]);
    if (detail) expect(report.findings.filter((f) => f.code === 'DNS_ERROR').map((f) => f.message).join('\n')).toMatch(detail);
  });

  it.each([
    ['bomb.hostile.test', (name: string) => name.endsWith('bomb.hostile.test') && !name.includes('rua')],
    ['deep-chain.hostile.test', (name: string) => name.endsWith('deep-chain.hostile.test')],
    ['rua-bomb.hostile.test', (name: string) => name.includes('rua-dest') || name.endsWith('rua-bomb.hostile.test')],
  ])('%s stays within the per-domain lookup cap on the wire', (_domain, belongs) => {
    // Each lookup is at most one UDP and one TCP query here (retries only follow failures).
    const count = wireQueries.filter((query) => belongs(query.name)).length;
    expect(count).toBeGreaterThan(10);
    expect(count).toBeLessThanOrEqual(2 * MAX_LOOKUPS_PER_DOMAIN);
  });

  it('finishes the whole matrix in bounded time (no hang)', () => {
    expect(elapsedMs).toBeLessThan(30_000);
  });

  it('ends a domain at its deadline: 10 × timeout × attempts', async () => {
    // 30 includes answered 250 ms late each: within every lookup's timeout, past the domain's 3,000 ms.
    const started = performance.now();
    const run = await runCli(['slow-chain.hostile.test', '--format', 'ndjson', '--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', '--quiet']);
    const report = auditReportSchema.parse(JSON.parse(run.stdout));
    expect(report.spf?.status).toBe('error');
    expect(report.findings.find((f) => f.code === 'DNS_ERROR')?.message).toMatch(/per-domain deadline of 3000 ms passed/);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('hostile DNS data never reaches the terminal raw', () => {
  // C0 controls other than line ends, DEL, C1 controls, bidi overrides and isolates.
  const RAW = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it.each(['text', 'json', 'ndjson', 'csv'])('--format %s', async (format) => {
    const run = await runCli(['escapes.hostile.test', 'not-utf8.hostile.test', '--format', format, '--nameserver', server.nameserver, ...DNS]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stdout).toContain(format === 'json' || format === 'ndjson' ? '\\u001b' : '\\x1b');
    if (format === 'json') expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });
});
