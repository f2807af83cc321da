// Service-worker faults: a cache the browser emptied (whole or in part), a
// transfer that breaks off mid-way during install, and an update whose
// files arrive half-written. In each the app recovers by going to the
// network or says what is missing, and never serves a mix of two releases.
//
// Each test serves its own copy of dist/ with the project's server, behind a
// small proxy that can cut a file off mid-way or drop every connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowser, openPage, scrollUntil } from './harness.js';
import { untilControlled, servedVersion, hashedAssets, mainWasm, newRelease } from './sw-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const index = JSON.parse(readFileSync(join(DIST, 'data', 'index.json'), 'utf8'));
const yearFile = (year) => `data/${index.years.find((y) => y.year === year).file}`;
const newest = Math.max(...index.years.map((y) => y.year));
const oldest = Math.min(...index.years.map((y) => y.year));

let browser;
const cleanups = [];
before(async () => { browser = await startBrowser(); });
after(async () => {
  for (const f of cleanups.reverse()) await f().catch(() => {});
  await browser?.close();
});

function siteCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'yrd-swfaults-'));
  cpSync(DIST, dir, { recursive: true });
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const versionOf = (dir) => readFileSync(join(dir, 'sw.js'), 'utf8').match(/\/\*BUILD\*\/\{"version":"([0-9a-f]{16})"/)[1];

/** `cargo xtask serve --no-build` on `dir`, on a free port. */
async function upstream(dir) {
  const child = spawn('cargo', ['xtask', 'serve', '--no-build', '--dir', dir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  cleanups.push(async () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`xtask serve did not start: ${out}`)), 180_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`xtask serve exited (${code}): ${out}`)));
  });
}

/**
 * The site behind a proxy with faults: `cut` maps path endings to files sent
 * half-way and then dropped; `down` drops every connection (the server gone).
 */
async function faultySite(dir) {
  const port = await upstream(dir);
  const site = { cut: new Set(), down: false, dir };
  const proxy = http.createServer((req, res) => {
    if (site.down) return req.socket.destroy();
    const path = new URL(req.url, 'http://x').pathname;
    const cut = [...site.cut].some((end) => path.endsWith(end));
    const headers = { ...req.headers };
    // Plain bodies, so "half" means half.
    delete headers['accept-encoding'];
    const up = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (ur) => {
      if (!cut || ur.statusCode !== 200) {
        res.writeHead(ur.statusCode, ur.headers);
        ur.pipe(res);
        return;
      }
      const chunks = [];
      ur.on('data', (c) => chunks.push(c));
      ur.on('end', () => {
        const body = Buffer.concat(chunks);
        const h = { ...ur.headers, 'content-length': String(body.length) };
        delete h['transfer-encoding'];
        res.writeHead(200, h);
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        setTimeout(() => res.socket?.destroy(), 50);
      });
    });
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => { proxy.closeAllConnections?.(); proxy.close(resolve); }));
  site.url = `http://127.0.0.1:${proxy.address().port}/`;
  return site;
}

function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.replace(/^\//, ''));
    }
    return out;
  });
}

