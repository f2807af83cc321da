// Hostile data: every text the app displays or links is replaced by markup
// and script that would run if any of it were injected as HTML, and every
// source URL by a `javascript:` or other non-web link. Each view must show
// the text as text, run nothing, and link only to http(s) or to itself.
// Also: a panic in the app shows a message with a reload button, not a
// frozen page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL } from './harness.js';
import { watchCsp, watchInjection } from './security.js';

const read = (f) => JSON.parse(readFileSync(new URL(`../public/data/${f}`, import.meta.url), 'utf8'));

/** Markup that leaves a trace in `window.__pwned` if it is ever parsed as HTML (or SVG) and run. */
const PAYLOAD =
  ` <script>window.__pwned.push('script')</script><img src=x onerror="window.__pwned.push('img')">` +
  `"><svg onload="window.__pwned.push('svg')"></svg><a href="javascript:window.__pwned.push('a')">x</a>` +
  `</text><script>window.__pwned.push('svg-text')</script>&lt;&amp;`;

const BAD_URLS = [
  "javascript:window.__pwned.push('url')",
  " JaVaScRiPt:window.__pwned.push('url2')",
  'data:text/html,<script>window.__pwned.push(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/path',
  'https://example.org/"onmouseover="window.__pwned.push(\'attr\')',
];

// Keys whose values are identifiers the app matches on, not text it shows.
const STRUCTURAL = new Set(['id', 'source', 'sources', 'metric', 'themes', 'leads', 'continues', 'item', 'key', 'file', 'archive', 'status', 'cmp', 'scope', 'kind', 'attribution', 'date', 'updated', 'data_version']);

/** `value` with every displayed string made hostile and every URL a non-web one. */
function poison(value, key = '', counter = { n: 0 }) {
  if (typeof value === 'string') {
    if (key === 'url') return BAD_URLS[counter.n++ % BAD_URLS.length];
    if (STRUCTURAL.has(key)) return value;
    return `${value}${PAYLOAD}`;
  }
  if (Array.isArray(value)) return value.map((v) => poison(v, key, counter));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k, counter)]));
  }
  return value;
}

const index = poison(read('index.json'));
// Every source gets a URL, so every kind of bad link is shown somewhere.
index.sources.forEach((s, i) => { s.url = BAD_URLS[i % BAD_URLS.length]; });
// One good link, to show that web links still work.
index.sources[0].url = 'https://example.org/news?a=1&b=<b>';
const year2026 = poison(read('2026.json'));

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

async function hostilePage() {
  // Blocked workers: the first visit's requests all go through the routes.
  const opened = await openPage(browser, null, { contextOptions: { serviceWorkers: 'block' } });
  const { page } = opened;
  await page.route('**/data/index.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(index) }));
  await page.route('**/data/2026.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(year2026) }));
  const injection = await watchInjection(page);
  const csp = await watchCsp(page);
  return { ...opened, injection, csp };
}

/** Nothing injected exists in the DOM of any frame, and every link is web or same-page. */
async function assertInert(page) {
  for (const frame of page.frames()) {
    const found = await frame.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) out.push(`${el.tagName} has ${a.name}`);
        }
      }
      document.querySelectorAll('img[src="x"], body script, iframe[srcdoc], object, embed').forEach((el) => out.push(`injected <${el.tagName.toLowerCase()}>`));
      for (const a of document.querySelectorAll('a[href]')) {
        const raw = a.getAttribute('href');
        const url = new URL(raw, location.href);
        const sameDoc = url.origin === location.origin && url.pathname === location.pathname;
        const web = /^https?:$/.test(url.protocol) && /^https?:\/\//i.test(raw.trim());
        const relative = /^(\?|\.\/|#|[a-z0-9_-]+\/)/i.test(raw) && url.origin === location.origin;
        if (!(web || relative || sameDoc)) out.push(`link to ${raw}`);
        if (/^\/\//.test(raw.trim())) out.push(`protocol-relative link ${raw}`);
      }
      return out;
    });
    assert.deepEqual(found, [], frame.url());
  }
}

