// The Content-Security-Policy the app is served with (xtask/src/csp.rs
// writes it at build time; the server sends it from dist/_headers): strict
// enough that nothing injected could run, and the app runs every view under
// it with no violation at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, BASE_URL, SUBPATH_URL } from './harness.js';
import { watchCsp } from './security.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const directives = (policy) =>
  Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));

test('the page is sent with a strict policy that allows its boot script by hash', async () => {
  const res = await fetch(BASE_URL);
  const policy = res.headers.get('content-security-policy');
  assert.ok(policy, 'a Content-Security-Policy header (was dist/ built with `cargo xtask build`?)');
  const d = directives(policy);
  assert.deepEqual(d['default-src'], ["'self'"]);
  assert.ok(d['script-src'].includes("'wasm-unsafe-eval'"), policy);
  assert.ok(!d['script-src'].includes("'unsafe-inline'"), 'no inline script by default');
  assert.ok(!d['script-src'].includes("'unsafe-eval'"), 'no eval');
  assert.ok(!d['script-src'].some((s) => s === '*' || s.endsWith(':')), 'no wildcard or scheme sources for scripts');
  assert.deepEqual(d['connect-src'], ["'self'"]);
  assert.deepEqual(d['object-src'], ["'none'"]);
  assert.deepEqual(d['base-uri'], ["'self'"]);
  assert.deepEqual(d['frame-ancestors'], ['*'], 'any news page may embed');
  assert.ok(!(d['style-src'] ?? []).includes("'unsafe-inline'"), 'no <style> element but the page\'s own');
  assert.equal(d['style-src-attr'], undefined, 'no style attribute');

  // Every inline script of the page allowed by its hash. The header serves
  // every page, so it names each page's scripts (an embed's page has one
  // more); the page's own <meta>, below, names exactly its own.
  const html = await res.text();
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
  assert.ok(inline.some((s) => s.includes('start-')), 'the page starts the app from an inline script');
  const { createHash } = await import('node:crypto');
  const sha = (s) => s.startsWith("'sha256-");
  const hashes = d['script-src'].filter(sha);
  const own = inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`).sort();
  for (const h of own) assert.ok(hashes.includes(h), `${h} in the header`);
  assert.equal(hashes.length, own.length + 1, 'the header adds the embed page\'s script only');
  // The stylesheet is inlined by the build: its one <style> is allowed by
  // its hash, and nothing else is.
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  assert.equal(styles.length, 1, 'the stylesheet, inline');
  assert.deepEqual(
    d['style-src'].filter((s) => s.startsWith("'sha256-")),
    styles.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`),
  );
  // The same policy, less what a <meta> cannot carry, is in the page itself
  // for hosts that cannot send headers.
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, 'a <meta> policy');
  const m = directives(meta[1].replaceAll('&#39;', "'"));
  assert.deepEqual(m['script-src'].filter(sha).sort(), own, 'the <meta> names the page\'s own scripts');
  const others = (p) => JSON.stringify({ ...p, 'script-src': p['script-src'].filter((x) => !sha(x)), 'frame-ancestors': null });
  assert.equal(others(m), others(d), 'and is the header\'s policy otherwise');
  assert.ok(html.indexOf(meta[0]) < html.search(/<script/i), 'the <meta> comes before every script');

  for (const path of ['data/index.json', 'sw.js', 'no-such-file']) {
    const r = await fetch(new URL(path, BASE_URL));
    assert.equal(r.headers.get('content-security-policy'), policy, path);
    await r.arrayBuffer();
  }
  for (const path of ['_headers', '_nginx.conf']) {
    assert.equal((await fetch(new URL(path, BASE_URL))).status, 404, `${path} is build metadata, not served`);
  }
});

test('the policy is enforced: a script injected into the page does not run', async () => {
  const { page, close } = await openPage(browser, null);
  const csp = await watchCsp(page);
  await page.goto(`${BASE_URL}en/`);
  await page.locator('[data-test=card]').first().waitFor();
  const ran = await page.evaluate(async () => {
    window.__ran = [];
    const s = document.createElement('script');
    s.textContent = 'window.__ran.push("inline")';
    document.head.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__ran.push("handler")');
    img.src = 'data:,x';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    return window.__ran;
  });
  assert.deepEqual(ran, [], 'neither an inline script nor an event-handler attribute ran');
  const v = await csp.violations();
  assert.ok(v.some((x) => /script-src/.test(x)), `the browser reported the blocked script: ${v}`);
  await close();
});

const VIEWS = [
  ['list (zh)', './', '[data-test=card]'],
  ['list (en, dark)', 'en/?dark=1', '[data-test=card]'],
  ['filtered search', '?q=医保&status=completed', '[data-test=count]'],
  ['detail with QR code open', '2026/06/', '[data-test=detail]', async (page) => {
    await page.locator('[data-test=qr] > summary').click();
    await page.locator('[data-test=qr-img]').waitFor();
  }],
  ['share card', 'en/2026/06/card/', '[data-test=share-card]'],
  ['compare', 'compare/2025-2026/', '[data-test=compare] [data-test=matrix]'],
  ['metric list', 'metric/', '[data-test=metric-list] img.spark'],
  ['metric chart', 'en/metric/remote-windows/', '[data-test=metric] [data-test=chart] img'],
  ['embed widget', 'embed/2026/06/?theme-color=ffb000', '.card-title'],
  ['embed widget, searched', 'en/embed/2026/?q=health&dark=1', '[data-test=card]'],
  ['embed dialog with preview', 'en/2026/06/', '[data-test=detail]', async (page) => {
    await page.locator('[data-test=detail] [data-test=embed]').first().click();
    await page.frameLocator('[data-test=embed-preview]').locator('.card-title').waitFor();
  }],
  ['exports', '2026/', '[data-test=card]', async (page) => {
    await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download-csv]').first().click()]);
  }],
];

for (const [name, query, ready, act] of VIEWS) {
  test(`no CSP violation: ${name}`, async () => {
    const { page, errors, close } = await openPage(browser, null, { contextOptions: { acceptDownloads: true } });
    const csp = await watchCsp(page);
    await page.goto(`${BASE_URL}${query}`);
    await page.locator(ready).first().waitFor();
    if (act) await act(page);
    // Let late work (other years loading, charts measuring their labels) finish.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await csp.violations(), []);
    assert.deepEqual(errors, []);
    await close();
  });
}

test('no CSP violation under a sub-path, with the service worker installed and serving', { skip: !SUBPATH_URL && 'SUBPATH_URL not set' }, async () => {
  const { page, errors, close } = await openPage(browser, null);
  const csp = await watchCsp(page);
  await page.goto(`${SUBPATH_URL}?view=metric&metric=remote-windows`);
  await page.locator('[data-test=chart] img').waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  // Now the page comes from the worker's cache, with the headers it was stored with.
  await page.reload();
  await page.locator('[data-test=chart] img').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await csp.violations(), []);
  assert.deepEqual(errors, []);
  await close();
});
