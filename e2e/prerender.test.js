// The page carries the default view, rendered at build time by the app's
// own components (pages/): every year's list is readable before the WASM
// has loaded, without it, and without script at all; it is what the app
// shows at that URL; and when the app takes over, nothing on screen moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL, itemPath } from './harness.js';

const read = (file) => JSON.parse(readFileSync(new URL(`../public/data/${file}`, import.meta.url)));
const data2026 = read('2026.json');
const titles2026 = data2026.items.map((i) => i.title.zh);
// Every listed year, newest first, as the default view lists them.
const years = read('index.json').years.toSorted((a, b) => b.year - a.year);
const allTitles = years.flatMap((y) => read(y.file).items.map((i) => i.title.zh));

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('without the WASM every year\'s list is on screen, in order, with working links', async () => {
  const { page, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } });
  const blocked = [];
  await page.route('**/*.wasm', (route) => { blocked.push(route.request().url()); return route.abort(); });
  await page.goto(BASE_URL);
  const titles = page.locator('#boot .card-title a');
  await titles.nth(9).waitFor();
  // The app asks for its module a while after the load; it is refused.
  await page.waitForEvent('requestfailed', (r) => new URL(r.url()).pathname.endsWith('.wasm'));
  assert.ok(blocked.length >= 1, 'the app really was kept from loading');
  assert.deepEqual(await titles.allInnerTexts(), allTitles);
  assert.equal(await page.locator('#boot .boot-loading').isVisible(), false, 'no "Loading…" over the list');
  for (let i = 0; i < 10; i++) assert.ok(await titles.nth(i).isVisible(), titles2026[i]);
  // Readable, not just present: each title is laid out at a normal size.
  const box = await titles.first().boundingBox();
  assert.ok(box.width > 100 && box.height > 10, JSON.stringify(box));
  assert.equal(await titles.first().getAttribute('href'), itemPath(data2026.items[0].id));
  // The lead units and the first figure's sentence are there too.
  const first = data2026.items[0];
  assert.ok((await page.locator('#boot .card').first().innerText()).includes(first.lead_text.zh.slice(0, 10)));
  await close();
});

test('the page arrives whole before the app downloads, with no stylesheet to wait for', async () => {
  const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } });
  await page.goto(BASE_URL);
  await page.locator('[data-test=card]').first().waitFor();
  const t = await page.evaluate(() => ({
    page: performance.getEntriesByType('navigation')[0].responseEnd,
    wasm: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('_bg.wasm')).map((e) => e.startTime),
    css: performance.getEntriesByType('resource').filter((e) => /\.css(\?|$)/.test(e.name)).length,
    links: document.querySelectorAll('link[rel=stylesheet], link[rel=preload], link[rel=modulepreload]').length,
  }));
  assert.equal(t.wasm.length, 1, 'the app was downloaded once');
  // (Not compared with first-contentful-paint: headless Chromium reports
  // that when the frame is presented, well after the page has painted.)
  assert.ok(t.wasm[0] >= t.page, `the download started (${t.wasm[0]} ms) after the page had arrived (${t.page} ms)`);
  assert.equal(t.css, 0, 'no stylesheet request: the styles are in the page');
  assert.equal(t.links, 0, 'no preload competes with the page for the network');
  assert.deepEqual(errors, []);
  await close();
});

