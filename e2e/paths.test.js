// The URL contract of DESIGN.md: every view with an identity is a page of
// its own path, readable without script; each URL of the first contract
// lands on its path; an unknown path gets the site's 404 page; and the app
// taking over a page keeps what the reader typed and where the focus was
// (its layout shift is prerender.test.js's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL, SUBPATH_URL } from './harness.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Each page type, in both languages, with a text its copy must show. */
const PAGES = [
  ['2025/', /2025/],
  ['2026/06/', /跨省警情/],
  ['en/2026/06/', /[A-Za-z]{4,}/],
  ['2026/06/card/', /跨省警情/],
  ['compare/2025-2026/', /2025/],
  ['en/metric/remote-windows/', /650/],
  ['embed/2026/06/', /跨省警情/],
  ['en/embed/compare/', /2024/],
];

test('each page type shows its content with JavaScript off', async () => {
  const { page, close } = await openPage(browser, null, { contextOptions: { javaScriptEnabled: false } });
  for (const [path, text] of PAGES) {
    const res = await page.goto(new URL(path, BASE_URL).href);
    assert.equal(res.status(), 200, path);
    const shown = await page.locator('#boot .app').innerText();
    assert.match(shown, text, path);
    assert.equal(await page.evaluate(() => document.documentElement.lang), path.startsWith('en/') ? 'en' : 'zh-CN', path);
    // Its links are real links from this depth: the home link reaches the root.
    const home = await page.locator('#boot .brand h1 a, #boot .embed-foot a').first().evaluate((a) => a.href);
    assert.ok(home.startsWith(BASE_URL), `${path}: ${home}`);
  }
  await close();
});

test('each URL of the first contract lands on its view', async () => {
  // The frozen contract's cases, which url_state's unit test reads too.
  const { cases } = JSON.parse(readFileSync(new URL('../tests/first-contract.json', import.meta.url), 'utf8'));
  const { page, errors, close } = await openPage(browser, null);
  for (const [old, path] of cases) {
    await page.goto(new URL(old, BASE_URL).href);
    await page.waitForURL(new URL(path, BASE_URL).href);
    // The page of that path, which shows its view.
    await page.locator('#boot, .app').first().waitFor();
    assert.equal(await page.locator('html').getAttribute('data-path'), new URL(path, BASE_URL).pathname.slice(new URL(BASE_URL).pathname.length), old);
  }
  assert.deepEqual(errors, []);
  await close();
});

test('an unknown path gets the site\'s own 404 page, in both languages', async () => {
  const { page, close } = await openPage(browser, null);
  const res = await page.goto(new URL('2031/01/', BASE_URL).href);
  assert.equal(res.status(), 404);
  const text = await page.locator('main').innerText();
  assert.match(text, /没有找到这个页面/);
  assert.match(text, /Page not found/);
  assert.equal(await page.locator('script').count(), 0);
  await close();
});

test('taking over keeps what the reader typed and where the focus is', async () => {
  const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
  // The app held back until the reader has typed into the page's copy.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(new URL('2026/', BASE_URL).href);
  await page.locator('#boot #f-q').fill('医保');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-q');
  release();
  await page.locator('#boot').waitFor({ state: 'detached' });
  // The search applied: the address says so and the list is narrowed.
  await page.waitForFunction(() => decodeURIComponent(location.search) === '?q=医保');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=card]').length < 10);
  assert.equal(await page.inputValue('#f-q'), '医保');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-q', 'the focus stays in the search box');
  assert.deepEqual(errors, []);
  await close();
});

test('a page below the root works under a sub-path', { skip: !SUBPATH_URL && 'no SUBPATH_URL' }, async () => {
  const { page, errors, close } = await openPage(browser, new URL('en/2026/06/', SUBPATH_URL).href);
  await page.locator('[data-test=detail][data-id="2026-06"]').waitFor();
  await page.locator('[data-test=back]').click();
  await page.locator('[data-test=card]').first().waitFor();
  assert.equal(page.url(), new URL('en/', SUBPATH_URL).href);
  assert.deepEqual(errors, []);
  await close();
});
