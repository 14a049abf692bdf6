import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/gate/load-config.js';
import { runCli } from '../support/cli.js';

/**
 * A config comes with pull requests: its domainList must not make the gate read (and quote in its
 * errors) files outside the config's folder, such as the runner's environment.
 */
const root = mkdtempSync(path.join(tmpdir(), 'dmarc-audit-load-config-'));
const folder = path.join(root, 'repo');
mkdirSync(path.join(folder, 'lists'), { recursive: true });
writeFileSync(path.join(root, 'outside.txt'), 'outside.example\n');
writeFileSync(path.join(folder, 'domains.txt'), 'a.example\n');
writeFileSync(path.join(folder, 'lists', 'more.txt'), 'b.example\n');
symlinkSync('domains.txt', path.join(folder, 'link-inside.txt'));
symlinkSync(path.join(root, 'outside.txt'), path.join(folder, 'link-outside.txt'));
symlinkSync('/etc/passwd', path.join(folder, 'passwd.txt'));
execFileSync('mkfifo', [path.join(folder, 'fifo.txt')]);

async function load(domainList: string): Promise<string[]> {
  const file = path.join(folder, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ domainList }));
  const plan = await loadConfig(file);
  return plan.targets.map((target) => target.domain);
}

async function problemOf(domainList: string): Promise<string> {
  const error = await load(domainList).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe('domainList may name', () => {
  it.each([
    ['a file beside the config', 'domains.txt', ['a.example']],
    ['a file in a subfolder', 'lists/more.txt', ['b.example']],
    ['a link to a file in the folder', 'link-inside.txt', ['a.example']],
    ['an absolute path inside the folder', path.join(folder, 'lists', 'more.txt'), ['b.example']],
  ])('%s', async (_name, domainList, domains) => {
    expect(await load(domainList)).toEqual(domains);
  });
});

describe('domainList may not name', () => {
  it.each([
    ['/proc/self/environ', '/proc/self/environ'],
    ['/etc/passwd', '/etc/passwd'],
    ['a file above the folder', '../outside.txt'],
    ['a link out of the folder', 'link-outside.txt'],
    ['a link to a file outside', 'passwd.txt'],
  ])('%s', async (_name, domainList) => {
    expect(await problemOf(domainList)).toContain(`domainList: ${JSON.stringify(domainList)} — must be a file in the config's folder or below it (after symbolic links), and this one is not`);
  });

  it('a FIFO in the folder (without waiting for a writer)', async () => {
    expect(await problemOf('fifo.txt')).toMatch(/domainList: "fifo\.txt" — .*fifo\.txt is not a regular file/);
  });

  it('a file that does not exist', async () => {
    expect(await problemOf('nope.txt')).toMatch(/domainList: "nope\.txt" — cannot read .*nope\.txt: ENOENT/);
  });
});

describe('through the gate', () => {
  const CANARY = 'canary-7f3a9c2e51';

  it('a config naming /proc/self/environ is a config error (exit 2) that quotes nothing of the environment', async () => {
    writeFileSync(path.join(folder, 'dmarc-audit.config.json'), JSON.stringify({ domainList: '/proc/self/environ' }));
    const run = await runCli(['gate', '--nameserver', '127.0.0.1:9'], { SECRET_FOR_TEST: CANARY, GITHUB_ACTIONS: undefined }, { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^dmarc-audit: dmarc-audit\.config\.json: domainList: "\/proc\/self\/environ" — must be a file in the config's folder/);
    expect(run.stderr + run.stdout).not.toContain(CANARY);
  });

  it('a config that is itself a link to /proc/self/environ is not valid JSON, and its text is not quoted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dmarc-audit-environ-'));
    symlinkSync('/proc/self/environ', path.join(dir, 'dmarc-audit.config.json'));
    const run = await runCli(['gate', '--nameserver', '127.0.0.1:9'], { SECRET_FOR_TEST: CANARY, GITHUB_ACTIONS: undefined }, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not valid JSON/);
    expect(run.stderr).not.toMatch(/=|canary/);
  });
});
