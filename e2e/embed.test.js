// Embeds (`embed/…`) as a news page uses them: a host page on another
// origin includes widgets with the loader script (public/embed.js), and the
// widgets report their height with postMessage (EMBEDDING.md). A widget is
// its pre-rendered page: these find it by its classes (the copy keeps no
// `data-test` hooks), and most check that it never asks for the WASM.
// Also the editor's side: the Embed dialog with its snippet, copy button
// and preview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBrowser, openPage, BASE_URL, addTestScript, itemPath } from './harness.js';

const APP = new URL(BASE_URL);
const FIXTURE = readFileSync(fileURLToPath(new URL('./fixtures/embed-host.html', import.meta.url)), 'utf8');
const AXE = fileURLToPath(new URL('./node_modules/axe-core/axe.min.js', import.meta.url));

let browser;
let host; // { server, origin }

before(async () => {
  browser = await startBrowser();
  // The host page's origin differs from the app's in host name and port,
  // as a newsroom's article page would.
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://host');
    const page = url.searchParams.get('page') ?? 'two';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(hostPage(page));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const name = APP.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  host = { server, origin: `http://${name}:${server.address().port}` };
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => host?.server.close(ok));
});

const app = (query) => new URL(query, BASE_URL).href;

/** The fixture with the widgets a test asks for. */
function hostPage(kind) {
  const frame = (id, query, extra = '') =>
    `<iframe id="${id}" src="${escape(app(query))}" title="${id}" loading="lazy" width="100%" height="300" style="width:100%;border:0"${extra}></iframe>`;
  const widgets = {
    two:
      frame('w-item', 'embed/2026/06/?dark=1&theme-color=ffb000', ' data-yrd-pledges') +
      '<p>Between the widgets.</p>' +
      frame('w-chart', 'en/embed/metric/remote-windows/?theme-color=8a2be2', ' data-yrd-pledges name="chart-widget"') +
      // A frame that is not a widget, to forge messages from.
      '<iframe id="other" srcdoc="<p>other</p>" title="other" height="50"></iframe>',
    // A plain iframe with a fixed height and no loader.
    fixed: frame('w-fixed', 'en/embed/2026/', ' height="400"').replace('height="300" ', ''),
    one: frame('w-item', 'embed/2026/06/', ' data-yrd-pledges'),
    chart: frame('w-chart', 'en/embed/metric/remote-windows/', ' data-yrd-pledges'),
  };
  const loader = kind === 'fixed' ? '' : `<script src="${escape(app('embed.js'))}" defer></script>`;
  return FIXTURE.replace('{{WIDGETS}}', widgets[kind]).replace('{{LOADER}}', loader);
}

