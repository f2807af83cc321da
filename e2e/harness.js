// Shared set-up for the end-to-end tests: Debian's Chromium driven through
// playwright-core (which never downloads a browser), a fresh browser context
// per page so no test sees another's storage, caches or service worker, and
// every console error and uncaught exception collected for the test to assert
// on. `cargo xtask test` serves the release build and sets BASE_URL; by hand:
// `cargo xtask serve` in one shell, `node --test --test-concurrency=1 e2e/` in
// another.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const withSlash = (u) => (u.endsWith('/') ? u : `${u}/`);

/** Where the release build is served, with a trailing slash. */
export const BASE_URL = withSlash(process.env.BASE_URL || 'http://127.0.0.1:8080/');

/**
 * The same build mounted under a sub-path (`/news/pledges/` under `cargo xtask
 * test`), as a newsroom would host it; null when not provided.
 */
export const SUBPATH_URL = process.env.SUBPATH_URL ? withSlash(process.env.SUBPATH_URL) : null;

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

// As root in a container Chromium needs --no-sandbox; the networking flags
// stop it from reaching for Google's services, which are unreachable here
// and would slow every launch.
export const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium; close it in an `after` hook. */
export async function startBrowser(options = {}) {
  return chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS, ...options });
}

/**
 * Opens `url` in a new context of `browser` and collects errors.
 *
 * `url` is absolute, or relative to BASE_URL (`'?year=2026'`, `'data/index.json'`);
 * with `null` nothing is loaded, so the test can set up routes first and then
 * call `page.goto` itself. `errors` keeps filling as the page runs: assert on
 * it at the end of the test. Each entry is a string starting with its kind
 * (`console.error:`, `pageerror:`, `crash`).
 */
export async function openPage(browser, url, { contextOptions = {}, waitUntil = 'load' } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'allow', ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location()?.url;
      errors.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('crash', () => errors.push('crash: the page crashed'));
  if (url !== null && url !== undefined) {
    await page.goto(resolve(url), { waitUntil });
  }
  return { page, errors, context, close: () => context.close() };
}

/** `url` resolved against BASE_URL. */
export function resolve(url, base = BASE_URL) {
  return new URL(url, base).href;
}

/**
 * Runs a script file (axe-core, say) in `page` through the DevTools protocol.
 * The app's Content-Security-Policy refuses inline scripts, which is what
 * `page.addScriptTag` adds; the protocol is not subject to the policy.
 */
export async function addTestScript(page, path) {
  await page.evaluate(`${readFileSync(path, 'utf8')}\n;undefined`);
}

/** The page of pledge `id` (`2026-06` → `2026/06/`), relative to the site's root. */
export const itemPath = (id) => `${id.replace('-', '/')}/`;

/**
 * Scrolls down a screen at a time until `locator` is there: after the
 * reader changes the list, its cards are built as the reader nears them.
 */
export async function scrollUntil(page, locator) {
  for (let i = 0; i < 60 && (await locator.count()) === 0; i++) {
    await page.evaluate(() => window.scrollBy(0, innerHeight));
    await page.waitForTimeout(50);
  }
  await locator.waitFor();
}
