// Keyboard only, no pointer: Tab to the filters, toggle a theme with Space,
// reveal a number's source with Enter, open the pledge with Enter, come
// back with the back link, open and Escape the embed dialog. At every step
// the focus is somewhere sensible and visible, and not one pointer event
// reaches the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, itemPath } from './harness.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** A short description of the focused element, for messages. */
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  const id = a.closest('[data-id]')?.dataset.id;
  return `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${a.name ? `[name=${a.name}][value=${a.value}]` : ''}${id ? ` in ${id}` : ''} “${(a.textContent || '').trim().slice(0, 30)}”`;
});

/** Presses `key` until the focused element matches `selector`. */
async function pressUntil(page, key, selector, max = 80) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    seen.push(await focused(page));
  }
  assert.fail(`${key} never reached ${selector}; visited:\n${seen.join('\n')}`);
}

/** The focus indicator is drawn (on the element, or on a chip's label). */
async function assertFocusVisible(page) {
  const ring = await page.evaluate(() => {
    const a = document.activeElement;
    const drawn = a.matches('.chip input') ? a.nextElementSibling : a;
    const s = getComputedStyle(drawn);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.notEqual(ring.style, 'none', `no focus ring on ${await focused(page)}`);
  assert.ok(ring.width >= 2, `thin focus ring (${ring.width}px) on ${await focused(page)}`);
}

const matchesFocus = (page, selector) => page.evaluate((s) => document.activeElement?.matches(s), selector);

test('filter, reveal a source, open a pledge and come back, by keyboard alone', async () => {
  const { page, errors } = await openPage(browser, 'en/2026/', {
    contextOptions: { viewport: { width: 360, height: 800 } },
  });
  await page.locator('[data-test=card]').nth(9).waitFor();
  await page.evaluate(() => {
    window.__pointer = [];
    for (const type of ['pointerdown', 'mousedown', 'touchstart']) {
      addEventListener(type, (e) => window.__pointer.push(`${type} on ${e.target.tagName}`), true);
    }
  });

  // The first stop is the skip link, and it shows.
  await page.keyboard.press('Tab');
  assert.ok(await matchesFocus(page, 'a.skip'), await focused(page));
  assert.ok(await page.locator('a.skip').isVisible());
  await assertFocusVisible(page);

  // Search, then the theme chips inside "more filters" (a native disclosure).
  await pressUntil(page, 'Tab', '#f-q');
  await assertFocusVisible(page);
  await pressUntil(page, 'Tab', '.more-filters > summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.more-filters').getAttribute('open'), '');
  const countBefore = await page.locator('[data-test=count]').innerText();
  await pressUntil(page, 'Tab', 'input[name=theme][value=health]');
  await assertFocusVisible(page);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('theme') === 'health');
  assert.ok(await page.locator('input[name=theme][value=health]').isChecked());
  // The focus stays on the chip just toggled, and the polite live region
  // says how many pledges are left.
  assert.ok(await matchesFocus(page, 'input[name=theme][value=health]'), `focus moved to ${await focused(page)}`);
  const live = page.locator('[data-test=count]');
  assert.equal(await live.getAttribute('role'), 'status');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  await page.waitForFunction((before) => document.querySelector('[data-test=count]').innerText !== before, countBefore);
  const cards = await page.locator('[data-test=card]').count();
  assert.ok(cards > 0 && cards < 10, `${cards} cards after the filter`);
  assert.match(await live.innerText(), new RegExp(`^${cards} of 10\\b`));

  // A number's source: Enter on its summary opens the sentence it came from.
  await pressUntil(page, 'Tab', '[data-test=card] [data-test=figure] > summary');
  const figure = page.locator('[data-test=figure]:has(> summary:focus)');
  assert.equal(await figure.getAttribute('open'), null);
  await page.keyboard.press('Enter');
  assert.equal(await figure.getAttribute('open'), '');
  assert.ok(await figure.locator('[data-test=quote]').isVisible());
  assert.ok((await figure.locator('[data-test=quote]').innerText()).length > 5);

  // Back up to that card's title and open it: the focus lands on the
  // pledge's heading, so a screen reader starts reading there.
  await pressUntil(page, 'Shift+Tab', '[data-test=card-title] a');
  const id = await page.evaluate(() => document.activeElement.closest('[data-test=card]').dataset.id);
  await page.keyboard.press('Enter');
  await page.locator(`[data-test=detail][data-id="${id}"]`).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('[data-test=detail-title]'));
  assert.match(page.url(), new RegExp(`/${itemPath(id)}$`), 'the pledge\'s own page, without the list\'s filters');

  // Its sources are reachable too: Tab moves on from the heading into the pledge.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('[data-test=detail]').contains(document.activeElement)), await focused(page));

  // The back link (just before the heading) returns to the filtered list,
  // with the focus on the card the reader left from.
  await pressUntil(page, 'Shift+Tab', '[data-test=back]');
  await assertFocusVisible(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction((i) => document.activeElement?.matches(`[data-test=card][data-id="${i}"] [data-test=card-title] a`), id);
  assert.doesNotMatch(page.url(), /\/\d{4}\/(\d\d|x\d+)\//);
  assert.match(page.url(), /theme=health/);
  assert.equal(await page.locator('[data-test=card]').count(), cards);

  assert.deepEqual(await page.evaluate(() => window.__pointer), [], 'pointer events during a keyboard-only test');
  assert.deepEqual(errors, []);
});

test('the browser\'s Back also returns the focus to the card', async () => {
  const { page, errors } = await openPage(browser, '2026/');
  await page.locator('[data-test=card]').nth(9).waitFor();
  await page.locator('[data-test=card][data-id="2026-04"] [data-test=card-title] a').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.matches('[data-test=detail][data-id="2026-04"] [data-test=detail-title]'));
  // Alt+Left is the browser's, not the page's, so headless Chromium ignores
  // it; the history move it makes is the same.
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.matches('[data-test=card][data-id="2026-04"] [data-test=card-title] a'));
  assert.deepEqual(errors, []);
});

test('switching views by keyboard keeps the focus on the tabs', async () => {
  const { page, errors } = await openPage(browser, 'en/');
  await page.locator('[data-test=card]').first().waitFor();
  await pressUntil(page, 'Tab', '.tabs a:not([aria-current])');
  const name = (await page.evaluate(() => document.activeElement.textContent)).trim();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.activeElement?.matches('.tabs a[aria-current=page]') && document.activeElement.textContent.trim() === n, name);
  assert.match(page.url(), /\/(compare|metric)\/$/);
  assert.deepEqual(errors, []);
});

test('the embed dialog takes the focus, and Escape closes it and gives the focus back', async () => {
  const { page, errors } = await openPage(browser, '2026/');
  await page.locator('[data-test=card]').nth(9).waitFor();
  await pressUntil(page, 'Tab', '[data-test=card] [data-test=embed]');
  const opener = await page.evaluate(() => document.activeElement.closest('[data-test=card]').dataset.id);
  await page.keyboard.press('Enter');
  const dialog = page.locator('[data-test=embed-dialog]');
  await dialog.waitFor();
  assert.ok(await page.evaluate(() => document.querySelector('[data-test=embed-dialog]').contains(document.activeElement)), await focused(page));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await matchesFocus(page, `[data-test=card][data-id="${opener}"] [data-test=embed]`), await focused(page));
  assert.deepEqual(errors, []);
});
