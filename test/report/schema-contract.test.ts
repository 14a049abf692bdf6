import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeDomain } from '../../src/domain/normalize.js';
import { FINDING_CODES } from '../../src/findings/catalog.js';
import { PROFILE_NAMES } from '../../src/gate/config-schema.js';
import { blankComments } from '../../src/gate/json-text.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { fixtureNames, ZONES } from '../support/fixture-names.js';
import { runCli } from '../support/cli.js';
import { closed, validatorFor } from '../support/json-schema.js';

const NAMES = fixtureNames();
// Lines that are not domains at all, so input-error reports of every kind are checked as well.
const LIST = [...NAMES, 'https://example.test/x', 'user@example.test', '192.0.2.1', '*.example.test', 'a\u0000b'].join('\n');

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dns: string[];
let dir: string;

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0'];
  dir = mkdtempSync(path.join(tmpdir(), 'dmarc-audit-schema-'));
  writeFileSync(path.join(dir, 'list.txt'), LIST);
  writeFileSync(path.join(dir, 'domains.txt'), NAMES.filter((name) => normalizeDomain(name).ok).join('\n'));
});

afterAll(() => server?.close());

async function printedSchema(args: string[]): Promise<object> {
  const run = await runCli(['schema', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as object;
}

type Report = { domain: string; findings: { code: string }[] };

/** Checks reports against `dmarc-audit schema` as printed, and against it with every object closed. */
async function expectValidReports(reports: Report[]): Promise<void> {
  const schema = await printedSchema([]);
  const [open, strict] = [validatorFor(schema), validatorFor(closed(schema) as object)];
  const failures = reports.flatMap((report) => [...open(report), ...strict(report)].map((error) => `${report.domain}: ${error}`));
  expect(failures).toEqual([]);
  // The schema leaves finding codes open for codes to come; today's reports use only the catalog's.
  for (const report of reports) for (const { code } of report.findings) expect(FINDING_CODES).toContain(code);
}

describe('dmarc-audit schema validates every report the tool writes (ajv, draft 2020-12)', () => {
  it.each([['ndjson'], ['json']])('audit --format %s over every fixture name and bad input lines', async (format) => {
    const run = await runCli(['--file', 'list.txt', '--format', format, '--quiet', ...dns], {}, { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const reports = (format === 'json' ? JSON.parse(run.stdout) : run.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)) as Report[];
    expect(reports).toHaveLength(NAMES.length + 5);
    await expectValidReports(reports);
  }, 120_000);

  it('the reports gate --format json embeds', async () => {
    const run = await runCli(['gate', '--file', 'domains.txt', '--format', 'json', ...dns], { GITHUB_ACTIONS: undefined }, { cwd: dir });
    expect([0, 1, 3], run.stderr).toContain(run.code);
    const outcome = JSON.parse(run.stdout) as { domains: { report: Report }[] };
    expect(outcome.domains.length).toBeGreaterThan(100);
    await expectValidReports(outcome.domains.map((d) => d.report));
  }, 120_000);

  it('leaves objects open to fields a later version adds, and keeps types and values strict', async () => {
    const validate = validatorFor(await printedSchema([]));
    const [report] = JSON.parse((await runCli(['reject.test', '--format', 'json', ...dns])).stdout) as Record<string, unknown>[];
    expect(validate({ ...report, addedLater: { x: 1 } })).toEqual([]);
    const finding = { code: 'CODE_ADDED_LATER', severity: 'info', message: 'm', fix: 'f', ref: 'RFC 9989 §4.7' };
    expect(validate({ ...report, findings: [finding] })).toEqual([]);
    expect(validate({ ...report, findings: [{ ...finding, severity: 'fatal' }] })).not.toEqual([]);
    expect(validate({ ...report, findings: [{ ...finding, code: 'not a code' }] })).not.toEqual([]);
    expect(validate({ ...report, verdict: 'safe' })).not.toEqual([]);
    expect(validate({ ...report, grade: undefined })).not.toEqual([]);
  });
});

describe('dmarc-audit schema --config validates the example configs', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const examples = [...readme.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((m) => m[1] as string);

  it('the README\'s', async () => {
    expect(examples.length).toBeGreaterThan(0);
    const validate = validatorFor(await printedSchema(['--config']));
    for (const example of examples) expect(validate(JSON.parse(blankComments(example)))).toEqual([]);
  });

  it.each(PROFILE_NAMES)('the starter config of init --profile %s', async (profile) => {
    const file = path.join(dir, `${profile}.json`);
    expect((await runCli(['init', 'example.com', '--profile', profile, '--config', file])).code).toBe(0);
    const validate = validatorFor(await printedSchema(['--config']));
    expect(validate(JSON.parse(blankComments(readFileSync(file, 'utf8'))))).toEqual([]);
  });

  it('rejects an unknown key, as the gate does: a typo must not weaken a policy', async () => {
    const validate = validatorFor(await printedSchema(['--config']));
    expect(validate({ domains: ['example.com'], rules: { minPolicy: 'reject' } })).toEqual([]);
    expect(validate({ domains: ['example.com'], rule: { minPolicy: 'reject' } })).not.toEqual([]);
    expect(validate({ domains: ['example.com'], rules: { minPolcy: 'reject' } })).not.toEqual([]);
  });
});
