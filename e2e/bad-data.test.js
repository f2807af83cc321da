// Bad, newer and extreme data, as a reader would meet it: a year file that is
// missing, cut off, not JSON, of the wrong shape, with duplicate ids, of
// another year or written for a newer app shows a message naming the
// problem for that year only, and every other year still works; data from a
// newer app with unknown fields and values is shown, unknown values as
// "other"; very long texts, 500 items, empty lists and long numbers keep the
// layout on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL, itemPath } from './harness.js';

const read = (f) => readFileSync(new URL(`../public/data/${f}`, import.meta.url), 'utf8');
const INDEX = JSON.parse(read('index.json'));
const TEXT_2026 = read('2026.json');
const Y2026 = JSON.parse(TEXT_2026);
const OTHER_YEARS = INDEX.years.map((y) => y.year).filter((y) => y !== 2026);

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** A page whose `data/<file>` answers are replaced; workers blocked so every request is routed. */
async function withData(files, query, { width = 1280 } = {}) {
  const opened = await openPage(browser, null, {
    contextOptions: { serviceWorkers: 'block', viewport: { width, height: 800 } },
  });
  for (const [file, answer] of Object.entries(files)) {
    await opened.page.route(`**/data/${file}`, (route) =>
      typeof answer === 'function' ? answer(route) : route.fulfill({ contentType: 'application/json', body: answer }),
    );
  }
  await opened.page.goto(`${BASE_URL}${query}`);
  return opened;
}

const json = (v) => JSON.stringify(v);
const withItems = (items, extra = {}) => json({ ...Y2026, ...extra, items });

