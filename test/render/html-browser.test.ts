/**
 * The HTML pages in a real browser (Debian's Chromium, headless, driven by playwright-core): the audit
 * page of the demo list with hostile records, a generated 100,000-domain page, the gate's and the
 * aggregate reports' pages. Each loads with no console error and no request off file://, renders its
 * charts and table, searches, sorts, filters and shows details, keeps hostile records as text, and
 * passes axe-core's WCAG A/AA and best-practice rules. Screenshots go to artifacts/html/.
 */
import { createWriteStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/registry.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { chromiumAvailable, launchChromium, openPage, type Browser, type PageGlobals, type PageTrouble } from '../support/browser.js';
import { runCli } from '../support/cli.js';
import { reportXml } from '../support/report-fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'artifacts', 'html');
const AXE = join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');
const DEMO = readFileSync(join(ROOT, 'fixtures/demo-domains.txt'), 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
const HOSTILE = ['escape.test', 'markup.hostile.test', 'dns-timeout.test'];
const BIG = 100_000;

const file = (name: string): string => join(ARTIFACTS, name);
const available = chromiumAvailable();
let browser: Browser;

async function makePages(): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startFixtureServer({ zoneDir: join(ROOT, 'fixtures/zones') });
  try {
    const dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0', '--quiet'];
    writeFileSync(file('list.txt'), [...DEMO, ...HOSTILE, 'https://not a domain/'].join('\n'));
    const runs = await Promise.all([
      runCli(['--file', file('list.txt'), '--format', 'html', '-o', file('demo.html'), ...dns]),
      runCli(['--file', file('list.txt'), '--format', 'ndjson', '-o', file('demo.ndjson'), ...dns]),
      runCli(['gate', 'acme-bank.test', 'acme-shop.test', 'markup.hostile.test', 'dns-timeout.test', '--format', 'html', '-o', file('gate.html'), ...dns]),
    ]);
    expect(runs.map((run) => run.stderr)).toEqual(['', '', expect.stringMatching(/gate failed/)]);
  } finally {
    await server.close();
  }
  writeFileSync(
    file('aggregate.xml'),
    reportXml({
      id: 'r1',
      org: 'Receiver <script>alert(3)</script>',
      domain: 'acme-shop.test',
      rows: [
        { ip: '192.0.2.10', count: 500, dkim: 'pass', spf: 'pass', dkimAuth: [{ domain: 'acme-shop.test', selector: 's1', result: 'pass' }] },
        { ip: '198.51.100.7', count: 40, from: 'acme-shop.test', spfAuth: [{ domain: 'acme-shop.test', result: 'pass' }], envelopeFrom: '<img src=x onerror=alert(4)>' },
        { ip: '203.0.113.66', count: 12 },
      ],
    }),
  );
  const reports = await runCli(['reports', '--no-dns', file('aggregate.xml'), '--format', 'html', '-o', file('reports.html'), '-q']);
  expect(reports.code).toBe(0);
  // 100,000 domains: the demo's reports under generated names, rebuilt into a page by `report`.
  const templates = readFileSync(file('demo.ndjson'), 'utf8').trimEnd().split('\n').filter((line) => !line.includes('INPUT_INVALID'));
  const out = createWriteStream(file('big.ndjson'));
  for (let i = 0; i < BIG; i++) {
    const line = templates[i % templates.length]!;
    const domain = (JSON.parse(line) as { domain: string }).domain;
    if (!out.write(`${line.split(domain).join(`d${i}.example`)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  const big = await runCli(['report', file('big.ndjson'), '--format', 'html', '-o', file('big.html'), '-q']);
  expect(big.code).toBe(0);
}

const shownNames = (page: Page): Promise<string[]> => page.$$eval('#rows tr[aria-rowindex] td:first-child', (cells) => cells.map((cell) => cell.textContent ?? ''));
const status = (page: Page): Promise<string> => page.textContent('#status').then((text) => text ?? '');

/** Types the query and waits until the table shows it (the status names the query it applied). */
async function search(page: Page, text: string): Promise<void> {
  await page.fill('#search', text);
  await page.waitForSelector(`#status[data-query=${JSON.stringify(text.toLowerCase())}]`, { state: 'attached' });
}

/** Clicks a column's heading. */
const sortBy = (page: Page, column: string): Promise<void> => page.locator('#head').getByRole('button', { name: column, exact: true }).click();

/** The cells of one column in view. */
async function shownColumn(page: Page, name: string): Promise<string[]> {
  const index = await page.$$eval('#head th button', (buttons, wanted) => buttons.findIndex((button) => button.firstChild?.textContent === wanted), name);
  return page.$$eval('#rows tr[aria-rowindex]', (rows, i) => rows.map((row) => row.children[i]?.textContent ?? ''), index);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as PageGlobals;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}`);
  });
}

function expectNoTrouble(trouble: PageTrouble): void {
  expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
}

describe.skipIf(!available)('HTML pages in headless Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await makePages();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => browser?.close());

  describe('the audit page of the demo list, hostile records included', () => {
    let page: Page;
    let trouble: PageTrouble;
    const names = [...DEMO, ...HOSTILE, 'https://not a domain/'];
    beforeAll(async () => ({ page, trouble } = await openPage(browser, file('demo.html'))));

    it('loads with no console error, no dialog and no request off the file; the overview is on top', async () => {
      expectNoTrouble(trouble);
      expect(await page.$eval('#main', (main) => main.firstElementChild?.id)).toBe('overview');
      expect(await status(page)).toBe(`Showing ${names.length} of ${names.length} domains`);
      await page.screenshot({ path: file('overview.png') });
    });

    it('draws every chart with its numbers as text', async () => {
      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => ({ caption: f.querySelector('figcaption')?.textContent, title: f.querySelector('svg title')?.textContent ?? '', bars: f.querySelectorAll('rect').length, rows: f.querySelectorAll('table tbody tr').length })),
      );
      // A chart per summary counter of every check that ran (the default ones), between the verdicts and grades and the findings.
      const counters = ALL_CHECKS.filter((check) => check.runsByDefault).flatMap((check) => check.summary.map((counter) => counter.title ?? counter.label ?? counter.name));
      expect(charts.map((c) => c.caption)).toEqual(['Verdict', 'Grade', ...counters, 'Most frequent findings', 'DNS errors']);
      for (const chart of charts) {
        expect(chart.title).toMatch(/\d+ \(\d+\.\d%\)/);
        expect(chart.bars).toBeGreaterThan(0);
        expect(chart.rows).toBeGreaterThan(0);
      }
      expect(await page.textContent('#chart-spfLookups svg')).toMatch(/limit 10/);
      expect(await page.textContent('#chart-verdict-title')).toBe('Verdict: enforcing 3 (37.5%), monitoring 2 (25.0%), unprotected 2 (25.0%), error 1 (12.5%)');
    });

    it('lists every domain, searches, sorts by a column either way and filters by verdict and finding', async () => {
      expect(await shownNames(page)).toEqual(names);
      await search(page, 'ACME-bank');
      expect(await shownNames(page)).toEqual(['acme-bank.test', 'news.acme-bank.test']);
      expect(await status(page)).toBe(`Showing 2 of ${names.length} domains`);
      await search(page, '');
      await sortBy(page, 'Domain');
      expect(await shownNames(page)).toEqual([...names].sort());
      expect(await page.locator('#head th').first().getAttribute('aria-sort')).toBe('ascending');
      await sortBy(page, 'Domain');
      expect(await shownNames(page)).toEqual([...names].sort().reverse());
      await sortBy(page, 'SPF lookups');
      const lookups = await shownColumn(page, 'SPF lookups');
      const counted = lookups.filter((cell) => cell !== '').map(Number);
      expect(counted).toEqual([...counted].sort((a, b) => a - b));
      expect(lookups.slice(counted.length).every((cell) => cell === '')).toBe(true);
      expect(counted.at(-1)).toBe(15);
      await page.getByLabel('Verdict', { exact: true }).selectOption('monitoring');
      expect((await shownNames(page)).sort()).toEqual(['acme-shop.test', 'markup.hostile.test']);
      await page.getByLabel('Verdict', { exact: true }).selectOption('');
      await page.getByLabel('Finding', { exact: true }).selectOption('SPF_PTR');
      expect(await shownNames(page)).toEqual(['acme-news.test']);
      await page.getByLabel('Finding', { exact: true }).selectOption('');
    });

    it('shows a hostile record as text: no element, script or dialog comes from DNS data', async () => {
      await page.click('button.open >> text=markup.hostile.test');
      await expect.poll(() => page.textContent('#detail-title')).toBe('markup.hostile.test');
      const published = (await page.$$eval('#detail pre', (pres) => pres.map((pre) => pre.textContent ?? ''))).join('\n');
      expect(published).toContain('x=</script><script>alert(document.domain)</script>|**[click](javascript:alert(');
      expect(published).toContain('<img src=x onerror=alert(2)>');
      expect(published).toContain('include:<img.src=x.onerror=alert(1)>.hostile.test');
      expect(await page.$$eval('img', (images) => images.length)).toBe(0);
      expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(3);
      expect(await page.$$eval('a', (links) => links.length)).toBe(0);
      await page.click('button.open >> text=escape.test');
      const escaped = (await page.$$eval('#detail pre', (pres) => pres.map((pre) => pre.textContent ?? ''))).join('\n');
      expect(escaped).toContain('x=\\x1b]0;pwned\\x07');
      expect(escaped).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expectNoTrouble(trouble);
      await page.click('button.open >> text=markup.hostile.test');
      await page.locator('#browse').scrollIntoViewIfNeeded();
      await page.screenshot({ path: file('table.png') });
    });

    it('shows each finding with its reference and fix', async () => {
      await page.click('button.open >> text=acme-travel.test');
      const entries = await page.$$eval('#detail ul.entries li', (items) => items.map((item) => item.textContent ?? ''));
      const saved = readFileSync(file('demo.ndjson'), 'utf8').split('\n').find((line) => line.includes('"domain":"acme-travel.test"'))!;
      expect(entries).toHaveLength((JSON.parse(saved) as { findings: unknown[] }).findings.length);
      expect(entries.join('\n')).toMatch(/DMARC_RUA_UNAUTHORIZED.*Fix: Ask the operator.*Reference: RFC 9990 §3\.2\.3/s);
    });

    it('passes axe-core (WCAG 2.1 A and AA, best practices), with the details and number tables open', async () => {
      await page.$$eval('details', (all) => all.forEach((d) => d.setAttribute('open', '')));
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: file('demo.png'), fullPage: true });
      expect(statSync(file('demo.png')).size).toBeGreaterThan(10_000);
    });

    it('prints without the controls, and the table runs over the pages', async () => {
      await page.emulateMedia({ media: 'print' });
      expect(await page.$eval('#controls', (controls) => (globalThis as unknown as PageGlobals).getComputedStyle(controls).display)).toBe('none');
      expect(await page.$eval('#scroller', (scroller) => (globalThis as unknown as PageGlobals).getComputedStyle(scroller).overflow)).toBe('visible');
      await page.emulateMedia({ media: 'screen' });
    });
  });

  describe(`a ${BIG.toLocaleString('en-US')}-domain page`, () => {
    let page: Page;
    let trouble: PageTrouble;
    let loadMs: number;
    beforeAll(async () => ({ page, trouble, loadMs } = await openPage(browser, file('big.html'))), 180_000);

    it('opens with every domain and only the rows in view in the document', async () => {
      expectNoTrouble(trouble);
      expect(await status(page)).toBe(`Showing ${BIG.toLocaleString('en-US')} of ${BIG.toLocaleString('en-US')} domains`);
      expect((await shownNames(page)).length).toBeLessThan(200);
      writeFileSync(file('big.json'), `${JSON.stringify({ bytes: statSync(file('big.html')).size, loadMs: Math.round(loadMs) })}\n`);
      await page.screenshot({ path: file('big.png') });
    });

    it('scrolls to the last row, searches, sorts and filters', async () => {
      await page.$eval('#scroller', (scroller) => scroller.scrollTo(0, scroller.scrollHeight));
      await page.waitForSelector(`#rows tr[aria-rowindex="${BIG + 1}"]`);
      expect((await shownNames(page)).at(-1)).toBe(`d${BIG - 1}.example`);
      await search(page, `d${BIG - 1}.`);
      expect(await shownNames(page)).toEqual([`d${BIG - 1}.example`]);
      await search(page, '');
      await sortBy(page, 'Domain');
      await sortBy(page, 'Domain');
      expect((await shownNames(page))[0]).toBe('d99999.example');
      await page.getByLabel('Verdict', { exact: true }).selectOption('error');
      // One template in DEMO.length + HOSTILE.length is dns-timeout.test, with verdict error.
      expect(await status(page)).toBe(`Showing ${(BIG / (DEMO.length + HOSTILE.length)).toLocaleString('en-US')} of 100,000 domains`);
      await page.click('button.open >> nth=0');
      expect(await page.textContent('#detail-title')).toMatch(/^d\d+\.example$/);
      expect(await page.textContent('#detail')).toMatch(/DNS_ERROR/);
      expectNoTrouble(trouble);
    });
  });

  describe('the gate and reports pages', () => {
    it('gate: the gate result per domain with its failed rules, filterable; no trouble; axe clean', async () => {
      const { page, trouble } = await openPage(browser, file('gate.html'));
      expectNoTrouble(trouble);
      expect(await status(page)).toBe('Showing 4 of 4 domains');
      await page.getByLabel('Gate', { exact: true }).selectOption('undetermined');
      expect(await shownNames(page)).toEqual(['dns-timeout.test']);
      await page.getByLabel('Gate', { exact: true }).selectOption('fail');
      expect((await shownNames(page)).sort()).toEqual(['acme-shop.test', 'markup.hostile.test']);
      await page.click('button.open >> text=acme-shop.test');
      expect(await page.textContent('#detail')).toMatch(/Gate rules not passed \(\d+\).*minPolicy/s);
      expect(await page.textContent('#chart-gate-title')).toBe('Gate results: pass 1 (25.0%), fail 2 (50.0%), undetermined 1 (25.0%)');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: file('gate.png'), fullPage: true });
      await page.close();
    });

    it('reports: readiness per From domain with blocking senders and their fixes; report data stays text', async () => {
      const { page, trouble } = await openPage(browser, file('reports.html'));
      expectNoTrouble(trouble);
      expect(await shownNames(page)).toEqual(['acme-shop.test']);
      await page.click('button.open >> text=acme-shop.test');
      const detail = (await page.textContent('#detail')) ?? '';
      expect(detail).toMatch(/Blocking senders/);
      expect(detail).toContain('from Receiver <script>alert(3)</script>');
      expect(await page.$$eval('img', (images) => images.length)).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: file('reports.png'), fullPage: true });
      await page.close();
    });
  });
});
