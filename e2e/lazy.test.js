// Lazy years, as a phone on a slow network meets them: the first screen
// waits for the index and the one year it shows; the other years load when
// a view shows them (compare, all years) or at idle, never before the first
// screen, and not at all when the reader asks the browser to save data. A
// view that needs a year still on its way says it is loading, then fills in.
//
// The page's own `fetch` calls are observed (never changed) by an init
// script, which notes for each whether the first screen was already up;
// page.route only holds responses back, to show what waits for what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL, scrollUntil } from './harness.js';

const data2026 = JSON.parse(readFileSync(new URL('../public/data/2026.json', import.meta.url)));
const OTHER_YEARS = ['2025', '2024'];

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/**
 * Runs in the page before any of its scripts: every `fetch` and service
 * worker registration is logged with whether `ready()` held at that moment.
 */
const observer = (readySelector, saveData) => `(() => {
  const ready = () => {
    const el = document.querySelector(${JSON.stringify(readySelector)});
    return !!el && !el.closest('[hidden]') && el.getClientRects().length > 0;
  };
  window.__fetches = [];
  const original = window.fetch;
  window.fetch = function (input, init) {
    const url = input instanceof Request ? input.url : String(input);
    window.__fetches.push({ url: new URL(url, location.href).pathname, ready: ready() });
    return original.call(this, input, init);
  };
  window.__swRegisteredWhenReady = null;
  if (navigator.serviceWorker) {
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => {
      window.__swRegisteredWhenReady = ready();
      return register(...args);
    };
  }
  ${saveData ? "Object.defineProperty(navigator, 'connection', { value: { saveData: true } });" : ''}
})();`;

/** A page with `url` opened under the observer, the other years' responses held until `release()`. */
async function openObserved(url, readySelector, { saveData = false, serviceWorkers = 'allow' } = {}) {
  const opened = await openPage(browser, null, { contextOptions: { serviceWorkers, locale: 'zh-CN' } });
  const { page } = opened;
  await page.addInitScript(observer(readySelector, saveData));
  let release;
  const released = new Promise((ok) => { release = ok; });
  const held = [];
  await page.route(/\/data\/(2024|2025)\.json$/, async (route) => {
    held.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });
  await page.goto(new URL(url, BASE_URL).href);
  await page.locator(readySelector).first().waitFor();
  return { ...opened, release, held };
}

const dataFile = (path) => path.replace(/^.*\/data\//, '');
/** The page's data requests so far, each with whether the first screen was up. */
const fetches = async (page) =>
  (await page.evaluate(() => window.__fetches)).filter((f) => f.url.includes('/data/'));

test('?year=2026 shows its list from the index and its own file; compare then loads the rest', async () => {
  const ready = 'section[data-year="2026"] [data-test=card]';
  const { page, errors, release, close } = await openObserved('2026/', ready);
  await page.locator(ready).nth(9).waitFor();
  assert.deepEqual(
    await page.locator('section[data-year="2026"] [data-test=card-title]').allInnerTexts(),
    data2026.items.map((i) => i.title.zh),
  );
  const early = (await fetches(page)).filter((f) => !f.ready).map((f) => dataFile(f.url));
  assert.deepEqual(early.sort(), ['2026.json', 'index.json'], 'before the list is on screen, only the index and 2026');
  // The service worker's install (which downloads every year again) begins
  // only once the first screen is up.
  await page.waitForFunction(() => window.__swRegisteredWhenReady !== null, null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.__swRegisteredWhenReady), true);

  // Comparing needs every year: the view says which are loading, and fills
  // in once they arrive, without a reload.
  await page.locator('nav.tabs a.tab').nth(1).click();
  await page.locator('[data-test=compare]').waitFor();
  const loading = page.locator('[data-test=compare-loading]');
  await loading.waitFor();
  assert.match(await loading.innerText(), /2025/);
  assert.equal(await page.locator('[data-test=matrix]').count(), 0, 'no comparison while a year is missing');
  release();
  await page.locator('[data-test=matrix]').waitFor();
  assert.equal(await loading.count(), 0);
  const columns = await page.locator('[data-test=matrix] thead th[scope=col]').allInnerTexts();
  for (const y of ['2024', '2025', '2026']) assert.ok(columns.some((c) => c.startsWith(y)), `${y} in ${columns}`);
  // Each year was fetched once.
  const all = (await fetches(page)).map((f) => dataFile(f.url)).filter((f) => /^\d{4}\.json$/.test(f));
  assert.deepEqual(all.sort(), ['2024.json', '2025.json', '2026.json']);
  assert.deepEqual(errors, []);
  await close();
});

