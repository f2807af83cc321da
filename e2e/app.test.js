// The foundation, as a reader meets it: the 2026 list, filters and search,
// deep links, a failed data request and its retry — in a real Chromium
// against the release build, with no console errors anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL, itemPath, scrollUntil } from './harness.js';

const data2026 = JSON.parse(readFileSync(new URL('../public/data/2026.json', import.meta.url)));

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const cardTitles = (page, year) =>
  page.locator(`section[data-year="${year}"] [data-test=card-title]`).allInnerTexts();

test('the 2026 list shows all ten titles, in order, with the count', async () => {
  const { page, errors } = await openPage(browser, '2026/');
  await page.locator('section[data-year="2026"] [data-test=card]').nth(9).waitFor();
  const titles = await cardTitles(page, 2026);
  assert.deepEqual(titles, data2026.items.map((i) => i.title.zh));
  assert.equal(titles.length, 10);
  assert.ok(titles.includes('共推长三角地区医疗机构检查检验结果互认'));
  assert.match(await page.locator('[data-test=count]').innerText(), /10 \/ 10/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.deepEqual(errors, []);
});

test('every year is listed newest first when no year is chosen', async () => {
  const { page, errors } = await openPage(browser, './');
  await page.locator('section[data-year="2024"] [data-test=card]').first().waitFor();
  const years = await page.locator('section.year').evaluateAll((s) => s.map((e) => e.dataset.year));
  assert.deepEqual(years, ['2026', '2025', '2024']);
  // 2024's list is incomplete in the sources, and the page says so.
  assert.ok(await page.locator('section[data-year="2024"] [data-test=incomplete]').isVisible());
  assert.deepEqual(errors, []);
});

test('a theme filter narrows the list and lands in the URL', async () => {
  const { page, errors } = await openPage(browser, '2026/');
  await page.locator('section[data-year="2026"] [data-test=card]').nth(9).waitFor();
  await page.locator('.more-filters > summary').click();
  await page.locator('input[name=theme][value=health]').check();
  await page.waitForFunction(() => document.querySelectorAll('[data-test=card]').length < 10);
  const health = data2026.items.filter((i) => i.themes.includes('health')).map((i) => i.title.zh);
  assert.ok(health.length > 0 && health.length < 10);
  assert.deepEqual(await cardTitles(page, 2026), health);
  assert.match(page.url(), /theme=health/);
  // Reset brings every item back, built as the reader scrolls to it.
  await page.locator('form [data-test=reset]').click();
  await scrollUntil(page, page.locator('section[data-year="2026"] [data-test=card]').nth(9));
  assert.doesNotMatch(page.url(), /theme=/);
  assert.deepEqual(errors, []);
});

test('search finds Chinese and English terms; nothing found says so', async () => {
  const { page, errors } = await openPage(browser, './');
  await page.locator('section[data-year="2024"] [data-test=card]').first().waitFor();
  await page.locator('#f-q').fill('医保');
  await page.waitForFunction(() => decodeURIComponent(location.search).includes('q=医保'));
  const titles = await page.locator('[data-test=card-title]').allInnerTexts();
  assert.ok(titles.length >= 1);
  for (const t of titles) {
    const hit = [2024, 2025, 2026].some((y) => {
      const d = JSON.parse(readFileSync(new URL(`../public/data/${y}.json`, import.meta.url)));
      return d.items.some((i) => i.title.zh === t && JSON.stringify(i).includes('医保'));
    });
    assert.ok(hit, `"${t}" does not mention 医保`);
  }
  assert.match(decodeURIComponent(page.url()), /q=医保/);

  await page.goto(`${BASE_URL}en/`);
  await page.locator('#f-q').fill('sports');
  await page.waitForFunction(() => location.search.includes('q=sports'));
  const en = await page.locator('[data-test=card-title]').allInnerTexts();
  assert.ok(en.length >= 1 && en.every((t) => /sport/i.test(t)), en.join(' | '));

  await page.locator('#f-q').fill('zzzz-no-such-thing');
  await page.locator('[data-test=empty]').waitFor();
  assert.equal(await page.locator('[data-test=card]').count(), 0);
  assert.deepEqual(errors, []);
});

test('a search opened straight after typing is where Back returns', async () => {
  const { page, errors } = await openPage(browser, '2026/');
  await page.locator('section[data-year="2026"] [data-test=card]').nth(9).waitFor();
  // The address follows the typing once it pauses; a pledge opened before
  // then still leaves the typed search behind it in the history.
  await page.locator('#f-q').fill('医保');
  await page.locator('[data-test=card-title] a').first().click();
  await page.locator('[data-test=detail]').waitFor();
  await page.goBack();
  await page.waitForFunction(() => decodeURIComponent(location.search) === '?q=医保');
  assert.equal(await page.inputValue('#f-q'), '医保');
  await page.locator('[data-test=card]').first().waitFor();
  const titles = await cardTitles(page, 2026);
  assert.ok(titles.length >= 1 && titles.length < 10, titles.join(' | '));
  assert.deepEqual(errors, []);
});

test('a deep link opens the item, survives reload, and back returns to the list', async () => {
  const { page, errors } = await openPage(browser, '2026/');
  await page.locator('section[data-year="2026"] [data-test=card]').nth(9).waitFor();
  const item = data2026.items.find((i) => i.id === '2026-06');
  await page.locator('[data-test=card][data-id="2026-06"] [data-test=card-title] a').click();
  await page.locator('[data-test=detail][data-id="2026-06"]').waitFor();
  assert.match(page.url(), /\/2026\/06\/$/);
  assert.equal(await page.locator('[data-test=detail-title]').innerText(), item.title.zh);
  // Every target is shown with its verbatim source sentence.
  const quotes = await page.locator('[data-test=detail] [data-test=quote]').allInnerTexts();
  for (const f of item.targets) assert.ok(quotes.includes(f.quote), f.quote);

  await page.reload();
  await page.locator('[data-test=detail][data-id="2026-06"]').waitFor();
  await page.goBack();
  await page.locator('section[data-year="2026"] [data-test=card]').nth(9).waitFor();
  assert.doesNotMatch(page.url(), /\/06\//);
  await page.goForward();
  await page.locator('[data-test=detail][data-id="2026-06"]').waitFor();
  assert.deepEqual(errors, []);
});

test('linked items lead to each other across years', async () => {
  const linked = data2026.items.find((i) => i.continues?.length);
  assert.ok(linked, 'the 2026 data links at least one item to an earlier one');
  const { page, errors } = await openPage(browser, itemPath(linked.id));
  // Each link shows its reason, as text.
  const reason = await page.locator('[data-test=link-reason]').first().innerText();
  assert.ok(reason.includes(linked.continues[0].reason.zh), reason);
  await page.locator('[data-test=links] a').first().click();
  await page.locator(`[data-test=detail][data-id="${linked.continues[0].item}"]`).waitFor();
  assert.ok(await page.locator(`[data-test=links] a[href*="${itemPath(linked.id)}"]`).count() >= 1);
  assert.deepEqual(errors, []);
});

test('unknown or malformed URL parameters are ignored with a notice', async () => {
  const { page, errors } = await openPage(browser, '?year=2026,1999&status=maybe&colour=red');
  await page.locator('[data-test=notice]').waitFor();
  const text = await page.locator('[data-test=notice]').innerText();
  assert.match(text, /colour/);
  assert.match(text, /maybe/);
  assert.match(text, /1999/);
  await scrollUntil(page, page.locator('section[data-year="2026"] [data-test=card]').nth(9));
  assert.deepEqual(errors, []);
});

test('a failed data request shows the error, and retry recovers', async () => {
  const { page, errors } = await openPage(browser, null);
  let fail = true;
  await page.route('**/data/2026.json', (route) => (fail ? route.fulfill({ status: 503, body: 'down' }) : route.continue()));
  await page.goto(`${BASE_URL}2026/`);
  const error = page.locator('section[data-year="2026"] [data-test=error]');
  await error.waitFor();
  assert.match(await error.innerText(), /503/);
  fail = false;
  await error.locator('[data-test=retry]').click();
  await page.locator('section[data-year="2026"] [data-test=card]').nth(9).waitFor();
  assert.equal(await error.count(), 0);
  // The failed response itself is logged by Chromium as a resource error; that is the only one allowed.
  assert.deepEqual(errors.filter((e) => !/503/.test(e)), []);
});

test('a failed index request shows the error with a working retry', async () => {
  const { page, errors } = await openPage(browser, null);
  let fail = true;
  await page.route('**/data/index.json', (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(`${BASE_URL}en/`);
  await page.locator('[data-test=error]').waitFor();
  fail = false;
  await page.locator('[data-test=retry]').click();
  await page.locator('[data-test=card]').first().waitFor();
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
});
