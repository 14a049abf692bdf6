import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixture-server/index.js';
import { BIN, runCli } from '../support/cli.js';
import { ZONES } from '../support/fixture-names.js';

/** Signals while the input stalls, and what an interrupted run does to an existing report. */
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-signals-'));
let server: FixtureServer;
let dns: string[];

beforeAll(async () => {
  server = await startFixtureServer({ zoneDir: ZONES });
  dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', '--quiet'];
});
afterAll(() => server?.close());

interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The exit code, or "hung" if the process is still running after `ms` (then it is killed). */
  exit(ms: number): Promise<number | null | 'hung'>;
}

/**
 * Resolves once the fixture server was asked about `domain`'s DMARC record: the run is under way, and
 * its signal handlers are in place. (Reports finished while the input waits are written when it moves
 * on or stops, so the output cannot tell.)
 */
async function queried(domain: string): Promise<void> {
  while (!server.queries().some((query) => query.name === `_dmarc.${domain}`)) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Every process a test starts, killed after it whatever happened: a run that hangs must not outlive its test. */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(args: string[], options: { stdin?: 'pipe' | 'ignore' } = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exit: async (ms) => {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)));
      const result = await Promise.race([closed, hung]);
      clearTimeout(timer);
      if (result === 'hung') child.kill('SIGKILL');
      return result;
    },
  };
}

const domainsIn = (text: string): string[] => text.trimEnd().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { domain: string }).domain);

beforeEach(() => server.clearQueries());

// The same with worker threads: the main thread reads the input and handles the signals; the workers finish what they were sent.
describe.each([
  { threads: [] as string[], name: 'in one thread (the default)' },
  { threads: ['--workers', '2'], name: 'with --workers 2' },
])('$name', ({ threads }) => {
  describe('SIGTERM while the input stalls ends the run (exit 143) with the finished reports written', () => {
    it('a FIFO whose writer wrote one line and then stays silent', async () => {
      const fifo = join(dir, `stalled-${threads.length}.fifo`);
      execFileSync('mkfifo', [fifo]);
      // The writer writes one line and holds the FIFO open without writing again.
      const holder = spawn('sh', ['-c', `exec 3>'${fifo}'; printf 'quarantine.test\\n' >&3; exec sleep 60`], { stdio: 'ignore' });
      children.push(holder);
      const run = start(['--file', fifo, '--format', 'ndjson', ...dns, ...threads]);
      await queried('quarantine.test');
      run.child.kill('SIGTERM');
      expect(await run.exit(10_000)).toBe(143);
      expect(domainsIn(run.stdout())).toEqual(['quarantine.test']);
      expect(run.stderr()).toMatch(/^stopping: finishing \d+ domains? in flight \(SIGTERM again to quit now\)\n/);
    });

    it('--file /dev/zero, which never ends a line', async () => {
      const run = start(['reject.test', '--file', '/dev/zero', '--format', 'ndjson', ...dns, ...threads]);
      await queried('reject.test');
      run.child.kill('SIGTERM');
      expect(await run.exit(10_000)).toBe(143);
      expect(domainsIn(run.stdout())).toEqual(['reject.test']);
    });

    it('a producer piped into --file - that stops writing but never closes', async () => {
      const run = start(['--file', '-', '--format', 'ndjson', ...dns, ...threads], { stdin: 'pipe' });
      run.child.stdin!.write('none.test\n');
      await queried('none.test');
      run.child.kill('SIGINT');
      expect(await run.exit(10_000)).toBe(130);
      expect(domainsIn(run.stdout())).toEqual(['none.test']);
      run.child.stdin!.destroy();
    });
  });

  describe('an interrupted run over an existing complete report', () => {
    it('keeps the complete report and writes the finished reports to <name>.partial', async () => {
      const out = join(dir, 'complete.json');
      const whole = await runCli(['reject.test', 'none.test', '--format', 'json', '-o', out, ...dns, ...threads]);
      expect(whole.code).toBe(0);
      const complete = readFileSync(out, 'utf8');

      const list = join(dir, 'slow.txt');
      writeFileSync(list, `reject.test\n${Array.from({ length: 200 }, (_, i) => `n${i}.nothing.test`).join('\n')}\n`);
      const run = start(['--file', list, '--format', 'json', '-o', out, '--rate', '40', '--concurrency', '4', ...dns, ...threads]);
      // Once the temporary file holds a report, the run is under way (and its signal handlers in place).
      const temporary = join(dir, `.complete.json.${run.child.pid}.tmp`);
      while (!(existsSync(temporary) && readFileSync(temporary, 'utf8').includes('"domain"'))) await new Promise((resolve) => setTimeout(resolve, 20));
      run.child.kill('SIGTERM');
      expect(await run.exit(10_000)).toBe(143);
      expect(readFileSync(out, 'utf8')).toBe(complete);
      const partial = JSON.parse(readFileSync(`${out}.partial`, 'utf8')) as unknown[];
      expect(run.stderr()).toContain(`interrupted: ${partial.length} finished reports were written to ${out}.partial, not to ${out}; the run is incomplete`);
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(201);
    });
  });
});