function escape(s) {
  return s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

/** Polls `fn` until it returns a truthy value; fails naming `what` (text or a function giving it) after `ms`. */
async function until(fn, what, ms = 15000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      assert.fail(`timed out waiting for ${typeof what === 'function' ? what() : what} (last: ${last})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens the host page and records every message that reaches its window. */
async function openHost(kind, viewport = { width: 720, height: 1400 }) {
  const opened = await openPage(browser, null, { contextOptions: { viewport } });
  await opened.page.addInitScript(() => {
    window.__messages = [];
    window.addEventListener('message', (e) => {
      const from = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
      window.__messages.push({ origin: e.origin, frame: from?.id ?? null, data: e.data });
    });
  });
  opened.wasm = [];
  opened.page.on('request', (r) => {
    if (/\.wasm$/.test(new URL(r.url()).pathname)) opened.wasm.push(r.url());
  });
  await opened.page.goto(`${host.origin}/?page=${kind}`);
  return opened;
}

async function frameOf(page, id) {
  return until(async () => (await page.$(`#${id}`))?.contentFrame(), `the frame #${id}`);
}

/** The iframe's height on the host, and its content's height inside. */
async function heights(page, frame, id) {
  const outer = await page.$eval(`#${id}`, (f) => f.getBoundingClientRect().height);
  const inner = await frame.evaluate(() => {
    const root = document.documentElement;
    return {
      content: Math.ceil(root.getBoundingClientRect().height),
      scrolls: root.scrollHeight > root.clientHeight,
    };
  });
  return { outer, ...inner };
}

/** Waits until the iframe is exactly as tall as its content, with no inner scrollbar. */
async function fitted(page, frame, id) {
  let h;
  await until(async () => {
    h = await heights(page, frame, id);
    return h.outer === h.content && !h.scrolls;
  }, () => `#${id} to fit its content (${JSON.stringify(h)})`);
  return h;
}

test('two widgets on another origin grow to their content, follow it, and link to the full view', async () => {
  const { page, errors, wasm, close } = await openHost('two');
  const item = await frameOf(page, 'w-item');
  const chart = await frameOf(page, 'w-chart');
  await item.waitForSelector('.card-title');
  await chart.waitForSelector('.chart img');
  const history = await page.evaluate(() => history.length);

  // Both grow from the 300 px they start with to their content's height.
  const itemH = await fitted(page, item, 'w-item');
  const chartH = await fitted(page, chart, 'w-chart');
  assert.ok(itemH.outer > 300, `the item widget grew (${itemH.outer})`);
  assert.ok(chartH.outer > 300, `the chart widget grew (${chartH.outer})`);

  // No navigation chrome; the source line and the full-view link instead.
  for (const f of [item, chart]) {
    assert.equal(await f.locator('header.top, nav.tabs, form.filters').count(), 0);
    assert.equal(await f.locator('.crumbs').first().isVisible(), false, 'crumbs are hidden at the widget root');
    assert.ok(await f.locator('.embed-source').isVisible());
  }
  const itemLink = item.locator('.embed-links a[target="_blank"]');
  const href = (link) => link.evaluate((a) => a.href);
  assert.equal(await href(itemLink), app('2026/06/'));
  assert.equal(await href(chart.locator('.embed-links a[target="_blank"]')), app('en/metric/remote-windows/'));
  // The card's title opens the full pledge too, and so does a chart's
  // pledge: a widget never steps away from what the editor placed.
  assert.equal(await item.locator('.card-title a').getAttribute('target'), '_blank');
  assert.equal(await href(item.locator('.card-title a')), app('2026/06/'));
  const pledge = chart.locator('table a').first();
  assert.equal(await pledge.getAttribute('target'), '_blank');
  assert.doesNotMatch(await href(pledge), /\/embed\//);
  const [popup] = await Promise.all([page.waitForEvent('popup'), itemLink.click()]);
  await popup.waitForLoadState('domcontentloaded');
  assert.equal(popup.url(), app('2026/06/'), 'the full view opens in a new tab');
  await popup.close();

  // Language switched inside the widget: new text, new height, still
  // fitted, the host's styling kept, and no entry in the host's history.
  const titleZh = await item.locator('.card-title').innerText();
  await item.locator('.embed-lang').click();
  await until(async () => (await item.evaluate(() => document.documentElement.lang)) === 'en', 'English');
  await until(async () => (await item.locator('.card-title').innerText()) !== titleZh, 'the English title');
  await fitted(page, item, 'w-item');
  assert.equal(await href(itemLink), app('en/2026/06/'));
  assert.equal(item.url(), app('en/embed/2026/06/?dark=1&theme-color=ffb000'));
  assert.equal(await page.evaluate(() => history.length), history, 'the host page’s history is untouched');

  // A narrower column makes the content taller, a wider one shorter again:
  // the frame follows both ways.
  const wide = (await fitted(page, item, 'w-item')).outer;
  await page.evaluate(() => (document.querySelector('.col').style.width = '320px'));
  const narrow = await until(async () => {
    const h = await heights(page, item, 'w-item');
    return h.outer > wide && h.outer === h.content && !h.scrolls && h;
  }, 'the widget to grow in a narrow column');
  await page.evaluate(() => (document.querySelector('.col').style.width = ''));
  await until(async () => {
    const h = await heights(page, item, 'w-item');
    return h.outer < narrow.outer && h.outer === h.content && !h.scrolls;
  }, 'the widget to shrink back in a wide column');
  await fitted(page, chart, 'w-chart');

  // What the widgets sent: resize messages from the app's origin, nothing else.
  const messages = await page.evaluate(() => window.__messages);
  const fromWidgets = messages.filter((m) => m.frame === 'w-item' || m.frame === 'w-chart');
  assert.ok(fromWidgets.length >= 2);
  for (const m of fromWidgets) {
    assert.equal(m.origin, APP.origin);
    assert.equal(m.data.type, 'yrd-pledges:resize');
    assert.equal(typeof m.data.height, 'number');
    assert.deepEqual(Object.keys(m.data).filter((k) => !['type', 'height', 'id'].includes(k)), []);
    // A frame named in the host's HTML is named back, for hosts with their own listener.
    assert.equal(m.data.id, m.frame === 'w-chart' ? 'chart-widget' : undefined);
  }
  assert.deepEqual(wasm, [], 'no widget asked for the app’s WASM');
  assert.deepEqual(errors, []);
  await close();
});

test('dark and accent parameters style the widget; a bad accent is ignored or made readable', async () => {
  const { page, errors, wasm, close } = await openHost('two');
  const item = await frameOf(page, 'w-item');
  const chart = await frameOf(page, 'w-chart');
  await item.waitForSelector('.card-title');
  await chart.waitForSelector('.chart img');

  const look = (f) =>
    f.evaluate(() => {
      const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
      return {
        body: css('body', 'backgroundColor'),
        app: css('.app', 'backgroundColor'),
        link: css('.embed-links a[target]', 'color'),
        button: css('.embed-lang', 'borderTopColor'),
        scheme: css('html', 'colorScheme'),
      };
    });
  const dark = await look(item);
  assert.equal(dark.body, 'rgb(17, 20, 24)', 'dark=1: the page behind the app is dark too');
  assert.equal(dark.app, 'rgb(17, 20, 24)');
  assert.equal(dark.scheme, 'dark');
  assert.equal(dark.link, 'rgb(255, 176, 0)', 'the accent colours links');
  assert.equal(dark.button, 'rgb(255, 176, 0)', 'and buttons');

  const light = await look(chart);
  assert.equal(light.body, 'rgb(255, 255, 255)');
  assert.equal(light.link, 'rgb(138, 43, 226)');
  assert.deepEqual(wasm, [], 'styled without the app');
  await close();

  // Yellow on white is unreadable: the accent is darkened until it is.
  const yellow = await openPage(browser, 'en/embed/2026/06/?theme-color=ff0');
  await yellow.page.waitForSelector('.card-title');
  const rgb = await yellow.page.$eval('.embed-links a[target]', (a) => getComputedStyle(a).color);
  const channels = rgb.match(/\d+/g).map(Number);
  assert.notDeepEqual(channels, [255, 255, 0]);
  assert.ok(contrast(channels, [244, 246, 248]) >= 4.5, `${rgb} is readable on the page`);
  await yellow.close();

  // Not a colour: ignored, with the usual notice (the app starts to say so).
  const bad = await openPage(browser, 'en/embed/2026/06/?theme-color=red;x:expression(1)');
  await bad.page.waitForSelector('[data-test="card"]');
  assert.equal(await bad.page.$eval('[data-test="full-view"]', (a) => getComputedStyle(a).color), 'rgb(11, 92, 171)');
  assert.match(await bad.page.locator('.notice').innerText(), /theme-color/);
  assert.deepEqual([...errors, ...yellow.errors, ...bad.errors], []);
  await bad.close();
});

test('a chart widget is dark on a dark page and light on a light one, from the same image', async () => {
  // The pixel in the chart's top left corner: its background.
  const corner = async (path, colorScheme) => {
    const opened = await openPage(browser, path, { contextOptions: { colorScheme } });
    const img = opened.page.locator('.chart img');
    await img.waitFor();
    const seen = await img.evaluate(async (i) => {
      await i.decode();
      const c = document.createElement('canvas');
      c.width = i.naturalWidth;
      c.height = i.naturalHeight;
      const x = c.getContext('2d');
      x.drawImage(i, 0, 0);
      return { pixel: [...x.getImageData(2, 2, 1, 1).data.slice(0, 3)], src: i.src };
    });
    assert.deepEqual(opened.errors, []);
    await opened.close();
    return seen;
  };
  const dark = await corner('en/embed/metric/remote-windows/?dark=1', 'light');
  const light = await corner('en/embed/metric/remote-windows/', 'dark');
  const app = await corner('en/metric/remote-windows/', 'dark');
  assert.deepEqual(dark.pixel, [17, 20, 24], 'dark=1 on a light system');
  assert.deepEqual(light.pixel, [255, 255, 255], 'a widget stays light on a dark system');
  assert.deepEqual(app.pixel, [17, 20, 24], 'the full view follows the system');
  assert.equal(dark.src, light.src, 'one image for both');
});

function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('messages posted to a widget, or forged to the host, change nothing', async () => {
  const { page, errors, close } = await openHost('two');
  const item = await frameOf(page, 'w-item');
  await item.waitForSelector('.card-title');
  const before = await fitted(page, item, 'w-item');
  const otherHeight = await page.$eval('#other', (f) => f.getBoundingClientRect().height);
  const snapshot = () =>
    item.evaluate(() => ({ url: location.href, text: document.body.innerText, lang: document.documentElement.lang }));
  const was = await snapshot();

  await page.evaluate(() => {
    const w = document.getElementById('w-item').contentWindow;
    for (const m of [
      { type: 'yrd-pledges:resize', height: 10 },
      { type: 'yrd-pledges:navigate', query: 'en/2026/01/' },
      { lang: 'en', dark: false, item: '2026-01' },
      'en/2026/01/',
      'yrd-pledges:resize',
    ]) {
      w.postMessage(m, '*');
    }
    // Forged resize messages to the host, from itself and (below) from a
    // frame that is not a widget: the loader trusts only a widget's own frame.
    window.postMessage({ type: 'yrd-pledges:resize', height: 7 }, '*');
  });
  const other = await frameOf(page, 'other');
  await other.evaluate(() => parent.postMessage({ type: 'yrd-pledges:resize', height: 11, id: 'yrd-pledges-1' }, '*'));
  await new Promise((r) => setTimeout(r, 800));

  assert.deepEqual(await snapshot(), was, 'the widget did not react');
  const after = await heights(page, item, 'w-item');
  assert.equal(after.outer, before.outer, 'no forged height was applied');
  assert.equal(await page.$eval('#w-chart', (f) => f.getBoundingClientRect().height > 100), true);
  assert.equal(await page.$eval('#other', (f) => f.getBoundingClientRect().height), otherHeight);
  assert.deepEqual(errors, []);
  await close();
});

test('a fixed-height iframe without the loader still shows the widget, scrolling inside', async () => {
  const { page, errors, close } = await openHost('fixed');
  const item = await frameOf(page, 'w-fixed');
  await item.waitForSelector('.card-title');
  assert.ok(await item.locator('.card-title').first().isVisible());
  assert.equal(await page.$eval('#w-fixed', (f) => f.getBoundingClientRect().height), 400);
  assert.ok(
    await item.evaluate(() => document.documentElement.scrollHeight > document.documentElement.clientHeight),
    'taller content scrolls inside the frame',
  );
  await item.locator('.embed-links a[target]').scrollIntoViewIfNeeded();
  assert.ok(await item.locator('.embed-links a[target]').isVisible());
  assert.deepEqual(errors, []);
  await close();
});

/** Bytes of `url` as sent with `accept-encoding: gzip` (what the budget counts). */
function gzipBytes(url) {
  return new Promise((ok, fail) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let n = 0;
        res.on('data', (c) => (n += c.length));
        res.on('end', () => ok(n));
      })
      .on('error', fail);
  });
}