test('the page asks for each view\'s first years while the WASM downloads', async () => {
  // With the app's module held back, what the page's starter asked for is
  // left in `window.yrdPrefetch` for the app that never comes.
  for (const [query, expected] of [
    ['2025/', ['2025.json']],
    ['2024/x3/', ['2024.json']],
    ['compare/2025-2026/', ['2025.json', '2026.json']],
    ['compare/', ['2024.json', '2025.json', '2026.json']],
    ['metric/remote-windows/', ['2024.json', '2025.json', '2026.json']],
    // The years a query names, where it names any the index lists: a
    // list's newest, a comparison's all; a year's page keeps its own.
    ['?year=2024,2025', ['2025.json']],
    ['compare/?year=2024,2026', ['2024.json', '2026.json']],
    ['2026/?year=2024', ['2026.json']],
    ['?year=1999,2030', ['2026.json']],
  ]) {
    const { page, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
    await page.route(/_bg\.wasm$/, (route) => route.abort());
    await page.goto(new URL(query, BASE_URL).href);
    await page.waitForFunction(() => window.yrdPrefetch);
    assert.deepEqual(
      (await page.evaluate(() => Object.keys(window.yrdPrefetch))).sort(),
      [...expected, 'index.json'].sort(),
      query,
    );
    await close();
  }
});

test('a view with no copy of its own asks for its module beside the main one; a pre-rendered page asks for none before it paints (prerender.test.js checks the app then uses it)', async () => {
  // With the main module refused, only the page can have asked for a part:
  // the app that would ask never starts.
  const file = (url) => new URL(url).pathname.replace(/^.*\//, '').replace(/-[0-9a-f]{16}\.wasm$/, '');
  for (const [query, part] of [
    ['2026/06/?dark=1', 'split_item'],
    ['embed/2026/06/?theme-color=ffb000', null],
    ['embed/metric/remote-windows/', null],
    ['2026/06/card/?dark=1', 'split_card'],
    ['compare/?year=2024,2026', 'split_compare'],
    ['metric/remote-windows/?year=2025,2026', 'split_metric'],
    ['2024/x3/', null],
    ['compare/2025-2026/', null],
    ['2025/', null],
    ['?item=nonsense', null],
  ]) {
    const { page, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
    const asked = [];
    const missing = [];
    page.on('request', (r) => asked.push(file(r.url())));
    page.on('response', (r) => { if (r.status() !== 200) missing.push(`${r.status()} ${r.url()}`); });
    await page.route(/_bg\.wasm$/, (route) => route.abort());
    // On a busy machine a request's event can reach the test after `load`.
    const asking = (name) => page.waitForRequest((r) => file(r.url()).startsWith(name), { timeout: 15_000 }).catch(() => null);
    const partAsked = part && Promise.all([asking(part), asking('chunk_')]);
    await page.goto(new URL(query, BASE_URL).href, { waitUntil: 'load' });
    await partAsked;
    const parts = asked.filter((f) => f.startsWith('split_'));
    assert.deepEqual(parts, part ? [part] : [], query);
    if (part) assert.ok(asked.some((f) => f.startsWith('chunk_')), `${query}: its shared chunks too`);
    else assert.deepEqual(asked.filter((f) => f.startsWith('chunk_')), [], query);
    assert.deepEqual(missing, [], `${query}: every file asked for exists`);
    await close();
  }
});

test('the embed of one pledge is its page: readable with every year held back, and it never starts the app', async () => {
  const { page, errors, release, close } = await openObserved('embed/2026/06/', '#boot .card-title');
  const item = data2026.items.find((i) => i.id === '2026-06');
  assert.match(await page.locator('#boot').innerText(), new RegExp(item.title.zh));
  const wasm = [];
  page.on('request', (r) => { if (/\.wasm$/.test(new URL(r.url()).pathname)) wasm.push(r.url()); });
  release();
  // Once idle, still its page: no module, no data, the copy in place.
  await page.waitForTimeout(2500);
  assert.deepEqual(await page.evaluate(() => window.__fetches), [], 'nothing fetched');
  assert.deepEqual(wasm, []);
  assert.equal(await page.locator('[data-test=card]').count(), 0, 'the app never took over');
  // Nor is the browser sent for the install manifest and its icon: only a
  // running app offers the install (offline.test.js checks that it does).
  assert.equal(await page.locator('link[rel=manifest]').count(), 0, 'no manifest named');
  // Opening a figure's source sentence needs no app either.
  await page.locator('#boot .fig summary').first().click();
  assert.ok(await page.locator('#boot .fig blockquote').first().isVisible());
  await page.waitForTimeout(300);
  assert.deepEqual(wasm, []);
  assert.deepEqual(errors, []);
  await close();
});

test('searching every year loads the other years on demand, even when saving data', async () => {
  const ready = 'section[data-year="2026"] [data-test=card]';
  const { page, errors, release, held, close } = await openObserved('2026/', ready, { saveData: true, serviceWorkers: 'block' });
  // Nothing is fetched ahead for a reader saving data, even once idle.
  await page.waitForTimeout(2500);
  assert.deepEqual(held, [], 'no other year fetched without being asked for');
  assert.deepEqual((await fetches(page)).map((f) => dataFile(f.url)).sort(), ['2026.json', 'index.json']);

  // Unticking the year lists (and searches) every year: the older ones say
  // they are loading, never that they hold nothing.
  await page.locator('input[name=year][value="2026"]').uncheck();
  for (const y of OTHER_YEARS) {
    await page.locator(`section[data-year="${y}"] .loading`).waitFor();
    assert.equal(await page.locator(`section[data-year="${y}"] [data-test=card]`).count(), 0);
  }
  assert.equal(await page.locator('[data-test=empty]').count(), 0, 'no "nothing found" while years are loading');
  assert.doesNotMatch(await page.locator('[data-test=count]').innerText(), /10 \/ 10/);
  release();
  for (const y of OTHER_YEARS) await scrollUntil(page, page.locator(`section[data-year="${y}"] [data-test=card]`).first());
  await page.locator('#f-q').fill('医保');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=card]').length > 0
    && [...document.querySelectorAll('section.year')].every((s) => !s.querySelector('.loading')));
  const years = await page.locator('[data-test=card]').evaluateAll((cs) => [...new Set(cs.map((c) => c.dataset.id.slice(0, 4)))]);
  assert.ok(years.length >= 2, `matches from more than one year: ${years}`);
  assert.deepEqual(errors, []);
  await close();
});

// The page's starter asks for what the first screen needs while the app is
// still downloading, and the app takes those responses instead of asking
// again: a phone on a slow network waits for one round trip less, or two.
test('the data a view opens with is requested while the app downloads, once', async () => {
  for (const [url, ready, year] of [
    ['2025/03/', '[data-test=detail][data-id="2025-03"]', '2025'],
    ['2024/', 'section[data-year="2024"] [data-test=card]', '2024'],
    ['', '[data-test=card]', '2026'],
  ]) {
    const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } });
    const requested = [];
    page.on('request', (r) => { if (r.url().includes('/data/')) requested.push(dataFile(new URL(r.url()).pathname)); });
    // The app's WASM is held until the data was asked for (or 5 s, to fail rather than hang).
    let before = null;
    await page.route('**/*_bg.wasm', async (route) => {
      const until = Date.now() + 5000;
      while (requested.length < 2 && Date.now() < until) await new Promise((ok) => setTimeout(ok, 20));
      before = [...requested];
      await route.continue();
    });
    await page.goto(new URL(url, BASE_URL).href);
    await page.locator(ready).first().waitFor();
    assert.deepEqual(before.sort(), ['index.json', `${year}.json`].sort(), `${url || './'}: asked for before the app arrived`);
    await page.waitForTimeout(300);
    const counts = {};
    for (const f of requested) counts[f] = (counts[f] ?? 0) + 1;
    assert.equal(counts['index.json'], 1, `${url || './'}: the index once: ${requested}`);
    assert.equal(counts[`${year}.json`], 1, `${url || './'}: ${year} once: ${requested}`);
    assert.deepEqual(errors, []);
    await close();
  }
});

