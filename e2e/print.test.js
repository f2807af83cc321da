// Printing a list gives a clean A4 booklet: every pledge in one block, its
// targets in bold with the sentences they were read from, each source's
// address written out, black on white in any mode, and no controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL } from './harness.js';

const data2025 = JSON.parse(readFileSync(new URL('../public/data/2025.json', import.meta.url)));

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('printing a year gives an A4 booklet of its pledges with their sentences and sources, without controls', async () => {
  const { page, errors, close } = await openPage(browser, null, {
    contextOptions: { serviceWorkers: 'block', locale: 'zh-CN', colorScheme: 'dark' },
  });
  await page.goto(new URL('2025/', BASE_URL).href);
  const cards = page.locator('section[data-year="2025"] [data-test=card]');
  await cards.first().waitFor();
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });

  for (const control of ['.filters', '.tabs', '.lang-switch', '.actions', '[data-test=embed]', 'button', '.skip']) {
    const shown = await page.locator(control).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    assert.equal(shown, 0, `${control} is not printed`);
  }
  assert.equal(await cards.count(), data2025.items.length, 'every pledge');
  assert.deepEqual(new Set(await cards.evaluateAll((els) => els.map((e) => getComputedStyle(e).breakInside))), new Set(['avoid']));
  // Each target's sentence is printed, though its fold is closed on screen.
  const quote = cards.first().locator('[data-test=quote]').first();
  assert.equal(await quote.evaluate((q) => q.closest('details').open), false);
  assert.ok(await quote.evaluate((q) => q.checkVisibility()), 'the sentence is printed');
  assert.equal(await cards.first().locator('.fig-value').first().evaluate((e) => getComputedStyle(e).fontWeight), '700');
  // Black on white, though the reader's screen is dark.
  const colours = await page.evaluate(() => ({
    bg: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.querySelector('[data-test=card-title]')).color,
  }));
  assert.deepEqual(colours, { bg: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
  // A source's address is written out after its name.
  const link = page.locator('.src a[href^="http"]').first();
  const href = await link.getAttribute('href');
  assert.equal(await link.evaluate((a) => getComputedStyle(a, '::after').content), `" ${href}"`);

  // The PDF Chromium makes of it: A4 pages.
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 2, `${pages} pages`);
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box && Math.abs(box[1] - 595.9) < 2 && Math.abs(box[2] - 842.9) < 2, `A4: ${box && box.slice(1)}`);
  assert.deepEqual(errors, []);
  await close();
});
