/**
 * `npm run bench:reports`: generates aggregate reports in mixed containers (.xml, .xml.gz, .zip,
 * .eml with a gzip attachment), 1–5,000 records each (log-uniform, as real reporters range from a
 * few rows to thousands), runs the built CLI on the directory (--no-dns: this measures reading and
 * analysis, not DNS), checks the message total against what was generated, and prints reports/s,
 * records/s and peak RSS.
 *
 *   npm run bench:reports                      10,000 reports
 *   npm run bench:reports -- --reports 2000    fewer
 *   npm run bench:reports -- --db              through --db (SQLite) instead of memory
 *   npm run bench:reports -- --one-gb          one 1 GiB XML report (3 million records from 2,000 sources)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BIN } from '../support/cli.js';
import { email, gzip, reportXml, rowXml, zip, type RowSpec } from '../support/report-fixtures.js';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '10000' }, db: { type: 'boolean', default: false }, 'one-gb': { type: 'boolean', default: false } } });
const total = values['one-gb'] ? 1 : Number(values.reports);
const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));

// A small deterministic generator, so runs compare like with like.
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (n: number): number => Math.floor(random() * n);

// 20 From domains, each with its own 400 sending IPs (a busy domain's sources over a month).
const DOMAINS = Array.from({ length: 20 }, (_, i) => `sender${i}.bench.test`);
const SOURCES_PER_DOMAIN = 400;
const ipOf = (domain: number, source: number): string => `10.${domain}.${source >> 8}.${source & 255}`;

let records = 0;
let messages = 0;
const generated = performance.now();

/** One report of 1 GiB, written as it is generated: records from 2,000 sources, 1–7 messages each. */
async function oneGigabyteReport(): Promise<void> {
  const out = createWriteStream(join(dir, 'huge.xml'));
  const head = reportXml({ id: 'huge', rows: [] }).replace('</feedback>\n', '');
  out.write(head);
  let bytes = head.length;
  while (bytes < 1024 ** 3) {
    const rows: string[] = [];
    for (let i = 0; i < 1000; i++, records++) {
      const source = records % 2000;
      const count = 1 + (records % 7);
      messages += count;
      rows.push(rowXml({ ip: `10.0.${source >> 8}.${source & 255}`, count, dkim: 'pass', dkimAuth: [{ domain: 'example.com', selector: 's1', result: 'pass' }] }, 'example.com'));
    }
    const text = rows.join('');
    bytes += text.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end('</feedback>\n');
  await once(out, 'finish');
}

if (values['one-gb']) await oneGigabyteReport();
for (let i = 0; i < (values['one-gb'] ? 0 : total); i++) {
  const n = Math.min(5000, Math.max(1, Math.round(Math.exp(random() * Math.log(5000)))));
  const domainIndex = pick(DOMAINS.length);
  const domain = DOMAINS[domainIndex]!;
  const rows: RowSpec[] = [];
  for (let r = 0; r < n; r++) {
    const count = 1 + pick(50);
    const pass = random() < 0.9;
    rows.push({ ip: ipOf(domainIndex, pick(SOURCES_PER_DOMAIN)), count, dkim: pass ? 'pass' : 'fail', spf: pass ? 'pass' : 'fail', dkimAuth: [{ domain, selector: 's1', result: pass ? 'pass' : 'fail' }], spfAuth: [{ domain, scope: 'mfrom', result: pass ? 'pass' : 'softfail' }] });
    messages += count;
  }
  records += n;
  const xml = reportXml({ id: `bench-${i}`, org: `reporter${i % 37}.test`, domain, rows });
  const base = join(dir, `r${i}`);
  switch (i % 4) {
    case 0:
      writeFileSync(`${base}.xml`, xml);
      break;
    case 1:
      writeFileSync(`${base}.xml.gz`, gzip(xml));
      break;
    case 2:
      writeFileSync(`${base}.zip`, await zip([{ name: `r${i}.xml`, data: xml }]));
      break;
    default:
      writeFileSync(`${base}.eml`, email(`report ${i}`, [{ type: 'application/gzip', name: `r${i}.xml.gz`, data: gzip(xml) }]));
  }
}
const generation = (performance.now() - generated) / 1000;

const output = join(dir, 'out.json');
const args = [BIN, 'reports', dir, '--no-dns', '--format', 'json', '--output', output, '--quiet', ...(values.db ? ['--db', join(dir, 'reports.db')] : [])];
const started = performance.now();
const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let peakKiB = 0;
const sampler = setInterval(() => {
  try {
    peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
  } catch {
    // exited
  }
}, 50);
const [code] = (await once(child, 'close')) as [number];
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;

const result = JSON.parse(readFileSync(output, 'utf8')) as { inputs: { reports: number }; domains: { messages: number }[] };
const counted = result.domains.reduce((sum, d) => sum + d.messages, 0);
rmSync(dir, { recursive: true, force: true });

const row = (label: string, value: string): void => console.log(`${label.padEnd(22)} ${value}`);
row('storage', values.db ? 'SQLite (--db)' : 'memory');
row('reports', `${total.toLocaleString('en-US')} (${result.inputs.reports.toLocaleString('en-US')} read)`);
row('records', records.toLocaleString('en-US'));
row('generation', `${generation.toFixed(1)} s (not measured below)`);
row('exit code', String(code));
row('elapsed', `${seconds.toFixed(1)} s`);
row('reports/s', (total / seconds).toFixed(0));
row('records/s', (records / seconds).toFixed(0));
row('peak RSS', `${(peakKiB / 1024).toFixed(0)} MB`);
row('messages', counted === messages ? `${counted.toLocaleString('en-US')}, as generated` : `WRONG: ${counted} counted, ${messages} generated`);
if (code !== 0 || counted !== messages || result.inputs.reports !== total) process.exitCode = 1;