// The views other than the list are modules of their own (src/ui/parts.rs).
// One that cannot be fetched costs that view only, says so, and opens once
// it can, without a reload.
test('a view whose module cannot be fetched says so, offers to try again, and opens when it can', async () => {
  const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
  let blocked = true;
  await page.route(/\/split_compare-[0-9a-f]+\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
  await page.goto(new URL('en/', BASE_URL).href);
  await page.locator('[data-test=card]').first().waitFor();
  await page.locator('nav.tabs a').nth(1).click();
  const failed = page.locator('[data-test=part-failed]');
  await failed.waitFor();
  assert.equal(await failed.getAttribute('role'), 'alert');
  assert.match(await failed.innerText(), /could not be loaded/);
  assert.equal(await page.locator('[data-test=card]').count(), 0, 'not the list under another name');

  blocked = false;
  await failed.locator('[data-test=retry]').click();
  await page.locator('[data-test=compare-summary]').first().waitFor();
  assert.equal(await failed.count(), 0);
  // The list is still there on the way back.
  await page.goBack();
  await page.locator('[data-test=card]').first().waitFor();
  // The blocked fetch and the loader's report of it, nothing else (no panic).
  assert.deepEqual(errors.filter((e) => !/split_compare-[0-9a-f]+\.wasm|Failed to fetch/.test(e)), []);
  assert.ok(errors.length > 0, 'the blocked module was asked for');
  await close();
});

// "About this year" is folded away on every list; what it holds (forum,
// outcome, statistics, lists) is a module of its own, built on first
// opening. Blocked, it says so where it would be, and opens once it can.
const data2024 = JSON.parse(readFileSync(new URL('../public/data/2024.json', import.meta.url)));

test('a year\'s "about this year" is built when first opened, from its own module, and says so when that fails', async () => {
  const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
  let blocked = true;
  const asked = [];
  await page.route(/\/split_year_extras-[0-9a-f]+\.wasm$/, (route) => {
    asked.push(route.request().url());
    return blocked ? route.abort() : route.continue();
  });
  await page.goto(new URL('en/2024/', BASE_URL).href);
  const section = page.locator('section[data-year="2024"]');
  await section.locator('[data-test=card]').first().waitFor();
  const more = section.locator('[data-test=year-more]');
  assert.equal(await more.locator('[data-test=stats]').count(), 0, 'nothing built while folded');

  await more.locator(':scope > summary').click();
  const failed = more.locator('[data-test=part-failed]');
  await failed.waitFor();
  assert.equal(await failed.getAttribute('role'), 'alert');
  assert.match(await failed.innerText(), /could not be loaded/);
  assert.ok(asked.length > 0, 'opening asked for the module');

  blocked = false;
  await failed.locator('[data-test=retry]').click();
  const stats = more.locator('[data-test=stats]');
  await stats.waitFor();
  assert.equal(await stats.locator('.stat-area').count(), data2024.stats.length);
  const facts = data2024.stats.reduce((n, a) => n + a.facts.length, 0);
  assert.equal(await stats.locator('.tile').count(), facts);
  assert.equal(await failed.count(), 0);
  // Closed and opened again: still there, not fetched again.
  const before = asked.length;
  await more.locator(':scope > summary').click();
  await more.locator(':scope > summary').click();
  assert.equal(await stats.locator('.stat-area').count(), data2024.stats.length);
  assert.equal(asked.length, before);
  assert.deepEqual(errors.filter((e) => !/split_year_extras-[0-9a-f]+\.wasm|Failed to fetch/.test(e)), []);
  await close();
});

// The embed dialog and the QR encoder are fetched on the first click too
// (src/ui/parts.rs): a reader who never opens them never downloads them,
// and one that cannot be fetched says so where it was asked for.
test('the embed dialog, the QR code and the list exports load on first use, and say so when they cannot', async () => {
  const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  let blocked = true;
  await page.route(/\/split_(embed_dialog|qr|list_export)-[0-9a-f]+\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
  // Save-Data: no fetching at idle, so the first click is the first fetch.
  await page.addInitScript("Object.defineProperty(navigator, 'connection', { value: { saveData: true } });");
  await page.goto(new URL('en/', BASE_URL).href);
  await page.locator('[data-test=card]').first().waitFor();

  const embed = page.locator('.list-head [data-test=embed]');
  await embed.click();
  const embedFailed = page.locator('[data-test=embed-failed]');
  await embedFailed.waitFor();
  assert.equal(await embedFailed.getAttribute('role'), 'alert');
  assert.match(await embedFailed.innerText(), /could not be loaded/);
  assert.equal(await page.locator('[data-test=embed-dialog]').count(), 0);

  const csv = page.locator('.list-head [data-test=download-csv]');
  await csv.click();
  const exportFailed = page.locator('[data-test=export-failed]');
  await exportFailed.waitFor();
  assert.equal(await exportFailed.getAttribute('role'), 'alert');

  const qr = page.locator('.list-head [data-test=qr]');
  await qr.locator('summary').click();
  const qrFailed = qr.locator('[data-test=part-failed]');
  await qrFailed.waitFor();
  assert.equal(await qrFailed.getAttribute('role'), 'alert');

  blocked = false;
  await qrFailed.locator('[data-test=retry]').click();
  await qr.locator('[data-test=qr-img]').waitFor();
  assert.match(await qr.locator('[data-test=qr-img]').getAttribute('src'), /^data:image\/svg\+xml/);
  assert.equal(await qrFailed.count(), 0);

  // The rows on screen, written once the writers are here.
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const rows = [...text.matchAll(/^(\d{4}-[0-9x]+),\d{4},/gm)].map((m) => m[1]);
  const cards = await page.locator('[data-test=card]').evaluateAll((cs) => cs.map((c) => c.dataset.id));
  assert.ok(cards.length >= data2026.items.length);
  assert.deepEqual(rows.sort(), cards.sort(), 'one row per card on screen');
  assert.equal(await exportFailed.count(), 0);

  await embed.click();
  await page.locator('[data-test=embed-dialog]').waitFor();
  assert.equal(await embedFailed.count(), 0, 'the notice goes once the dialog opens');
  for (const part of ['embed_dialog', 'qr', 'list_export']) {
    assert.ok(wasm.some((p) => p.includes(`/split_${part}-`)), `${part} was fetched`);
  }
  assert.deepEqual(errors.filter((e) => !/split_(embed_dialog|qr|list_export)-[0-9a-f]+\.wasm|Failed to fetch/.test(e)), []);
  await close();
});
