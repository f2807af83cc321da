// A long list on a phone: the page the build made is whole; after the
// reader changes the search, the screen fills at once and the rest of the
// page's cards are built as the reader scrolls towards them, up to "Show
// more"; printing gets every card of the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL } from './harness.js';

const read = (f) => readFileSync(new URL(`../public/data/${f}`, import.meta.url), 'utf8');
const Y2026 = JSON.parse(read('2026.json'));
const PAGE = 30;
const COUNT = 200;

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** The 2026 list with COUNT pledges made from its own, on a phone, in English, at `path`. */
async function longList(path = 'en/2026/', { observer = true } = {}) {
  const opened = await openPage(browser, null, {
    contextOptions: { serviceWorkers: 'block', viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true },
  });
  if (!observer) await opened.page.addInitScript(() => { delete window.IntersectionObserver; });
  const items = Array.from({ length: COUNT }, (_, n) => ({
    ...Y2026.items[n % Y2026.items.length],
    id: `2026-${n < 99 ? String(n + 1).padStart(2, '0') : `x${n}`}`,
    number: n + 1,
    title: { zh: `长三角事项 ${n + 1}`, en: `Pledge number ${n + 1}` },
  }));
  const body = JSON.stringify({ ...Y2026, items_published: COUNT, items });
  await opened.page.route('**/data/2026.json', (route) => route.fulfill({ contentType: 'application/json', body }));
  await opened.page.goto(`${BASE_URL}${path}`);
  await opened.page.locator('[data-test=count]').filter({ hasText: new RegExp(`\\b${COUNT} of ${COUNT}\\b`) }).waitFor();
  return opened;
}

const built = (page) => page.locator('[data-test=card]').count();
/** The bottom of the last card built, against the window's height. */
const lastBottom = (page) => page.evaluate(() => {
  const cards = document.querySelectorAll('[data-test=card]');
  return { bottom: cards[cards.length - 1].getBoundingClientRect().bottom, height: innerHeight };
});

async function search(page, text) {
  await page.locator('#f-q').fill(text);
  await page.waitForFunction((t) => new URLSearchParams(location.search).get('q') === t, text);
}

async function assertScreenFull(page) {
  const n = await built(page);
  assert.ok(n < PAGE, `${n} cards built for the first screen`);
  const { bottom, height } = await lastBottom(page);
  assert.ok(bottom > height, `the cards reach past the screen (${bottom} of ${height} px)`);
}

test('after a search the screen is full at once and the page fills in as the reader scrolls', async () => {
  const { page, errors, close } = await longList();
  assert.equal(await built(page), PAGE, 'the first page whole');

  await search(page, 'pledge');
  await assertScreenFull(page);

  // Scrolling down builds the rest of the page, and no further.
  for (let i = 0; i < 40 && (await built(page)) < PAGE; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(50);
  }
  assert.equal(await built(page), PAGE);
  const more = page.locator('button.more');
  await more.scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  assert.equal(await built(page), PAGE, 'beyond the page, only on request');

  // "Show more" builds the next page at once, and keeps the focus.
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=card]').length === n, 2 * PAGE);
  assert.ok(await more.evaluate((b) => b === document.activeElement), 'the focus stays on the button');
  assert.deepEqual(errors, []);
  await close();
});

test('a list opened with a search builds a screen full first', async () => {
  const { page, errors, close } = await longList('en/?year=2026&q=pledge');
  await assertScreenFull(page);
  assert.deepEqual(errors, []);
  await close();
});

test('a list changed by the reader prints every card of its page', async () => {
  const { page, errors, close } = await longList();
  await search(page, 'number');
  assert.ok((await built(page)) < PAGE);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=card]').length === n, PAGE);
  assert.deepEqual(errors, []);
  await close();
});

test('a browser without IntersectionObserver builds the whole page after a change', async () => {
  const { page, errors, close } = await longList('en/2026/', { observer: false });
  await search(page, 'pledge');
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=card]').length === n, PAGE);
  assert.equal(await page.locator('button.more').count(), 1, 'the rest a page at a time');
  assert.deepEqual(errors, []);
  await close();
});
