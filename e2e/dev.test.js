// What a developer gets from `trunk serve`: Trunk's debug build, finished
// by the project's post-build hook (Trunk.toml), served by Trunk itself.
// `cargo xtask test` starts it and names it in DEV_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, resolve } from './harness.js';

const DEV_URL = process.env.DEV_URL;
const skip = !DEV_URL && 'DEV_URL not set (cargo xtask test starts trunk serve)';

/** `trunk serve` answers before its first build is in place. */
async function builtByTrunkServe(deadline) {
  while (Date.now() < deadline) {
    try {
      const page = await (await fetch(resolve('2026/', DEV_URL))).text();
      // The pages step's page, with the shell step's starter.
      if (page.includes('data-path="2026/"') && /start-[0-9a-f]{12,16}\.js/.test(page)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error(`trunk serve had no built site at ${DEV_URL} in time (its log: target/trunk-serve.log)`);
}

let browser;
before(async () => {
  if (skip) return;
  await builtByTrunkServe(Date.now() + 15 * 60 * 1000);
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
});

test('trunk serve gives the working app: search, then a pledge from its own module', { skip }, async () => {
  const { page, errors, close } = await openPage(browser, resolve('2026/', DEV_URL));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.locator('#f-q').fill('医保');
  await page.waitForFunction(() => decodeURIComponent(location.search) === '?q=医保');
  const titles = await page.locator('[data-test=card-title]').allInnerTexts();
  assert.ok(titles.length >= 1 && titles.length < 10, `the search narrows the ten: ${titles}`);
  await page.locator('[data-test=card-title] a').first().click();
  await page.locator('[data-test=detail]').waitFor();
  assert.ok(requests.some((p) => /split_item-\w+\.wasm$/.test(p)), `no item module among ${requests}`);
  assert.deepEqual(errors, []);
  await close();
});
