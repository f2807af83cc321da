// Offline-first, as a reader meets it: Chromium finds the app installable;
// after one visit every view works with the server gone; a new release is
// announced and taken in only when the reader presses "Reload", after which
// nothing of the old release is left; data changed on the server reaches the
// next visit; and where service workers are refused the app simply works
// online.
//
// The tests that stop the server or change what it serves start their own
// `cargo xtask serve --no-build` on a copy of dist/, so the shared server
// and dist/ are never touched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startBrowser, openPage, BASE_URL, SUBPATH_URL, CHROME_PATH, CHROME_ARGS, itemPath } from './harness.js';
import { untilControlled, servedVersion, hashedAssets, mainWasm, newRelease } from './sw-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const index = JSON.parse(readFileSync(join(DIST, 'data', 'index.json'), 'utf8'));
const yearFiles = index.years.map((y) => `data/${y.file}`);
const firstItem = (year) =>
  JSON.parse(readFileSync(join(DIST, 'data', index.years.find((y) => y.year === year).file), 'utf8')).items[0].id;
const newest = Math.max(...index.years.map((y) => y.year));
const oldest = Math.min(...index.years.map((y) => y.year));

let browser;
const cleanups = [];
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  for (const f of cleanups.reverse()) await f().catch(() => {});
  await browser?.close();
});

/** The version the build stamped into a folder's sw.js. */
function versionOf(dir) {
  const m = readFileSync(join(dir, 'sw.js'), 'utf8').match(/\/\*BUILD\*\/\{"version":"([0-9a-f]{16})"/);
  assert.ok(m, `${dir}/sw.js carries a build version (was the release built with \`cargo xtask build\`?)`);
  return m[1];
}

/** A copy of dist/ that a test may change and serve; removed at the end. */
function siteCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-offline-'));
  cpSync(DIST, dir, { recursive: true });
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Serves `dir` with the project's own server; `stop()` takes it away. */
async function serve(dir, base = '/', port = 0) {
  const child = spawn('cargo', ['xtask', 'serve', '--no-build', '--dir', dir, '--port', `${port}`, '--base', base], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
    // Its own group, so stopping it also stops the server cargo started.
    detached: true,
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return Promise.resolve();
    stopped = true;
    return new Promise((resolve) => {
      child.once('exit', resolve);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  };
  cleanups.push(stop);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`xtask serve did not start: ${out}`)), 180_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/\S*)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`xtask serve exited (${code}): ${out}`)));
  });
  return { url, stop };
}

/** Every cache of the origin, with the URLs each holds. */
function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    }
    return out;
  });
}

const cards = (page, year) => page.locator(`section[data-year="${year}"] [data-test=card]`).first().waitFor();

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  assert.deepEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47], 'a PNG signature');
  return [view.getUint32(16), view.getUint32(20)];
}

/**
 * A page in a browser with a real profile: Chromium never offers to install
 * from an incognito context, which is what `browser.newContext()` gives.
 */