const FAULTS = [
  ['missing (404)', (r) => r.fulfill({ status: 404, body: 'Not Found' }), /HTTP 404/, 'retry'],
  ['cut off mid-way', TEXT_2026.slice(0, Math.floor(TEXT_2026.length / 2)), /incomplete|cut off/i, 'retry'],
  ['empty', '', /incomplete|cut off/i, 'retry'],
  ['not JSON (an HTML error page)', '<!doctype html><h1>502 Bad Gateway</h1>', /not valid JSON \(line 1/, 'retry'],
  ['the wrong shape', json({ schema: 1, year: 2026, items: 'ten' }), /expected structure/, 'retry'],
  ['an array, not an object', json([Y2026]), /expected structure/, 'retry'],
  ['duplicate ids', withItems([...Y2026.items, { ...Y2026.items[0], title: { zh: '重复' } }]), new RegExp(`duplicate id ${Y2026.items[0].id}`), 'retry'],
  ['another year', json({ ...Y2026, year: 2019 }), /expected 2026, found 2019/, 'retry'],
  // The browser reads 1e999 as Infinity; no infinity may reach a chart.
  ['holding a number beyond a double', TEXT_2026.replace(/"value": *[0-9.]+/, '"value": 1e999'), /too large to use/, 'retry'],
  ['written for a newer app (schema 2)', json({ ...Y2026, schema: 2, items: undefined, entries: [] }), /newer version of the app\. Please reload/, 'reload'],
];

for (const [name, answer, message, action] of FAULTS) {
  test(`a 2026 file that is ${name}: that year says so, the other years work`, async () => {
    const { page, errors, close } = await withData({ '2026.json': answer }, 'en/');
    const error = page.locator('section[data-year="2026"] [data-test=error]');
    await error.waitFor();
    assert.match(await error.innerText(), message);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(await error.locator(`[data-test=${action}]`).count(), 1, `offers ${action}`);
    for (const y of OTHER_YEARS) await page.locator(`section[data-year="${y}"] [data-test=card]`).first().waitFor();
    assert.equal(await page.locator('section[data-year="2026"] [data-test=card]').count(), 0);

    // The other views carry on with the years they have, and name the one missing.
    await page.goto(`${BASE_URL}en/compare/2025-2026/`);
    await page.locator('[data-test=compare] .error').filter({ hasText: '2026' }).waitFor();
    await page.locator('[data-test=compare] [data-test=matrix]').waitFor();
    await page.goto(`${BASE_URL}en/metric/remote-windows/`);
    await page.locator('[data-test=chart] img').waitFor();
    await page.goto(`${BASE_URL}en/2026/01/`);
    await page.locator('[data-test=error]').filter({ hasText: message }).waitFor();
    // The share card too: the failure and its way out, not "loading" for ever.
    await page.goto(`${BASE_URL}en/2026/01/card/`);
    await page.locator('[data-test=error]').filter({ hasText: message }).locator(`[data-test=${action}]`).waitFor();
    await page.goto(`${BASE_URL}en/${itemPath(Y2026.items[0].continues?.[0]?.item ?? '2025-01')}`);
    await page.locator('[data-test=detail]').waitFor();

    // Only the failed request itself may be logged (Chromium reports a 404).
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    await close();
  });
}

test('a broken index: the whole page says so and offers a retry', async () => {
  for (const [body, message, action] of [
    ['{"schema":1,"years":[', /incomplete|cut off/i, 'retry'],
    [json({ ...INDEX, schema: 2 }), /Please reload/, 'reload'],
    [json({ ...INDEX, years: [] }), /lists no years/, 'retry'],
  ]) {
    const { page, errors, close } = await withData({ 'index.json': body }, 'en/');
    const error = page.locator('[data-test=error]');
    await error.waitFor();
    assert.match(await error.innerText(), message);
    assert.equal(await error.locator(`[data-test=${action}]`).count(), 1);
    assert.deepEqual(errors, []);
    await close();
  }
});

test('data from a newer app: unknown fields are ignored, unknown values shown as "other"', async () => {
  const [first, ...rest] = Y2026.items;
  const newer = {
    ...Y2026,
    colour: 'red',
    items: [
      {
        ...first,
        status: 'paused',
        themes: ['space-travel', ...first.themes],
        badge: { glow: true },
        targets: first.targets.map((f) => ({ ...f, metric: 'unknown-metric', cmp: 'roughly', scope: 'lifetime', kind: 'forecast', hue: 3 })),
      },
      ...rest,
    ],
  };
  const { page, errors, close } = await withData({ '2026.json': json(newer) }, 'en/2026/');
  const card = page.locator(`[data-test=card][data-id="${first.id}"]`);
  await card.waitFor();
  assert.equal(await card.locator('[data-test=status]').innerText(), 'Other');
  assert.ok((await card.locator('.tag').allInnerTexts()).includes('Other'), 'the unknown theme');
  assert.equal(await page.locator('section[data-year="2026"] [data-test=card]').count(), Y2026.items.length);
  await page.goto(`${BASE_URL}en/${itemPath(first.id)}`);
  await page.locator('[data-test=detail] [data-test=figure]').first().waitFor();
  await page.goto(`${BASE_URL}en/metric/`);
  await page.locator('[data-test=metric-list] img.spark').first().waitFor();
  assert.equal(await page.locator('[data-test=error]').count(), 0);
  assert.deepEqual(errors, []);
  await close();
});

/** Horizontal overflow of the page: what a reader would have to scroll sideways. */
const sideways = (page) =>
  page.evaluate(() => {
    const over = [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      // Wide tables scroll inside their own wrapper, by design.
      .filter((e) => !e.closest('.table-wrap'))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth, over: over.slice(0, 5) };
  });

test('extreme content keeps the layout on a 360 px phone', async () => {
  const long = '长'.repeat(300) + 'Supercalifragilistic'.repeat(20) + 'https://example.org/' + 'a'.repeat(200);
  const digits = 123456789012345678901234567890;
  const template = Y2026.items.find((i) => i.targets.length) ?? Y2026.items[0];
  const items = Array.from({ length: 500 }, (_, n) => ({
    ...template,
    id: `2026-${n < 99 ? String(n + 1).padStart(2, '0') : `x${n}`}`,
    number: n + 1,
    title: { zh: n === 0 ? long : `${template.title.zh} ${n}`, en: n === 0 ? long : `Item ${n}` },
    content: { zh: long, en: long },
    lead_text: { zh: long, en: long },
    continues: [],
    targets: (template.targets ?? []).map((f) => ({ ...f, value: digits, value_text: String(digits), label: { zh: long, en: long }, unit: { zh: '个'.repeat(40), en: 'units'.repeat(20) } })),
  }));
  const huge = json({ ...Y2026, items_published: 500, items, list_title: { zh: long, en: long } });
  const empty = json({ ...JSON.parse(read('2025.json')), items: [], progress: [], figures: [], stats: [] });
  const { page, errors, close } = await withData({ '2026.json': huge, '2025.json': empty }, 'en/', { width: 360 });
  await page.locator('section[data-year="2026"] [data-test=card]').first().waitFor();
  const total = 500 + JSON.parse(read('2024.json')).items.length;
  // The older years load once the first screen is up; then the count is whole.
  await page.locator('[data-test=count]').filter({ hasText: new RegExp(`${total} of ${total}`) }).waitFor();
  // Long lists come in pages, with a way to the rest.
  assert.ok((await page.locator('[data-test=card]').count()) < 500);
  assert.equal(await page.locator('button.more').count(), 1);
  // The emptied year is there, and honest about having no items.
  await page.locator('section[data-year="2025"] [data-test=incomplete]').waitFor();
  assert.equal(await page.locator('section[data-year="2025"] [data-test=card]').count(), 0);
  assert.deepEqual(await sideways(page), { scroll: 0, over: [] }, 'list');

  for (const [view, ready] of [
    ['en/2026/01/', '[data-test=detail]'],
    ['2026/01/', '[data-test=detail]'],
    ['en/compare/?year=2024,2025,2026', '[data-test=matrix]'],
    ['en/metric/remote-windows/', '[data-test=metric]'],
    ['2026/01/card/', '[data-test=share-card]'],
  ]) {
    await page.goto(`${BASE_URL}${view}`);
    await page.locator(ready).first().waitFor();
    for (const d of await page.locator('details').all()) await d.evaluate((e) => { e.open = true; });
    assert.deepEqual(await sideways(page), { scroll: 0, over: [] }, view);
  }
  assert.deepEqual(errors, []);
  await close();
});