// DESIGN.md, Budgets: the main WASM module, gzip (the first load's total
// is printed beside it); an item or chart embed, everything it loads until
// its reader interacts.
const MAIN_MODULE_BUDGET = 230 * 1024;
const EMBED_BUDGET = 25 * 1024;

/**
 * Loads `url` in a host frame (or as the page itself) with every year file
 * but `year` held back, waits for `ready` and returns what had arrived by
 * then, or, given `settleMs`, by that long after it with no interaction.
 */
async function criticalLoad(kind, frameId, ready, year, settleMs = 0) {
  const opened = await openPage(browser, null, { contextOptions: { viewport: { width: 720, height: 1400 } } });
  const { page } = opened;
  const held = [];
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/\/data\/\d{4}\.json$/, async (route) => {
    if (route.request().url().endsWith(`/${year}.json`)) return route.continue();
    held.push(route.request().url());
    await gate;
    await route.continue().catch(() => {});
  });
  const loaded = [];
  page.on('requestfinished', (r) => {
    if (r.url().startsWith(APP.origin)) loaded.push(r.url());
  });
  // When the content first showed, by the page's clock: what was requested
  // after it (other views' modules fetched at idle) is not first load. A
  // MutationObserver notes it as it happens; polling on animation frames
  // noted it late when the browser throttled an embed's frames, and the
  // idle prefetch then counted as first load (341 KB once in 8 runs).
  await page.addInitScript((sel) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(sel)) {
        window.__shownAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, ready);
  await page.goto(kind ? `${host.origin}/?page=${kind}` : app(frameId));
  const target = kind ? await frameOf(page, frameId) : page;
  const shownAt = await (await target.waitForFunction(() => window.__shownAt)).jsonValue();
  assert.ok(await target.locator(ready).first().isVisible());
  if (settleMs) await page.waitForTimeout(settleMs);
  const until = settleMs ? Infinity : shownAt;
  const early = new Set(await target.evaluate((t) => performance.getEntriesByType('resource').filter((e) => e.startTime <= t).map((e) => e.name), until));
  const arrived = [...new Set(loaded)].filter((u) => early.has(u) || u === target.url());
  release();
  return { ...opened, held, arrived };
}