test('a view with no page of its own starts the app\'s downloads as the page arrives, and downloads each once', async () => {
  const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  // Two years that do not follow each other: the comparison's page, with
  // the years in its query, which the copy (every year) is not.
  await page.goto(new URL('compare/?year=2024,2026', BASE_URL).href);
  await page.locator('[data-test=matrix]').waitFor();
  // Chromium warns of a preload left unused a few seconds after the load.
  await page.waitForTimeout(3500);
  const t = await page.evaluate(() => {
    const name = (href) => new URL(href).pathname.replace(/^.*\//, '');
    const downloads = performance.getEntriesByType('resource').map((e) => name(e.name));
    return {
      preloads: [...document.querySelectorAll('link[rel=preload], link[rel=modulepreload]')].map((l) => `${l.rel} ${name(l.href)}`),
      downloads,
    };
  });
  const kind = (p) => p.replace(/-[0-9a-f]{16}(_bg\.wasm|\.js|\.wasm)$/, '$1');
  const preloads = t.preloads.map(kind);
  // The app's JS and WASM, and the comparison's module with its chunks.
  assert.ok(preloads.includes('modulepreload yrd-pledges.js'), preloads.join(' | '));
  assert.ok(preloads.includes('preload yrd-pledges_bg.wasm'), preloads.join(' | '));
  assert.ok(preloads.includes('preload split_compare.wasm'), preloads.join(' | '));
  assert.ok(!preloads.some((p) => /split_(?!compare)/.test(p)), 'no other view\'s module');
  // Each preloaded file was then taken by the request it was made for.
  for (const p of t.preloads) {
    const file = p.split(' ')[1];
    assert.equal(t.downloads.filter((d) => d === file).length, 1, `${file}: one download`);
  }
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], 'no "preloaded but not used"');
  assert.deepEqual(errors, []);
  await close();
});

test('with no script at all the list and a note about what needs it are shown', async () => {
  const { page, close } = await openPage(browser, BASE_URL, { contextOptions: { javaScriptEnabled: false } });
  const titles = page.locator('#boot .card-title a');
  assert.deepEqual(await titles.allInnerTexts(), allTitles);
  assert.ok(await titles.first().isVisible());
  assert.ok(await titles.last().isVisible(), 'the oldest year too');
  const note = page.locator('.noscript');
  assert.ok(await note.isVisible());
  // In the page's language, with the raw data a click away.
  assert.match(await note.innerText(), /无需 JavaScript/);
  assert.doesNotMatch(await note.innerText(), /[a-z]{3,} [a-z]{3,}/);
  assert.equal(await note.locator('a').getAttribute('href'), 'data/index.json');
  await close();
});

test('a URL with a search never shows the unfiltered copy', async () => {
  const { page, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(new URL('?q=%E5%8C%BB%E4%BF%9D', BASE_URL).href);
  assert.equal(await page.locator('#boot .card-title').count(), allTitles.length, 'the copy is in the page');
  assert.equal(await page.locator('#boot .card-title').first().isVisible(), false, 'but not shown');
  // A neutral line is painted instead while the app loads; the app never
  // comes here, and the page says so in place of that line.
  await page.locator('#boot .boot-failed').waitFor();
  assert.equal(await page.locator('#boot .boot-loading').isVisible(), false);
  await close();
});

test('when the app cannot be downloaded the page says so, in both languages, with a way to reload', async () => {
  for (const [url, listShown] of [['2025/01/', false], ['', true]]) {
    const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } });
    await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
    await page.goto(new URL(url, BASE_URL).href);
    const alert = page.locator('#boot .boot-failed[role=alert]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /应用未能加载/, url);
    assert.match(await alert.locator('[lang=en]').innerText(), /The app could not load/, url);
    const reload = alert.locator('a');
    assert.equal(await reload.getAttribute('href'), new URL(url, BASE_URL).href, 'the link reloads this very view');
    assert.equal(await page.locator('#boot .boot-loading').isVisible(), false, `${url}: no endless "Loading…"`);
    assert.equal(await page.locator('#boot .card-title a').first().isVisible(), listShown, `${url}: the pre-rendered list stays readable where it was shown`);
    // One message, however the failure surfaced; the error names the cause for developers.
    assert.equal(await page.locator('.boot-failed').count(), 1);
    assert.ok(errors.some((e) => e.includes('the app could not start')), errors.join('\n'));
    // Reloading with the network back brings the app.
    await page.unroute('**/*.wasm');
    await reload.click();
    await page.locator(listShown ? '[data-test=card]' : '[data-test=detail-title]').first().waitFor();
    assert.equal(await page.locator('.boot-failed').count(), 0);
    await close();
  }
});

