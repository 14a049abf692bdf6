import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loopbackUnboundServer } from '../../support/unbound-config.js';

export function unboundAvailable(): boolean {
  return spawnSync('unbound', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts unbound on 127.0.0.1:port as the authority for "bench." from `zoneFile`; it never recurses.
 * `favoured`: at a higher CPU priority (nice -15, where allowed), so that on a busy machine its answers
 * are waiting whenever the CLI looks, as the instruction count needs (see bench.ts).
 */
export async function startUnbound(dir: string, zoneFile: string, port: number, favoured = false): Promise<ChildProcess> {
  const config = join(dir, 'unbound.conf');
  writeFileSync(
    config,
    [
      ...loopbackUnboundServer(dir, port),
      '  num-threads: 1',
      '  so-rcvbuf: 4m',
      '  module-config: "iterator"',
      '  qname-minimisation: no',
      '  ratelimit: 0',
      '  ip-ratelimit: 0',
      'auth-zone:',
      '  name: "bench."',
      `  zonefile: "${zoneFile}"`,
      '  for-downstream: yes',
      '  for-upstream: yes',
      '  fallback-enabled: no',
      'remote-control:',
      '  control-enable: no',
      '',
    ].join('\n'),
  );
  const check = spawnSync('unbound-checkconf', [config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`unbound-checkconf: ${check.stdout}${check.stderr}`);
  const command = [...(favoured ? ['nice', '-n', '-15'] : []), 'unbound', '-d', '-c', config];
  const child = spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise((resolve) => setTimeout(resolve, 700));
  if (child.exitCode !== null) throw new Error('unbound exited at start');
  return child;
}
