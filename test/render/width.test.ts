/**
 * Text output is promised at 80 columns: every line of the audit's text report and of the gate's, for
 * every fixture domain (long names, long records, hostile data), through the CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeDomain } from '../../src/domain/normalize.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { fixtureNames, ZONES } from '../support/fixture-names.js';

const ANSI = /\u001b\[[0-9;]*m/g;
const columns = (line: string): number => [...line.replace(ANSI, '')].length;
const tooWide = (text: string): string[] => text.split('\n').filter((line) => columns(line) > 80);

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dns: string[];
let list: string;
let domains: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0'];
  const dir = mkdtempSync(path.join(tmpdir(), 'dmarc-audit-width-'));
  list = path.join(dir, 'list.txt');
  const names = fixtureNames();
  writeFileSync(list, [...names, `x${'.averylonglabel'.repeat(14)}.test`, 'not a domain line that is rather long and keeps going for a while'].join('\n'));
  domains = names.filter((name) => normalizeDomain(name).ok);
});

afterAll(() => server?.close());

describe('80 columns', () => {
  it('every line of the text report, with and without colour', async () => {
    for (const colour of ['--no-color', '--color']) {
      const run = await runCli(['--file', list, '--format', 'text', '--quiet', colour, ...dns]);
      expect(run.stdout.length).toBeGreaterThan(10_000);
      expect(tooWide(run.stdout)).toEqual([]);
    }
  });

  it('every line of the gate\'s text report', async () => {
    const run = await runCli(['gate', ...domains, '--profile', 'strict', '--no-color', ...dns], { GITHUB_ACTIONS: undefined });
    expect(run.stdout).toContain('FAIL');
    expect(tooWide(run.stdout)).toEqual([]);
  });
});