async function openInProfile(url) {
  const profile = mkdtempSync(join(tmpdir(), 'yrd-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    args: CHROME_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('console', (msg) => msg.type() === 'error' && errors.push(`console.error: ${msg.text()}`));
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return {
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

test('Chromium reports the app installable, at the root and under a sub-path', async () => {
  for (const url of [BASE_URL, SUBPATH_URL].filter(Boolean)) {
    const { page, errors, close } = await openInProfile(url);
    await untilControlled(page);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], `installable at ${url}`);

    const manifest = await cdp.send('Page.getAppManifest');
    assert.equal(manifest.url, new URL('manifest.webmanifest', url).href);
    assert.deepEqual(manifest.errors, []);
    const m = JSON.parse(manifest.data);
    assert.match(m.name, /\p{Script=Han}/u, 'a Chinese name');
    assert.match(m.short_name, /^\p{Script=Han}+$/u, 'a Chinese short name');
    assert.match(m.description, /Yangtze River Delta/, 'English in the description');
    assert.equal(m.display, 'standalone');
    // Relative, so one build installs correctly under any sub-path.
    assert.equal(m.start_url, './');
    assert.equal(m.scope, './');
    assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
    assert.match(m.background_color, /^#[0-9a-f]{6}$/i);
    const icons = m.icons.map((i) => `${i.sizes} ${i.purpose}`);
    for (const want of ['192x192 any', '512x512 any', '512x512 maskable']) {
      assert.ok(icons.includes(want), `an icon ${want}: ${icons}`);
    }
    for (const icon of m.icons) {
      const r = await fetch(new URL(icon.src, manifest.url));
      assert.equal(r.status, 200, icon.src);
      assert.equal(r.headers.get('content-type'), 'image/png');
      const [w, h] = pngSize(new Uint8Array(await r.arrayBuffer()));
      assert.equal(`${w}x${h}`, icon.sizes, `${icon.src} is as large as it says`);
    }
    // The worker's scope is the page's folder, whatever the sub-path.
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope), url);
    assert.deepEqual(errors, []);
    await close();
  }
});

test('after one visit, every view renders from the cache with the server gone', async () => {
  // Under a sub-path, to show the worker and its cache need no root.
  const server = await serve(DIST, '/pledges/offline/');
  const { page, errors, context, close } = await openPage(browser, `${server.url}${newest}/`);
  await cards(page, newest);
  await untilControlled(page);

  // Installing stored the page, the hashed assets and every listed year.
  const caches = Object.values(await cacheContents(page));
  assert.equal(caches.length, 1, 'one cache');
  const stored = caches[0].map((u) => new URL(u).pathname.replace('/pledges/offline/', ''));
  for (const f of ['index.html', 'data/index.json', ...yearFiles, ...hashedAssets(DIST), 'manifest.webmanifest']) {
    assert.ok(stored.includes(f), `${f} is precached: ${stored}`);
  }

  await server.stop();
  const down = await fetch(server.url).then(
    () => false,
    () => true,
  );
  assert.ok(down, 'the server is gone');

  // The page visited, from the cache.
  await page.reload();
  await cards(page, newest);
  // Any other path of the app, never visited: the root's page renders it
  // from the cached data.
  await page.goto(`${server.url}${oldest}/`);
  await cards(page, oldest);
  // In-app navigation to a detail view.
  await page.locator(`section[data-year="${oldest}"] [data-test=card-title] a`).first().click();
  await page.locator('[data-test=detail]').waitFor();
  // A detail view by its link of the first contract, sent on to its path.
  const item = firstItem(newest);
  await page.goto(`${server.url}?item=${item}&lang=en`);
  await page.locator(`[data-test=detail][data-id="${item}"]`).waitFor();
  assert.equal(page.url(), `${server.url}en/${itemPath(item)}`);
  // The remote-windows chart, drawn from the cached data.
  await page.goto(`${server.url}metric/remote-windows/`);
  const chart = page.locator('[data-test=metric] [data-test=chart] img');
  await chart.waitFor();
  assert.match(await chart.getAttribute('src'), /^data:image\/svg\+xml/);
  // The comparison across years.
  await page.goto(`${server.url}compare/?year=${oldest},${newest}`);
  await page.locator('[data-test=compare] [data-test=matrix]').waitFor();
  assert.equal(await page.locator('[data-test=error]').count(), 0, 'no view failed to load its data');

  // The reader is told they are offline, and that saved content works.
  await context.setOffline(true);
  const banner = page.locator('[data-test=offline]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /离线|offline/i);
  assert.equal(await page.locator('[data-test=offline-missing]').count(), 0, 'nothing is missing');
  await context.setOffline(false);
  await banner.waitFor({ state: 'detached' });

  // Chromium reports failed network requests as console errors; the point
  // here is that the page itself had none.
  assert.deepEqual(errors, []);
  await close();
});

test('each quote opens its sentence in the archived article, highlighted, offline too', async () => {
  const server = await serve(DIST, '/pledges/sources/');
  const item = firstItem(newest);
  const { page, errors, close } = await openPage(browser, `${server.url}${itemPath(item)}`);
  await page.locator(`[data-test=detail][data-id="${item}"]`).waitFor();
  await untilControlled(page);
  await server.stop();

  // Each quote on the pledge's page, with where its link leads.
  // (The pledge's list of sources links each article too, at its top.)
  const links = await page.locator('[data-test=read-in-article]').evaluateAll((ls) =>
    ls.filter((l) => l.hash).map((l) => ({ href: l.href, quote: l.closest('p.src').previousElementSibling?.textContent ?? '' })));
  assert.ok(links.length >= 3, `the pledge's quotes link to their article: ${links.length}`);
  const squash = (s) => s.replace(/\s+/g, '');
  // The first by a tap, as a reader would; every one by its address.
  const fig = page.locator('details.fig').first();
  if (!(await fig.evaluate((d) => d.open))) await fig.locator('summary').click();
  await fig.locator('[data-test=read-in-article]').click();
  for (const [i, { href, quote }] of links.entries()) {
    if (i > 0) await page.goto(href);
    await page.waitForURL(href);
    assert.ok(squash(quote).length > 0, `${href}: the link stands under its quote`);
    const target = page.locator('.sentence:target, .sentence:has(> .anchor:target)');
    assert.equal(await target.count(), 1, href);
    // The sentence the quote starts in, highlighted, and on screen.
    assert.ok(squash(await target.innerText()).includes(squash(quote).slice(0, 8)), `${href}: ${quote}`);
    assert.equal(await target.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 229, 138)');
    assert.ok(await target.isVisible());
    const box = await target.boundingBox();
    const height = page.viewportSize().height;
    assert.ok(box.y >= 0 && box.y < height, `${href}: the sentence is on screen (${box.y} of ${height})`);
    assert.equal(await page.locator('script').count(), 0, 'the article page runs nothing');
  }
  // And back to the lists, from the cache.
  await page.locator('.source-article a[href="../../"]').click();
  await page.locator('[data-test=card]').first().waitFor();

  // Every quote's link, on every pledge's page and in every year's
  // "about this year", still offline: its article holds the anchor, on the
  // sentence the quote starts in.
  const checked = new Set();
  const checkAll = async (where) => {
    const bad = await page.evaluate(async (done) => {
      const squash = (s) => s.replace(/\s+/g, '');
      const out = [];
      for (const a of document.querySelectorAll('[data-test=read-in-article]')) {
        if (!a.hash || done.includes(a.href)) continue;
        done.push(a.href);
        const quote = squash(a.closest('p.src').previousElementSibling?.textContent ?? '');
        const html = await (await fetch(a.href)).text();
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const sentence = doc.getElementById(a.hash.slice(1))?.closest('.sentence');
        if (!sentence || !squash(sentence.textContent).includes(quote.slice(0, 8))) out.push(`${a.href}: ${quote}`);
      }
      return { out, done };
    }, [...checked]);
    bad.done.forEach((h) => checked.add(h));
    assert.deepEqual(bad.out, [], where);
  };
  const ids = index.years.flatMap((y) =>
    JSON.parse(readFileSync(join(DIST, 'data', y.file), 'utf8')).items.map((i) => i.id));
  for (const id of ids) {
    await page.goto(`${server.url}${itemPath(id)}`);
    await page.locator(`[data-test=detail][data-id="${id}"]`).waitFor();
    await checkAll(id);
  }
  for (const { year } of index.years) {
    await page.goto(`${server.url}${year}/`);
    const more = page.locator(`section[data-year="${year}"] [data-test=year-more]`);
    await more.locator('summary').click();
    await more.locator('[data-test=read-in-article]').first().waitFor();
    await checkAll(`${year}: about this year`);
  }
  console.log(`# quote links checked offline: ${checked.size}`);
  assert.ok(checked.size >= 50, `${checked.size} quote links`);
  assert.deepEqual(errors, []);
  await close();
});

test('what the device has not saved is named offline, and loads when the connection returns', async () => {
  const server = await serve(DIST);
  const { page, errors, context, close } = await openPage(browser, `${server.url}${oldest}/`);
  await cards(page, oldest);
  await untilControlled(page);
  // As if this year had been added to the index after the last visit.
  const missing = index.years.find((y) => y.year === oldest).file;
  const removed = await page.evaluate(async (file) => {
    const [name] = await caches.keys();
    return (await caches.open(name)).delete(new URL(`data/${file}`, document.baseURI).href);
  }, missing);
  assert.ok(removed);
  await server.stop();
  await context.setOffline(true);

  await page.reload();
  const named = page.locator('[data-test=offline] [data-test=offline-missing]');
  await named.waitFor();
  assert.match(await named.innerText(), new RegExp(`${oldest}`));
  assert.equal(await page.locator(`section[data-year="${oldest}"] [data-test=card]`).count(), 0);

  // Back online: the missing year loads by itself, and nothing else moves.
  const again = await serve(DIST, '/', new URL(server.url).port);
  assert.equal(again.url, server.url);
  await page.evaluate(() => {
    window.__stillTheSamePage = true;
  });
  await context.setOffline(false);
  await cards(page, oldest);
  await page.locator('[data-test=offline]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.__stillTheSamePage), true, 'no reload');
  // The one failed request is the year that was genuinely not there.
  assert.deepEqual(errors.filter((e) => !e.includes(missing)), []);
  await close();
});


test('a new release is announced, taken in only on "Reload", and leaves nothing of the old one', async () => {
  const site = siteCopy();
  const server = await serve(site);
  const oldVersion = versionOf(site);
  const oldAssets = hashedAssets(site);
  const { page, errors, close } = await openPage(browser, `${server.url}${newest}/`);
  await cards(page, newest);
  await untilControlled(page);
  assert.equal(await servedVersion(page), oldVersion);
  assert.equal(await page.locator('[data-test=update]').count(), 0, 'no notice on the first visit');
  await page.evaluate(() => {
    window.__stillTheSamePage = true;
  });

  newRelease(site);
  const newVersion = versionOf(site);
  assert.notEqual(newVersion, oldVersion, 'a changed build has a new version');
  const newAssets = hashedAssets(site);

  // The reader comes back to the tab; the app asks the server for news.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  const notice = page.locator('[data-test=update]');
  await notice.waitFor({ timeout: 30_000 });
  assert.match(await notice.innerText(), /新版本|new version/i);
  assert.equal(await page.locator('[data-test=pwa-status]').getAttribute('role'), 'status');
  // It never reloads by itself, and reading goes on meanwhile.
  await page.waitForTimeout(2000);
  assert.equal(await page.evaluate(() => window.__stillTheSamePage), true, 'the page did not reload by itself');
  await page.locator(`section[data-year="${newest}"] [data-test=card-title] a`).first().click();
  await page.locator('[data-test=detail]').waitFor();
  await page.goBack();
  await cards(page, newest);
  assert.equal(await page.evaluate(() => window.__stillTheSamePage), true, 'in-app navigation, no reload');
  assert.ok(await notice.isVisible(), 'the notice stays until the reader acts');

  await Promise.all([page.waitForEvent('load'), page.locator('[data-test=update-reload]').click()]);
  await cards(page, newest);
  assert.equal(await page.evaluate(() => window.__stillTheSamePage), undefined, 'reloaded');
  assert.equal(await servedVersion(page), newVersion);

  const all = await cacheContents(page);
  const names = Object.keys(all);
  assert.equal(names.length, 1, `only one cache is left: ${names}`);
  assert.ok(names[0].endsWith(newVersion), `the new version's cache: ${names[0]}`);
  const held = all[names[0]].join('\n');
  // The views' own modules arrive at idle, once the list is painted.
  await page.waitForFunction(
    (names) => names.every((n) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(n))),
    newAssets,
    { timeout: 15_000 },
  ).catch(() => {});
  const used = await page.evaluate(() =>
    [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ].map((e) => e.name).join('\n'),
  );
  for (const name of newAssets) {
    assert.ok(held.includes(name), `${name} is cached`);
    assert.ok(used.includes(name), `${name} is in use`);
  }
  for (const name of oldAssets) {
    assert.ok(!held.includes(name), `${name} (old) is not cached`);
    assert.ok(!used.includes(name), `${name} (old) is not in use`);
  }
  assert.match(await page.content(), /second release/, 'the page is the new one');
  assert.equal(await page.locator('[data-test=update]').count(), 0, 'no notice after the update');
  assert.deepEqual(errors, []);
  await close();
  await server.stop();
});

test('data changed on the server reaches the next visit, with a notice', async () => {
  const site = siteCopy();
  const server = await serve(site);
  const { page, errors, close } = await openPage(browser, `${server.url}${newest}/`);
  await cards(page, newest);
  await untilControlled(page);
  const version = page.locator('[data-test=data-version]');
  assert.match(await version.innerText(), new RegExp(index.data_version));

  const changed = { ...index, data_version: `${index.data_version}-e2e` };
  writeFileSync(join(site, 'data', 'index.json'), JSON.stringify(changed));

  // The next visit shows the saved data at once and is told newer is in.
  await page.reload();
  await cards(page, newest);
  const notice = page.locator('[data-test=update]');
  await notice.waitFor({ timeout: 30_000 });
  assert.match(await notice.innerText(), /数据已更新|updated data/i);
  await Promise.all([page.waitForEvent('load'), page.locator('[data-test=update-reload]').click()]);
  await cards(page, newest);
  await page.locator('[data-test=data-version]', { hasText: changed.data_version }).waitFor();

  // And it is what the worker now serves, even with the server gone.
  await server.stop();
  await page.reload();
  await page.locator('[data-test=data-version]', { hasText: changed.data_version }).waitFor();
  assert.deepEqual(errors, []);
  await close();
});

test('where service workers are refused, the app simply works online', async () => {
  // As in a private window that has no service workers.
  {
    const { page, errors, close } = await openPage(browser, `${newest}/`, {
      contextOptions: { serviceWorkers: 'block' },
    });
    await cards(page, newest);
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);
    assert.equal(await page.locator('[data-test=update], [data-test=offline]').count(), 0);
    assert.deepEqual(errors, []);
    await close();
  }
  // An embed in a news site's page, another origin: it must not install a
  // worker there, even where the app runs in it (a parameter it has to
  // read: a widget's own page alone runs no app at all). The news page comes from a second loopback server (another
  // port, so another origin); Chromium blocks public pages from framing
  // loopback ones, and a page made up by the test counts as public.
  {
    const item = firstItem(newest);
    const embed = new URL(`embed/${itemPath(item)}?from=news`, BASE_URL).href;
    const news = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><title>News</title><iframe src="${embed}" width="400" height="600"></iframe>`);
    });
    await new Promise((resolve) => news.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => news.close(resolve)));
    const { page, errors, close } = await openPage(browser, `http://127.0.0.1:${news.address().port}/article`);
    const frame = page.frameLocator('iframe');
    await frame.locator(`[data-test=card][data-id="${item}"]`).waitFor();
    const inner = page.frames().find((f) => f.url().startsWith(embed.split('?')[0]));
    // Give registration, were it to happen, time to happen.
    await inner.waitForTimeout(1000);
    const registrations = await inner.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    assert.equal(registrations, 0, 'no worker registered from the embed');
    assert.deepEqual(errors, []);
    await close();
  }
});
