// The release build boots in a real Chromium, at the root and under a
// sub-path, with its WASM served compressed and with the right MIME type.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, BASE_URL, SUBPATH_URL } from './harness.js';

let browser;
before(async () => {
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

/** Loads `url` and returns the page, its errors and every response it got. */
async function load(url) {
  const { page, errors } = await openPage(browser, null);
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(url, { waitUntil: 'load' });
  // The app starts a while after `load` (the page is read first): wait
  // for it to take over, then let it settle so its errors, if any, are
  // caught.
  await page.locator('[data-test=card]').first().waitFor();
  await page.waitForLoadState('networkidle');
  return { page, errors, responses };
}

async function assertBoots(url) {
  const { page, errors, responses } = await load(url);
  const wasm = responses.find((r) => new URL(r.url()).pathname.endsWith('.wasm'));
  assert.ok(wasm, `no .wasm was requested by ${url}`);
  assert.equal(wasm.status(), 200);
  const headers = await wasm.allHeaders();
  assert.equal(headers['content-type'], 'application/wasm');
  assert.match(headers['content-encoding'] ?? '', /^(br|gzip)$/, 'the WASM is sent compressed');
  assert.ok((await page.locator('h1').count()) >= 1, 'the page has an <h1>');
  assert.deepEqual(errors, []);
  return { page, responses };
}

test('the app boots at BASE_URL with no console errors', async () => {
  await assertBoots(BASE_URL);
});

test('the app boots under a sub-path and fetches only from under it', { skip: !SUBPATH_URL && 'SUBPATH_URL not set' }, async () => {
  const { responses } = await assertBoots(SUBPATH_URL);
  const origin = new URL(SUBPATH_URL).origin;
  const outside = responses
    .map((r) => r.url())
    .filter((u) => u.startsWith(origin) && !u.startsWith(SUBPATH_URL));
  assert.deepEqual(outside, [], 'same-origin requests outside the sub-path');
});

test('the WASM is compressed with whichever encoding is asked for', async () => {
  const html = await (await fetch(BASE_URL)).text();
  const name = html.match(/[\w.-]+-[0-9a-f]{12,16}_bg\.wasm/)?.[0];
  assert.ok(name, 'index.html names a hashed _bg.wasm');
  const url = new URL(name, BASE_URL);
  for (const encoding of ['br', 'gzip']) {
    const r = await fetch(url, { headers: { 'accept-encoding': encoding } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/wasm');
    assert.equal(r.headers.get('content-encoding'), encoding);
    await r.arrayBuffer();
  }
  const r = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(r.headers.get('content-encoding'), null);
  const bytes = new Uint8Array(await r.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'starts with the WASM magic number');
});
