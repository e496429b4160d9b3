// Test fixture: Debian's chromium driven by playwright-core, one browser per test file. When
// chromium is missing the tests that need it are skipped loudly (announceSkip), never passed.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { announceSkip, hasTool } from './tools.js';

export const CHROMIUM = process.env.KANARIA_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** True when chromium can run here; otherwise announces that `testName` is skipped. */
export function browserAvailable(testName: string): boolean {
  const ok = existsSync(CHROMIUM) && hasTool(CHROMIUM, ['--headless', '--no-sandbox', '--version']);
  if (!ok) announceSkip(testName, `chromium at ${CHROMIUM} (apt-get install chromium)`);
  return ok;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface BrowserFixture {
  readonly browser: Browser;
}

/** One browser for the file's tests (inside a describe that is skipped when chromium is missing). */
export function useBrowser(): BrowserFixture {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
  };
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
  /** Every request the page sent, as `METHOD path` with its body. */
  requests: { method: string; path: string; body: string | null }[];
  close(): Promise<void>;
}

/** Opens the console at `hash` (`#/apis/x`) with a viewport, recording errors and requests. */
export async function openConsole(browser: Browser, baseUrl: string, hash = '#/', viewport = { width: 1280, height: 800 }): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport });
  // Fail a missing element in seconds, well inside the test's own timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: ConsolePage['requests'] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A refused AWS call shows as a failed resource load; the tests look at those on purpose.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    requests.push({ method: req.method(), path: url.pathname + url.search, body: req.postData() });
  });
  await page.goto(`${baseUrl}/_kanaria/${hash}`);
  await page.locator('h1').first().waitFor();
  return { context, page, errors, requests, close: () => context.close() };
}

/** The page fits its viewport: nothing overflows horizontally. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}
