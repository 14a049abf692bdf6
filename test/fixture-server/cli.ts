/**
 * Runs the fixture DNS server until SIGINT/SIGTERM:
 *   tsx test/fixture-server/cli.ts --zones fixtures/zones [--zones more.zone] [--port 5353] [--host ::1] [--fault edns-formerr]
 *     [--latency-dist 5-300] [--drop 0.01] [--never-answer reject.test]… [--seed 1]
 * `--zones` takes a directory (all *.zone files in it) or a single zone file; `--fault` a fault mode for
 * every query no zone fault covers (fixtures/README.md); the last four a lossy network (network.ts).
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseLatencyRange } from './network.js';
import { startFixtureServer } from './server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      zones: { type: 'string', multiple: true, default: ['fixtures/zones'] },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      fault: { type: 'string' },
      'latency-dist': { type: 'string' },
      drop: { type: 'string' },
      'never-answer': { type: 'string', multiple: true, default: [] },
      seed: { type: 'string', default: '1' },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) throw new Error(`--port must be 1-65535, got ${values.port}`);
  if (values.host !== '127.0.0.1' && values.host !== '::1') throw new Error('--host must be 127.0.0.1 or ::1 (loopback only)');

  const zoneFiles: string[] = [];
  const zoneDirs: string[] = [];
  for (const source of values.zones) ((await stat(source)).isDirectory() ? zoneDirs : zoneFiles).push(source);
  if (zoneDirs.length > 1) throw new Error('give at most one --zones directory');

  const network = {
    latency: values['latency-dist'] === undefined ? undefined : parseLatencyRange(values['latency-dist']),
    dropRate: values.drop === undefined ? undefined : Number(values.drop),
    neverAnswer: values['never-answer'],
    seed: Number(values.seed),
  };
  const server = await startFixtureServer({ zoneFiles, zoneDir: zoneDirs[0], host: values.host, port, fault: values.fault, network });
  console.log(`fixture DNS server listening on ${server.nameserver} (UDP and TCP); stop with Ctrl-C`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