const VIEWS = [
  ['list', '2026/', '[data-test=card]', async (page) => {
    await page.locator('section[data-year="2026"] .year-more > summary').click();
    // Built on opening, from a module of its own (the forum, for 2026).
    await page.locator('section[data-year="2026"] .year-more .block').first().waitFor();
    for (const d of await page.locator('details').all()) await d.evaluate((e) => { e.open = true; });
  }],
  ['list in English, searching the hostile text', 'en/2026/?q=script', '[data-test=card] mark'],
  ['detail', '2026/06/', '[data-test=detail]', async (page) => {
    for (const d of await page.locator('details').all()) await d.evaluate((e) => { e.open = true; });
  }],
  ['compare', 'compare/2025-2026/', '[data-test=matrix]'],
  ['metric list', 'en/metric/', '[data-test=metric-list] img.spark'],
  ['metric chart', 'metric/remote-windows/', '[data-test=chart] img', async (page) => {
    for (const d of await page.locator('details').all()) await d.evaluate((e) => { e.open = true; });
  }],
  ['share card', 'en/2026/06/card/', '[data-test=share-card]'],
  // A widget is its pre-rendered page; a search makes the app render it.
  ['embed, searched', 'embed/2026/?q=script', '[data-test=card] mark'],
];

for (const [name, query, ready, act] of VIEWS) {
  test(`hostile data is inert: ${name}`, async () => {
    const { page, errors, injection, csp, close } = await hostilePage();
    await page.goto(`${BASE_URL}${query}`);
    await page.locator(ready).first().waitFor();
    if (act) await act(page);
    await page.waitForLoadState('networkidle');
    // Give anything injected a moment to fire (image errors, load events).
    await page.waitForTimeout(300);

    // The hostile text is on screen as text.
    assert.match(await page.locator('main').innerText(), /<script>window\.__pwned/, 'markup shown literally');
    await assertInert(page);
    assert.deepEqual(await injection.ran(), [], 'nothing ran');
    assert.deepEqual(await csp.violations(), [], 'nothing even tried to run (no CSP report)');
    // Charts stay images that the browser could decode, whatever their labels.
    for (const img of await page.locator('main img').all()) {
      assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), `${await img.getAttribute('alt')} decodes`);
      assert.match(await img.getAttribute('src'), /^data:image\/svg\+xml/);
    }
    assert.deepEqual(errors, []);
    await close();
  });
}

test('a source with a web URL is a link; every other kind is not', async () => {
  const { page, close } = await hostilePage();
  await page.goto(`${BASE_URL}en/2026/06/`);
  await page.locator('[data-test=detail]').waitFor();
  const hrefs = await page.locator('.source-line a[href]:not([data-test=read-in-article])').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 1, 'the https source is linked');
  for (const h of hrefs) assert.match(h, /^https?:\/\//, h);
  // The archived article's page is the site's own, named by a slug only.
  const own = await page.locator('.source-line a[data-test=read-in-article]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const h of own) assert.match(h, /^sources\/[a-z0-9]+(-[a-z0-9]+)*\/(#q[0-9a-f]{16})?$/, h);
  await close();
});

/**
 * A panic cannot be caused from outside without a debug switch the app does
 * not ship, so this test makes the browser fail: `createElement('table')`
 * throws once (as a broken extension or an exhausted page might make it), and
 * the UI library panics on it while drawing the comparison. The panic hook
 * must replace the page with a message and a working reload button, and the
 * reload must come back to the same view.
 */
test('a panic shows a message with a reload button, and reloading returns to the view', async () => {
  const { page, errors, close } = await openPage(browser, null);
  await page.addInitScript(() => {
    if (sessionStorage.getItem('broke-once')) return;
    const create = Document.prototype.createElement;
    Document.prototype.createElement = function (tag, ...rest) {
      if (String(tag).toLowerCase() === 'table' && !sessionStorage.getItem('broke-once')) {
        sessionStorage.setItem('broke-once', '1');
        throw new Error('simulated browser failure');
      }
      return create.call(this, tag, ...rest);
    };
  });
  await page.goto(`${BASE_URL}en/?year=2025,2026`);
  await page.locator('[data-test=card]').first().waitFor();
  await page.locator('nav.tabs a').nth(1).click();

  const panel = page.locator('.panic[role=alert]');
  await panel.waitFor();
  assert.match(await panel.innerText(), /reload/i);
  assert.equal(await page.locator('main').count(), 0, 'the frozen app is gone');
  assert.match(page.url(), /\/compare\/2025-2026\/$/, 'the place is in the URL');
  assert.ok(errors.some((e) => /simulated browser failure|unreachable/.test(e)), errors.join('\n'));

  await Promise.all([page.waitForEvent('load'), panel.locator('button').click()]);
  await page.locator('[data-test=compare] [data-test=matrix]').waitFor();
  assert.match(page.url(), /\/compare\/2025-2026\/$/);
  await close();
});
