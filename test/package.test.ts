/**
 * The package as npm would publish it (README, "Install"): packed here, unpacked into a temporary
 * directory and run from there. Offline: its runtime dependencies are resolved from this checkout's
 * node_modules, as `npm install` of the tarball cannot run without the registry on a clean machine.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from './fixture-server/index.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the npm package', () => {
  let files: string[];
  let unpacked: string;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dmarc-audit-package-'));
    // --ignore-scripts: packs the dist/ that `npm test` has just built instead of building again.
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((file) => file.path);
    await run('tar', ['-xzf', path.join(dir, packed!.filename), '-C', dir]);
    unpacked = path.join(dir, 'package');
    // Module resolution walks up from the unpacked package to <dir>/node_modules.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    server = await startFixtureServer({ zoneDir: path.join(ROOT, 'fixtures/zones') });
  }, 60_000);

  afterAll(() => server?.close());

  it('runs no script when installed: a tarball install warns about none', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts).not.toHaveProperty(script);
  });

  it('ships the licence, the readme, the CLI and the library, and nothing else', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/dmarc-audit.js', 'dist/cli/main.js', 'dist/src/index.js', 'dist/src/index.d.ts']));
    expect(files.filter((file) => !/^(LICENSE|README\.md|package\.json|bin\/|dist\/(cli|src)\/)/.test(file))).toEqual([]);
  });

  it('ships no source map, and no code that names one: the sources they would point at are not shipped', () => {
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js'))) expect(readFileSync(path.join(unpacked, file), 'utf8')).not.toContain('sourceMappingURL');
  });

  it('audits a domain with nothing but its own files', async () => {
    const { stdout } = await run(process.execPath, [path.join(unpacked, 'bin/dmarc-audit.js'), 'reject.test', '--format', 'ndjson', '--nameserver', server.nameserver]);
    expect(JSON.parse(stdout)).toMatchObject({ domain: 'reject.test', verdict: 'enforcing' });
  });

  it('loads as a library', async () => {
    const library = (await import(path.join(unpacked, 'dist/src/index.js'))) as Record<string, unknown>;
    expect(typeof library.auditDomain).toBe('function');
  });
});
