/**
 * Headless Chromium for the page tests: Debian's `chromium` (installed by .ci/run), driven by
 * playwright-core; never a browser download. Each launch gets a fresh profile directory and the flags
 * that keep the browser off the network (no background fetches, updates, sync or QUIC).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** In CI the browser must be there (.ci/run installs it): a missing one fails the run instead of skipping the tests. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
  return false;
}

/** The browser globals the tests use inside page functions, typed here: the project's type-check has no DOM library. */
export interface PageGlobals {
  document: unknown;
  getComputedStyle(element: unknown): { display: string; overflow: string };
  axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'dmarc-audit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong on a page: console errors, uncaught exceptions, dialogs (an injected alert()) and any request off file://. */
export interface PageTrouble {
  errors: string[];
  dialogs: string[];
  requests: string[];
}

export async function openPage(browser: Browser, file: string): Promise<{ page: Page; trouble: PageTrouble; loadMs: number }> {
  const page = await browser.context.newPage();
  const trouble: PageTrouble = { errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.errors.push(message.text());
  });
  page.on('pageerror', (error) => trouble.errors.push(error.message));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file://')) trouble.requests.push(request.url());
  });
  const started = performance.now();
  await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForSelector('#status:not(:empty)', { timeout: 120_000 });
  return { page, trouble, loadMs: performance.now() - started };
}