test('an item embed is readable from its page alone, before the app or any year arrives', async (t) => {
  // The pre-rendered pledge's card.
  const embed = await criticalLoad('one', 'w-item', '.card-title', 2026);
  const files = embed.arrived.map((u) => new URL(u).pathname.replace(/^.*\//, ''));
  for (const f of files) {
    assert.match(f, /^(|index\.html|embed\.js)$/, `unexpected request before the content showed: ${f}`);
  }
  const embedBytes = (await Promise.all(embed.arrived.filter((u) => !u.endsWith('/embed.js')).map(gzipBytes))).reduce((a, b) => a + b, 0);
  await embed.close();
  assert.ok(embedBytes <= 20 * 1024, `${(embedBytes / 1024).toFixed(1)} KB gzip before readable`);

  // The full app's own first screen, measured the same way.
  const full = await criticalLoad(null, '2026/', '.card-title', 2026);
  const fullBytes = (await Promise.all(full.arrived.map(gzipBytes))).reduce((a, b) => a + b, 0);
  await full.close();
  t.diagnostic(`before readable: item embed ${(embedBytes / 1024).toFixed(1)} KB gzip; a year's list ${(fullBytes / 1024).toFixed(1)} KB`);
});

test('an item or chart embed loads at most 25 KB gzip until its reader interacts', async (t) => {
  for (const [kind, id, ready] of [['one', 'w-item', '.card-title'], ['chart', 'w-chart', '.chart img']]) {
    const embed = await criticalLoad(kind, id, ready, 2026, 3000);
    const counted = embed.arrived.filter((u) => !u.endsWith('/embed.js'));
    const bytes = (await Promise.all(counted.map(gzipBytes))).reduce((a, b) => a + b, 0);
    await embed.close();
    t.diagnostic(`${kind === 'one' ? 'item' : 'chart'} embed, its first 3 s: ${(bytes / 1024).toFixed(1)} KB gzip of ${EMBED_BUDGET / 1024} KB (${counted.length} files)`);
    assert.deepEqual(counted.filter((u) => /\.(wasm|js)$/.test(new URL(u).pathname)), [], 'no app code');
    assert.ok(bytes <= EMBED_BUDGET, `${(bytes / 1024).toFixed(1)} KB gzip > ${EMBED_BUDGET / 1024} KB`);
  }
});

test('every item embed fits the height its snippet reserves, from 320 px wide, in both languages', async (t) => {
  const RESERVED = 640; // `default_height` in src/ui/embed.rs, EMBEDDING.md
  const opened = await openPage(browser, null, { contextOptions: { viewport: { width: 320, height: 800 } } });
  const { page } = opened;
  await page.goto(app('embed/'));
  const ids = await page.evaluate(async () => {
    const index = await (await fetch('data/index.json')).json();
    const years = await Promise.all(index.years.map(async (y) => (await fetch(`data/${y.file}`)).json()));
    return years.flatMap((y) => y.items.map((i) => i.id));
  });
  assert.ok(ids.length >= 20, `${ids.length} items`);
  let tallest = { height: 0 };
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 800 });
    for (const lang of ['', 'en/']) {
      for (const id of ids) {
        await page.goto(app(`${lang}embed/${itemPath(id)}`));
        const m = await page.evaluate(() => ({
          height: Math.ceil(document.documentElement.getBoundingClientRect().height),
          wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
          card: !!document.querySelector('.card-title'),
        }));
        assert.ok(m.card, `${lang}${id}: the card shows`);
        assert.ok(!m.wide, `${lang}${id} at ${width} px scrolls sideways`);
        assert.ok(m.height <= RESERVED, `${lang}${id} at ${width} px is ${m.height} px tall (reserved ${RESERVED})`);
        if (m.height > tallest.height) tallest = { height: m.height, id: `${lang}${id}`, width };
      }
    }
  }
  t.diagnostic(`tallest item embed: ${tallest.id} at ${tallest.width} px, ${tallest.height} px of ${RESERVED}`);
  assert.deepEqual(opened.errors, []);
  await opened.close();
});

