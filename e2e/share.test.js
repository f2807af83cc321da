// Beyond the list: QR codes that really scan to the item, the share card,
// search highlighting in both languages, and the generated year summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL } from './harness.js';

const jsqrSource = readFileSync(createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js'), 'utf8');

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Draws the QR image on a canvas in the page and decodes it with jsQR. */
async function decodeQr(page, img) {
  // Not a <script> tag: the app's CSP refuses inline scripts.
  await page.evaluate(`${jsqrSource}\n;undefined`);
  return img.evaluate(async (el) => {
    await el.decode();
    const size = 400;
    const c = document.createElement('canvas');
    c.width = size;
    c.height = size;
    const g = c.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, size, size);
    g.drawImage(el, 0, 0, size, size);
    const data = g.getImageData(0, 0, size, size);
    return window.jsQR(data.data, size, size)?.data ?? null;
  });
}

test("an item's QR code decodes to the item's URL", async () => {
  const { page, errors } = await openPage(browser, '2026/06/');
  const qr = page.locator('[data-test=detail] ~ * [data-test=qr], [data-test=qr]').first();
  await qr.locator('summary').click();
  const text = await decodeQr(page, qr.locator('[data-test=qr-img]'));
  assert.equal(text, `${BASE_URL}2026/06/`);
  assert.equal(await qr.locator('[data-test=short-link]').getAttribute('href'), text);
  assert.deepEqual(errors, []);
});

test('a view QR code carries its filters, and the share card shows title, target, source and QR', async () => {
  const { page, errors } = await openPage(browser, 'en/2026/?theme=health');
  await page.locator('[data-test=card]').first().waitFor();
  const qr = page.locator('[data-test=qr]').first();
  await qr.locator('summary').click();
  // In the language it was shared in.
  assert.equal(await decodeQr(page, qr.locator('[data-test=qr-img]')), `${BASE_URL}en/2026/?theme=health`);

  await page.goto(`${BASE_URL}2026/01/card/`);
  const card = page.locator('[data-test=share-card]');
  await card.waitFor();
  assert.match(await card.locator('h2').innerText(), /跨省通办/);
  assert.match(await card.innerText(), /沪苏浙皖发布长三角一体化发展实事清单/);
  assert.equal(await decodeQr(page, card.locator('[data-test=qr-img]')), `${BASE_URL}2026/01/`);
  assert.deepEqual(errors, []);
});

test('search terms are highlighted in both languages, as text', async () => {
  const { page, errors } = await openPage(browser, '?q=医保');
  await page.locator('[data-test=card] mark').first().waitFor();
  const marks = await page.locator('[data-test=card] mark').allInnerTexts();
  assert.ok(marks.length >= 1 && marks.every((m) => m === '医保'), marks.join('|'));

  await page.goto(`${BASE_URL}en/?q=sports`);
  await page.locator('[data-test=card] mark').first().waitFor();
  const en = await page.locator('[data-test=card] mark').allInnerTexts();
  assert.ok(en.every((m) => m.toLowerCase() === 'sports'), en.join('|'));
  assert.deepEqual(errors, []);
});

test('each year opens with its generated summary', async () => {
  const { page, errors } = await openPage(browser, 'en/');
  for (const y of [2026, 2025, 2024]) {
    const s = page.locator(`section[data-year="${y}"] [data-test=summary]`);
    await s.waitFor();
    const text = await s.innerText();
    const data = JSON.parse(readFileSync(new URL(`../public/data/${y}.json`, import.meta.url)));
    assert.match(text, new RegExp(`The ${y} list has ${data.items_published} items`));
    if (data.items.length < data.items_published) assert.match(text, new RegExp(`sources describe ${data.items.length}`));
  }
  await page.goto(`${BASE_URL}2026/`);
  await page.locator('section[data-year="2026"] [data-test=summary]').waitFor();
  assert.match(await page.locator('section[data-year="2026"] [data-test=summary]').innerText(), /2026 年清单共 10 项/);
  // The same summary is the page's meta description.
  await page.waitForFunction(() => /2026 年清单共 10 项/.test(document.querySelector('meta[name=description]').content));
  // An item's link previews the pledge itself, in its language (this one
  // has no content in the sources: a sentence naming it).
  await page.goto(`${BASE_URL}en/2024/x2/`);
  await page.locator('[data-test=detail-title]').waitFor();
  await page.waitForFunction(() => /Better and wider cross-provincial medical-insurance settlement/.test(document.querySelector('meta[name=description]').content));
  assert.ok((await page.title()).startsWith('Better and wider cross-provincial medical-insurance settlement · '));
  // Moving on in the app, the title follows the view.
  await page.locator('[data-test=back]').click();
  await page.locator('[data-test=card]').first().waitFor();
  await page.waitForFunction(() => !document.title.startsWith('Better and wider'));
  assert.deepEqual(errors, []);
});
