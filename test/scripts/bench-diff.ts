/**
 * `npm run bench:diff`: two generated runs of 1,000,000 reports each (the golden reports under
 * generated names; the second run in another order, with about 1% of the domains changed, 0.5%
 * removed and 0.5% added), then the built CLI's `diff` on them. Prints the time and the peak RSS
 * (VmHWM) of the diff and checks its summary against what was generated. `-- --lines <n>` changes the size.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' } } });
const lines = Number(values.lines);
const root = new URL('../../', import.meta.url);
const templates = readFileSync(new URL('test/render/golden/reports.ndjson', root), 'utf8').trimEnd().split('\n').filter((line) => !line.includes('INPUT_INVALID'));
const dir = mkdtempSync(join(tmpdir(), 'dmarc-audit-bench-diff-'));

/** A report line for domain i; `changed` turns an enforcing domain's policy to none (a regression). */
function report(i: number, changed: boolean): string {
  const line = templates[i % templates.length] as string;
  const domain = (JSON.parse(line) as { domain: string }).domain;
  const text = line.split(domain).join(`d${i}.bench.example`);
  return changed ? text.replace('"verdict":"enforcing"', '"verdict":"monitoring"') : text;
}

async function writeRun(path: string, order: (n: number) => number, pick: (i: number) => string | null): Promise<void> {
  const out = createWriteStream(path);
  let chunk = '';
  for (let n = 0; n < lines; n++) {
    const text = pick(order(n));
    if (text === null) continue;
    chunk += `${text}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

const old = join(dir, 'old.ndjson');
const now = join(dir, 'new.ndjson');
// The new run: every 200th domain removed and replaced by a new one, every 100th changed (a regression where it was
// enforcing), in a shuffled (but fixed) order.
const stride = 7_919;
await writeRun(old, (n) => n, (i) => report(i, false));
await writeRun(now, (n) => (n * stride) % lines, (i) => (i % 200 === 5 ? report(i + lines, false) : report(i, i % 100 === 3)));
process.stdout.write(`inputs: ${lines.toLocaleString('en-US')} lines each, ${(statSync(old).size / 1e6).toFixed(0)} MB and ${(statSync(now).size / 1e6).toFixed(0)} MB\n`);

const started = performance.now();
const child = spawn(process.execPath, [fileURLToPath(new URL('bin/dmarc-audit.js', root)), 'diff', old, now, '--format', 'json', '-o', join(dir, 'diff.json'), '-q'], { stdio: 'inherit' });
let peakKiB = 0;
const timer = setInterval(() => {
  try {
    peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
  } catch {
    // the process has ended
  }
}, 100);
const [code] = (await once(child, 'close')) as [number];
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
const summary = (JSON.parse(readFileSync(join(dir, 'diff.json'), 'utf8')) as { summary: Record<string, number> }).summary;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`diff: exit ${code}, ${seconds.toFixed(1)} s, peak RSS ${(peakKiB / 1024).toFixed(0)} MB\n`);
process.stdout.write(`summary: ${JSON.stringify(summary)}\n`);
const removed = Math.floor((lines - 6) / 200) + 1;
let regressions = 0;
for (let i = 3; i < lines; i += 100) if (report(i, true) !== report(i, false)) regressions++;
const ok = summary.removed === removed && summary.added === removed && summary.compared === lines - removed && summary.regressions === regressions;
process.stdout.write(`${ok ? 'as generated' : 'NOT as generated'}: ${removed} removed and added, ${lines - removed} in both, ${regressions} regressions\n`);
