// An outcome set against the target it answers (issue 23): the standing is
// said in words on the item page, with why the two are compared, and on the
// card in its year's list, in a real Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage } from './harness.js';

const data2024 = JSON.parse(readFileSync(new URL('../public/data/2024.json', import.meta.url)));
const x1 = data2024.items.find((i) => i.id === '2024-x1');
const paired = x1.outcomes.filter((o) => o.answers);

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('the item page says how each paired outcome stands, and why the two are compared', async () => {
  assert.ok(paired.length > 0, '2024-x1 pairs an outcome with a target');
  const { page, errors } = await openPage(browser, 'en/2024/x1/');
  const block = page.locator('[data-test=against-targets]');
  await block.waitFor();
  const text = await block.innerText();
  assert.match(text, /Target exceeded/);
  assert.match(text, /target at least 200 windows, reported 515 windows; 315 windows above it, 257\.5% of the target/);
  assert.match(text, /Target met/);
  for (const o of paired) assert.ok(text.includes(o.answers.reason.en), o.answers.reason.en);
  assert.equal(await block.locator('[data-test=standing]').count(), paired.length);
  assert.deepEqual(errors, []);
});

test('the card in its year says it too, in Chinese', async () => {
  const { page, errors } = await openPage(browser, '2024/');
  const card = page.locator('[data-test=card][data-id="2024-x1"]');
  await card.waitFor();
  const lines = await card.locator('[data-test=standing]').allInnerTexts();
  assert.equal(lines.length, paired.length);
  assert.ok(lines.some((l) => l.includes('超过目标') && l.includes('为目标的 257.5%')), lines.join('\n'));
  assert.deepEqual(errors, []);
});
