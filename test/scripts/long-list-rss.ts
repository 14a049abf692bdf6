/**
 * `npm run rss -- [--lines N]`: peak memory of the real CLI on a very long domain list (default
 * 10,000,000 lines), against the fixture DNS server on 127.0.0.1. Not a test: it takes minutes.
 * The list repeats a few fixture domains with comments, blank lines and bad lines among them, so
 * the run measures the streaming input, the ordered output window and the bounded cache rather
 * than DNS speed. Reports go to /dev/null; the figure printed is the CLI's peak RSS (VmHWM).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../fixture-server/index.js';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '10000000' } } });
const lines = Number(values.lines);
const root = new URL('../../', import.meta.url);
const LINE_CYCLE = ['reject.test', 'none.test', 'nodmarc.test', '# a comment', 'spf-provider.test', '', 'not a domain', 'bücher.test'];

async function writeList(path: string): Promise<void> {
  const out = createWriteStream(path);
  const block = `${Array.from({ length: 10_000 }, (_, i) => LINE_CYCLE[i % LINE_CYCLE.length]).join('\n')}\n`;
  for (let written = 0; written < lines; written += 10_000) {
    if (!out.write(written + 10_000 <= lines ? block : block.split('\n').slice(0, lines - written).join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

/** The kernel's own high-water mark of the process's resident memory, in bytes. */
function peakRss(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-rss-'));
const list = join(dir, 'list.txt');
await writeList(list);
const server = await startFixtureServer({ zoneDir: fileURLToPath(new URL('fixtures/zones', root)), keepLog: false });
const started = performance.now();
const child = spawn(process.execPath, [fileURLToPath(new URL('bin/dmarc-audit.js', root)), '--file', list, '--format', 'ndjson', '--quiet', '--nameserver', server.nameserver], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
let peak = 0;
const poll = setInterval(() => {
  try {
    peak = Math.max(peak, peakRss(child.pid ?? 0));
  } catch {
    // The process has just exited; the last reading stands.
  }
}, 100);
const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
clearInterval(poll);
const seconds = (performance.now() - started) / 1000;
await server.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${lines.toLocaleString('en')} lines in ${seconds.toFixed(1)} s (exit ${code}): peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB\n`);
process.exitCode = code ?? 1;