test('the main WASM module stays within DESIGN.md’s 230 KB gzip', async (t) => {
  // The app starts after the pre-rendered page has painted.
  const full = await criticalLoad(null, '', '.card-title', 2026, 3000);
  const modules = full.arrived.filter((u) => /\/yrd-pledges-[0-9a-f]+_bg\.wasm$/.test(u));
  const total = (await Promise.all(full.arrived.map(gzipBytes))).reduce((a, b) => a + b, 0);
  await full.close();
  assert.equal(modules.length, 1, `the page loads one main module: ${full.arrived}`);
  const bytes = await gzipBytes(modules[0]);
  t.diagnostic(`main module: ${(bytes / 1024).toFixed(1)} KB gzip of ${MAIN_MODULE_BUDGET / 1024} KB; the default view's first 3 s ${(total / 1024).toFixed(1)} KB`);
  assert.ok(bytes <= MAIN_MODULE_BUDGET, `${(bytes / 1024).toFixed(1)} KB gzip > ${MAIN_MODULE_BUDGET / 1024} KB`);
});

test('the Embed dialog: snippet, copy, live preview, accessible and closable', async () => {
  const { page, errors, context, close } = await openPage(browser, '2026/?theme=health', {
    contextOptions: { viewport: { width: 900, height: 1000 } },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP.origin });
  await page.waitForSelector('[data-test="card"]');
  const button = page.locator('.list-head [data-test="embed"]');
  await button.click();
  const dialog = page.locator('[data-test="embed-dialog"]');
  await dialog.waitFor();
  assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true, 'a modal dialog');
  assert.equal(await dialog.evaluate((d) => d.contains(document.activeElement)), true, 'focus moved into it');
  const labelled = await dialog.getAttribute('aria-labelledby');
  assert.ok(await page.locator(`#${labelled}`).innerText());

  const code = dialog.locator('[data-test="embed-code"]');
  assert.equal(await code.getAttribute('readonly'), '');
  const snippet = await code.inputValue();
  const src = app('embed/2026/?theme=health');
  assert.ok(snippet.includes(`src="${escape(src)}"`), snippet);
  assert.match(snippet, /title="长三角实事：2026 年度 · [^"]+"/);
  assert.match(snippet, / loading="lazy"/);
  assert.match(snippet, / width="100%"/);
  assert.match(snippet, / data-yrd-pledges/);
  assert.ok(snippet.includes(`<script src="${app('embed.js')}" defer></script>`), snippet);
  // The snippet is real HTML: parsed, it gives the iframe and the script.
  // Parsed in a blank page: documents from DOMParser inherit the app's CSP,
  // which would report the snippet's style attribute as refused.
  const scratch = await page.context().newPage();
  const parsed = await scratch.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const f = doc.querySelector('iframe[data-yrd-pledges]');
    return { src: f?.getAttribute('src'), script: doc.querySelector('script')?.getAttribute('src') };
  }, snippet);
  await scratch.close();
  assert.deepEqual(parsed, { src, script: app('embed.js') });

  const preview = dialog.locator('[data-test="embed-preview"]');
  assert.equal(await preview.getAttribute('src'), src);
  const previewFrame = await (await preview.elementHandle()).contentFrame();
  await previewFrame.waitForSelector('[data-test="card"]');

  // Options change the snippet and the preview together.
  await dialog.locator('[data-test="embed-dark"]').check();
  await dialog.locator('[data-test="embed-lang-select"]').selectOption('en');
  const darkSrc = app('en/embed/2026/?theme=health&dark=1');
  await until(async () => (await preview.getAttribute('src')) === darkSrc, 'the preview to follow the options');
  assert.ok((await code.inputValue()).includes(escape(darkSrc)));
  assert.match(await code.inputValue(), /title="YRD Pledges: 2026 · /);

  await dialog.locator('[data-test="embed-copy"]').click();
  await until(async () => (await dialog.locator('[data-test="embed-copy-status"]').innerText()).length > 0, 'the copy message');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await code.inputValue());

  await addTestScript(page, AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector('[data-test="embed-dialog"]'));
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
  });
  assert.deepEqual(violations, []);

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await button.evaluate((b) => b === document.activeElement), true, 'focus returns to the button');

  // A card's snippet embeds that one pledge, without the list's filters.
  const card = page.locator('[data-test="card"]').first();
  const id = await card.getAttribute('data-id');
  await card.locator('[data-test="embed"]').click();
  const cardCode = await page.locator('[data-test="embed-dialog"] [data-test="embed-code"]').inputValue();
  assert.ok(cardCode.includes(`src="${escape(app(`embed/${itemPath(id)}`))}"`), cardCode);
  await page.locator('[data-test="embed-close"]').click();
  await page.locator('[data-test="embed-dialog"]').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await close();
});

test('the comparison and a chart have their Embed action too', async () => {
  for (const [query, expected] of [
    ['en/compare/2025-2026/', 'en/embed/compare/2025-2026/'],
    ['en/metric/remote-windows/', 'en/embed/metric/remote-windows/'],
  ]) {
    const { page, errors, close } = await openPage(browser, query);
    await page.locator('[data-test="embed"]').first().click();
    const code = await page.locator('[data-test="embed-code"]').inputValue();
    assert.ok(code.includes(`src="${escape(app(expected))}"`), code);
    assert.deepEqual(errors, []);
    await close();
  }
});

test('the loader is tiny and dependency-free', async () => {
  const res = await fetch(app('embed.js'));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /javascript/);
  const text = await res.text();
  assert.ok(text.length < 1536, `${text.length} bytes`);
  assert.doesNotMatch(text, /\bimport\b|\brequire\(|https?:\/\//);
});