test('a page stays in its language; a stored choice sends the reader to the other before anything paints', async () => {
  // A browser in English, no choice made: the Chinese page, its copy shown,
  // with the way to English offered.
  const { page, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block', locale: 'en-US' } });
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(new URL('2026/06/', BASE_URL).href);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.ok(await page.locator('#boot .detail h2, #boot h2').first().isVisible());
  assert.equal(await page.locator('#boot a.lang-switch').getAttribute('href'), 'en/2026/06/');
  // The reader chose English once: every page in Chinese sends them on.
  await page.evaluate(() => localStorage.setItem('yrd-pledges:lang', 'en'));
  const painted = [];
  await page.exposeFunction('__painted', (lang) => painted.push(lang));
  await page.addInitScript(() => new PerformanceObserver((l) => {
    if (l.getEntries().length) window.__painted?.(document.documentElement.lang);
  }).observe({ type: 'paint', buffered: true }));
  await page.goto(new URL('2026/06/?x=1#main', BASE_URL).href);
  await page.waitForURL(/\/en\/2026\/06\//);
  assert.equal(new URL(page.url()).pathname.replace(/^.*?\/en\//, 'en/'), 'en/2026/06/');
  assert.match(page.url(), /\?x=1#main$/, 'the query and fragment go along');
  await page.waitForTimeout(300);
  assert.ok(!painted.includes('zh-CN'), `nothing painted in Chinese first: ${painted}`);
  // And back: the choice of Chinese sends an English page to its Chinese one.
  await page.evaluate(() => localStorage.setItem('yrd-pledges:lang', 'zh'));
  await page.goto(new URL('en/compare/', BASE_URL).href);
  await page.waitForURL((u) => new URL(u).pathname.endsWith('/compare/') && !/\/en\//.test(u.href ?? u));
  // An embed keeps the language its code chose.
  await page.goto(new URL('en/embed/2026/06/', BASE_URL).href);
  assert.match(page.url(), /\/en\/embed\/2026\/06\/$/);
  await close();
});

test('the pre-rendered page reads as the app does at that URL', async () => {
  const options = { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } };
  const before = await openPage(browser, null, options);
  await before.page.route('**/*.wasm', (route) => route.abort());
  await before.page.goto(BASE_URL);
  const copy = await before.page.locator('#boot .app').innerText();
  await before.close();

  const { page, errors, close } = await openPage(browser, null, options);
  await page.goto(BASE_URL);
  await page.locator('#boot').waitFor({ state: 'detached' });
  const app = await page.locator('.app').innerText();
  assert.ok(app.includes(allTitles.at(-1)), 'every year is in');
  assert.equal(app, copy);
  assert.deepEqual(errors, []);
  await close();
});

/** Init script: sums layout shifts (as CLS does, without recent input) into window.__cls. */
const CLS_OBSERVER = `(() => {
  window.__cls = 0;
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__cls += e.value;
      window.__shifts.push({ value: e.value, at: Math.round(e.startTime),
        sources: (e.sources || []).map((s) => s.node && s.node.nodeName + '.' + (s.node.className || '')) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

for (const [name, viewport, locale] of [
  ['phone', { width: 360, height: 640 }, 'zh-CN'],
  ['desktop', { width: 1280, height: 800 }, 'zh-CN'],
  ['phone, English reader', { width: 360, height: 640 }, 'en-US'],
]) {
  test(`the app takes over the pre-rendered list without a visible jump (${name})`, async () => {
    const { page, errors, close } = await openPage(browser, null, {
      contextOptions: { serviceWorkers: 'block', locale, viewport },
    });
    await page.addInitScript(CLS_OBSERVER);
    await page.goto(BASE_URL);
    // The app's own list, every year in, and the copy gone.
    await page.locator('section[data-year="2026"] [data-test=card]').nth(9).waitFor();
    await page.locator('section[data-year="2024"] [data-test=card]').first().waitFor();
    assert.equal(await page.locator('#boot').count(), 0);
    await page.waitForTimeout(500);
    const { cls, shifts } = await page.evaluate(() => ({ cls: window.__cls, shifts: window.__shifts }));
    console.log(`# CLS across the takeover (${name} ${viewport.width}x${viewport.height}): ${cls.toFixed(4)}`
      + (shifts.length ? ` ${JSON.stringify(shifts)}` : ''));
    assert.ok(cls <= 0.02, `cumulative layout shift ${cls} > 0.02: ${JSON.stringify(shifts)}`);
    assert.deepEqual(errors, []);
    await close();
  });
}

// A chart is drawn at a few sizes (the same in the build and the app) and
// the browser shows the one for its window: the app taking over shows the
// very image the page showed, at the same place and size.
for (const width of [320, 412, 640, 1280]) {
  test(`a chart is the same image in the page and in the app (${width} px window)`, async () => {
    const url = new URL('en/metric/cross-province-services/', BASE_URL).href;
    const contextOptions = { serviceWorkers: 'block', viewport: { width, height: 900 } };
    const shown = (img) => img.evaluate((i) => {
      const r = i.getBoundingClientRect();
      return { src: i.currentSrc, box: [r.x, r.y, r.width, r.height].map(Math.round) };
    });
    const copy = await openPage(browser, null, { contextOptions });
    // The app held back (not refused, which would put a notice above).
    await copy.page.route('**/*.wasm', () => {});
    await copy.page.goto(url);
    const before = await shown(copy.page.locator('#boot figure.chart img'));
    await copy.close();
    const app = await openPage(browser, null, { contextOptions });
    await app.page.addInitScript(CLS_OBSERVER);
    await app.page.goto(url);
    const img = app.page.locator('[data-test=chart] img');
    await img.waitFor();
    await app.page.waitForFunction(() => document.querySelector('[data-test=chart] img').complete);
    const after = await shown(img);
    assert.match(before.src, /^data:image\/svg\+xml/);
    assert.ok(before.src === after.src, `the same chart (${before.src.length} and ${after.src.length} characters)`);
    assert.deepEqual(after.box, before.box);
    // Drawn at about the size it is shown: labels neither shrink nor swell.
    const drawn = Number(/viewBox%3D%220%200%20(\d+)/.exec(after.src)[1]);
    const scale = after.box[2] / drawn;
    assert.ok(scale > 0.8 && scale < 1.35, `drawn ${drawn} px wide, shown ${after.box[2]}`);
    assert.ok(await app.page.evaluate(() => window.__cls) <= 0.01);
    assert.deepEqual([...app.errors], []);
    await app.close();
  });
}

test('a page written from older data: the app shows what it holds now, and says so', async () => {
  const { page, errors, close } = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } });
  const serve = (file, change) => {
    const json = read(file);
    change(json);
    return page.route(`**/data/${file}`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(json) }));
  };
  // The page was written from the shipped data; the server now has newer.
  await serve('index.json', (index) => { index.data_version = 'newer-than-the-page'; });
  await serve('2026.json', (year) => { year.items.find((i) => i.id === '2026-06').title.zh = '此后更新的标题'; });
  await page.goto(new URL('2026/06/', BASE_URL).href);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.version), read('index.json').data_version, 'the page names its data');
  await page.locator('[data-test=data-refreshed]').waitFor();
  assert.match(await page.locator('[data-test=data-refreshed]').innerText(), /数据已有更新/);
  assert.equal(await page.locator('[data-test=detail-title]').innerText(), '此后更新的标题');
  await close();

  // Data as the page was written: no notice.
  const same = await openPage(browser, '2026/06/', { contextOptions: { serviceWorkers: 'block', locale: 'zh-CN' } });
  await same.page.locator('[data-test=detail-title]').waitFor();
  await same.page.waitForTimeout(300);
  assert.equal(await same.page.locator('[data-test=data-refreshed]').count(), 0);
  assert.deepEqual([...errors, ...same.errors], []);
  await same.close();
});
