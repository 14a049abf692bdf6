/**
 * The package as npm would publish it, installed as a user would install it from its tarball
 * (README, "Install"). Offline: the tarball is packed here and its four dependencies come from the
 * npm cache that `npm ci` filled.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from './fixture-server/index.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund'], { cwd, env: { ...process.env, npm_config_loglevel: 'warn' } });

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };

describe('the npm package', () => {
  let files: string[];
  let tarball: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'dmarc-audit-package-'));

  beforeAll(async () => {
    // --ignore-scripts: packs the dist/ that `npm test` has just built instead of building again.
    const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT);
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((file) => file.path);
    tarball = path.join(dir, packed!.filename);
  }, 60_000);

  it('runs no script on install: a tarball install prints no warning about one', () => {
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts).not.toHaveProperty(script);
  });

  it('ships the licence, the readme, the CLI and the library', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/dmarc-audit.js', 'dist/cli/main.js', 'dist/src/index.js', 'dist/src/index.d.ts']));
    expect(files.filter((file) => !/^(LICENSE|README\.md|package\.json|bin\/|dist\/(cli|src)\/)/.test(file))).toEqual([]);
  });

  it('ships no source map, and no code that names one: the sources they point at are not shipped', () => {
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) expect(readFileSync(path.join(ROOT, file), 'utf8')).not.toContain('sourceMappingURL');
  });

  describe('installed from its tarball', () => {
    let install: { stdout: string; stderr: string };
    let server: Awaited<ReturnType<typeof startFixtureServer>>;
    const project = path.join(dir, 'user');

    beforeAll(async () => {
      server = await startFixtureServer({ zoneDir: path.join(ROOT, 'fixtures/zones') });
      mkdirSync(project);
      writeFileSync(path.join(project, 'package.json'), '{ "name": "user", "version": "1.0.0", "private": true }\n');
      install = await npm(['install', '--offline', tarball], project).catch((error: Error & { stderr?: string }) => {
        throw new Error(`npm install --offline of the tarball failed (are the dependencies in the npm cache, as after npm ci?): ${error.stderr ?? error.message}`);
      });
    }, 120_000);

    afterAll(() => server?.close());

    it('installs without a warning, with only the runtime dependencies', async () => {
      expect(install.stderr).toBe('');
      const { stdout } = await npm(['ls', '--all', '--parseable'], project);
      const installed = stdout.split('\n').filter((line) => line.includes('node_modules')).map((line) => line.split('node_modules/').at(-1));
      for (const dependency of Object.keys(manifest.dependencies)) expect(installed).toContain(dependency);
      for (const devOnly of ['typescript', 'esbuild', 'vitest']) expect(installed).not.toContain(devOnly);
    });

    it('audits a domain through its dmarc-audit command', async () => {
      const bin = path.join(project, 'node_modules/.bin/dmarc-audit');
      const { stdout } = await run(bin, ['reject.test', '--format', 'ndjson', '--nameserver', server.nameserver]);
      expect(JSON.parse(stdout)).toMatchObject({ domain: 'reject.test', verdict: 'enforcing' });
    });
  });
});
