/**
 * `npm run demo`: a real audit with no network. Starts the fixture DNS server on 127.0.0.1,
 * then runs the built CLI on the sample domains of fixtures/demo-domains.txt against it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../fixture-server/index.js';

const root = new URL('../../', import.meta.url);
const domains = readFileSync(new URL('fixtures/demo-domains.txt', root), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

const server = await startFixtureServer({ zoneDir: fileURLToPath(new URL('fixtures/zones', root)) });
process.stderr.write(`Fixture DNS server for the demo on ${server.nameserver} (loopback only)\n\n`);

const args = [fileURLToPath(new URL('bin/dmarc-audit.js', root)), ...domains, '--nameserver', server.nameserver, ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { stdio: 'inherit' });
const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)));
await server.close();
process.exitCode = code;