async function until(fn, what, ms = 30_000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    last = await fn().catch((e) => e);
    if (last === true) return;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A year's cards, there as the reader scrolls to them. */
const cards = (page, year) => scrollUntil(page, page.locator(`section[data-year="${year}"] [data-test=card]`).first());
/** Failed requests are logged by Chromium; they are what these tests cause. */
const appErrors = (errors) => errors.filter((e) => !/net::ERR_|Failed to load resource|Failed to fetch|status of 503/.test(e));

/** Everything one release needs offline: its page, its hashed files, its data. */
const needed = (dir) => ['index.html', ...hashedAssets(dir), 'data/index.json', ...index.years.map((y) => yearFile(y.year))];

/** Whether the worker's one cache is this release's and holds all of it. */
const wholeCache = (page, dir) => async () => {
  const all = await cacheContents(page);
  const names = Object.keys(all);
  if (names.length !== 1 || !names[0].endsWith(versionOf(dir))) return names;
  const missing = needed(dir).filter((f) => !all[names[0]].includes(f));
  return missing.length ? missing : true;
};

test('a cache the browser emptied: the app comes from the network, and the worker saves it again, whole', { timeout: 120_000 }, async () => {
  const site = await faultySite(siteCopy());
  const { page, errors, context, close } = await openPage(browser, `${site.url}${newest}/`);
  await cards(page, newest);
  await untilControlled(page);
  await until(wholeCache(page, site.dir), 'the first install');

  await page.evaluate(async () => { for (const k of await caches.keys()) await caches.delete(k); });
  await page.reload();
  await cards(page, newest);
  await until(wholeCache(page, site.dir), 'the cache filled again');

  // And it is enough to work offline again.
  site.down = true;
  await context.setOffline(true);
  await page.goto(`${site.url}${oldest}/`);
  await cards(page, oldest);
  assert.deepEqual(appErrors(errors), []);
  await close();
});

test('offline with an emptied or partly emptied cache: the worker names what is missing, and the app returns online', { timeout: 120_000 }, async () => {
  const site = await faultySite(siteCopy());
  const wasm = mainWasm(site.dir);
  const { page, errors, context, close } = await openPage(browser, `${site.url}${newest}/`);
  await cards(page, newest);
  await untilControlled(page);
  await until(wholeCache(page, site.dir), 'the first install');

  // Part of it: the WASM. The saved page alone would hang on "Loading…".
  await page.evaluate(async (file) => {
    const [name] = await caches.keys();
    await (await caches.open(name)).delete(new URL(file, document.baseURI).href);
  }, wasm);
  site.down = true;
  await context.setOffline(true);
  await page.reload();
  const message = page.locator('[data-test=sw-incomplete]');
  await message.waitFor();
  const text = await message.innerText();
  assert.match(text, /不完整/);
  assert.match(text, /incomplete/);
  assert.ok(text.includes(wasm), `names ${wasm}: ${text}`);
  assert.ok(!text.includes('index.html'), 'the page itself is still there');

  // All of it.
  await page.evaluate(async () => { for (const k of await caches.keys()) await caches.delete(k); });
  await page.reload();
  await message.waitFor();
  assert.ok((await message.innerText()).includes('index.html'));
  // Even this page runs nothing and lets nothing frame it in a harmful way.
  assert.equal(await page.locator('script').count(), 0);

  // Back online, a reload is all it takes.
  site.down = false;
  await context.setOffline(false);
  await page.reload();
  await cards(page, newest);
  await until(wholeCache(page, site.dir), 'the cache filled again');
  assert.deepEqual(appErrors(errors), []);
  await close();
});

test('a data file cut off mid-way during install costs that year only, and nothing half-written is saved', { timeout: 120_000 }, async () => {
  const site = await faultySite(siteCopy());
  const broken = yearFile(oldest);
  site.cut.add(broken);
  const { page, errors, context, close } = await openPage(browser, `${site.url}en/`);
  // The page's own request is cut off too: that year says so, with a retry.
  const error = page.locator(`section[data-year="${oldest}"] [data-test=error]`);
  await error.waitFor();
  assert.match(await error.innerText(), /network|incomplete/i);
  await cards(page, newest);
  await untilControlled(page);
  const saved = Object.values(await cacheContents(page))[0];
  for (const f of needed(site.dir).filter((f) => f !== broken)) assert.ok(saved.includes(f), `${f} saved`);
  assert.ok(!saved.includes(broken), 'the cut-off year is not saved');

  // The connection recovers; "retry" loads the year through the worker, which saves it.
  site.cut.clear();
  await error.locator('[data-test=retry]').click();
  await cards(page, oldest);
  await until(wholeCache(page, site.dir), 'the year saved');
  site.down = true;
  await context.setOffline(true);
  await page.reload();
  await cards(page, oldest);
  assert.deepEqual(appErrors(errors), []);
  await close();
});


/** Asks for the worker update and waits until the attempt has ended; returns whether a new worker is waiting. */
function updateAttempt(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg.update().catch(() => {});
    for (let i = 0; i < 300 && reg.installing; i++) await new Promise((r) => setTimeout(r, 100));
    return Boolean(reg.waiting);
  });
}

test('a half-written update is never used: the old release keeps working whole, until the update arrives whole', { timeout: 120_000 }, async () => {
  const site = await faultySite(siteCopy());
  const oldVersion = versionOf(site.dir);
  const { page, errors, close } = await openPage(browser, `${site.url}${newest}/`);
  await cards(page, newest);
  await untilControlled(page);
  await until(wholeCache(page, site.dir), 'the first install');

  newRelease(site.dir);
  const newVersion = versionOf(site.dir);
  const newWasm = mainWasm(site.dir);
  site.cut.add(newWasm);
  assert.equal(await updateAttempt(page), false, 'the new worker did not install');
  assert.deepEqual(Object.keys(await cacheContents(page)).map((n) => n.slice(-16)), [oldVersion], 'no half-written cache is left');
  assert.equal(await page.locator('[data-test=update]').count(), 0, 'no update is offered');

  // A reload meanwhile: the server has the new page, whose WASM is broken;
  // the reader gets the old release, whole, not the new page on old files.
  await page.reload();
  await cards(page, newest);
  assert.equal(await servedVersion(page), oldVersion);
  assert.doesNotMatch(await page.content(), /second release/);
  const used = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).join('\n'));
  assert.ok(!used.includes(newWasm), 'nothing of the new release is used');

  // The deployment completes: the update installs whole and is offered.
  site.cut.clear();
  assert.equal(await updateAttempt(page), true, 'the new worker installed');
  await page.locator('[data-test=update]').waitFor({ timeout: 30_000 });
  await Promise.all([page.waitForEvent('load'), page.locator('[data-test=update-reload]').click()]);
  await cards(page, newest);
  assert.equal(await servedVersion(page), newVersion);
  assert.match(await page.content(), /second release/);
  await until(wholeCache(page, site.dir), 'only the new release saved');
  assert.deepEqual(appErrors(errors), []);
  await close();
});
