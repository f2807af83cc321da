// Accessibility, checked by machine where a machine can: axe-core (injected
// into the page) finds no WCAG 2.2 A/AA or best-practice violation on the
// list, an item, the comparison and a chart, in Chinese and English, light
// and dark (the system preference and `dark=1`), on a phone and a desktop.
// Also: 200 % text on a 360 px phone reflows without sideways scrolling,
// touch targets are big enough, and the document's language follows the
// reader's. Keyboard use is in keyboard.test.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startBrowser, openPage, addTestScript } from './harness.js';

const AXE = fileURLToPath(new URL('./node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The pages the issue names, each with what shows it is ready. */
const PAGES = [
  { name: 'list', path: '', ready: '[data-test=card]' },
  { name: 'item', path: '2026/01/', ready: '[data-test=detail]' },
  { name: 'compare', path: 'compare/2025-2026/', ready: '[data-test=matrix]' },
  { name: 'chart', path: 'metric/remote-windows/', ready: '[data-test=series-table]' },
  // Widgets are their pre-rendered pages: found by class, not test hooks.
  { name: 'item embed', path: 'embed/2026/01/', ready: '.card-title', embed: true },
  { name: 'chart embed', path: 'embed/metric/remote-windows/', ready: '.chart img', embed: true },
];
const LANGS = ['zh', 'en'];
/** Dark either from the system (emulated) or from the URL, as embeds ask for it. */
const MODES = [
  { name: 'light', scheme: 'light', param: '' },
  { name: 'dark (system)', scheme: 'dark', param: '' },
  { name: 'dark (dark=1)', scheme: 'light', param: '?dark=1' },
];

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const url = (page, lang, mode = MODES[0]) =>
  `${lang === 'en' ? 'en/' : ''}${page.path}${mode.param}` || './';

/** axe's violations, each as one readable line per offending element. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await addTestScript(page, AXE);
  }
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

async function open(page, lang, mode, { width = 360 } = {}) {
  const opened = await openPage(browser, url(page, lang, mode), {
    contextOptions: { viewport: { width, height: 800 }, colorScheme: mode.scheme },
  });
  await opened.page.locator(page.ready).first().waitFor();
  // Content behind disclosures (sources, the year overview, more filters)
  // is checked too: open them all.
  await opened.page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  return opened;
}

test('axe really runs: a page with a violation is caught', async () => {
  const { page, close } = await open(PAGES[0], 'zh', MODES[0]);
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.querySelector('main').append(img);
  });
  const violations = await axeViolations(page);
  assert.ok(violations.some((v) => v.startsWith('image-alt')), violations.join('\n'));
  await close();
});

for (const p of PAGES) {
  for (const lang of LANGS) {
    for (const mode of MODES) {
      test(`axe: ${p.name}, ${lang}, ${mode.name}, 360 and 1280 px`, async () => {
        const { page, errors, close } = await open(p, lang, mode);
        // A widget is light on a dark system: it matches its host page unless told `dark=1`.
        const dark = p.embed ? mode.param !== '' : mode.name !== 'light';
        // The mode is really in effect: the page background is dark or light.
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r, g, b] = bg.match(/\d+/g).map(Number);
        assert.equal(r + g + b < 3 * 128, dark, `background ${bg}`);
        assert.equal(await page.locator('html').getAttribute('lang'), lang === 'zh' ? 'zh-CN' : 'en');
        // The title, the page's own, says what it shows in the reader's language.
        const title = await page.title();
        assert.equal(/[\u4e00-\u9fff]/.test(title.split(' · ')[0]), lang === 'zh', title);

        assert.deepEqual(await axeViolations(page), [], `at 360 px`);
        await page.setViewportSize({ width: 1280, height: 800 });
        assert.deepEqual(await axeViolations(page), [], `at 1280 px`);
        assert.deepEqual(errors, []);
        await close();
      });
    }
  }
}

test('axe: the embed dialog, open, in both languages and dark', async () => {
  for (const [lang, mode] of [['zh', MODES[0]], ['en', MODES[1]]]) {
    const { page, close } = await open(PAGES[0], lang, mode);
    await page.locator('[data-test=card] [data-test=embed]').first().click();
    await page.locator('[data-test=embed-dialog]').waitFor();
    assert.deepEqual(await axeViolations(page), [], `${lang} ${mode.name}`);
    await close();
  }
});

test('200 % text on a 360 px phone: no sideways scrolling, nothing pushed off screen', async () => {
  for (const p of [...PAGES, { name: 'metric list', path: 'metric/', ready: '[data-test=metric-list]' }]) {
    for (const lang of LANGS) {
      const { page, close } = await open(p, lang, MODES[0]);
      // Text-only zoom, as a browser's text-size setting does it: every size
      // here is in rem or em, so doubling the root doubles all text.
      await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
      const res = await page.evaluate(() => {
        const beyond = [];
        for (const el of document.querySelectorAll('body *')) {
          const box = el.getBoundingClientRect();
          if (!box.width || box.right <= innerWidth + 0.5) continue;
          // Wide data tables scroll inside their own box (WCAG 1.4.10 allows it).
          if (el.closest('.table-wrap')) continue;
          beyond.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)} px)`);
        }
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth, beyond: beyond.slice(0, 5) };
      });
      assert.ok(res.scrollWidth <= res.innerWidth, `${p.name} ${lang}: page is ${res.scrollWidth} px wide`);
      assert.deepEqual(res.beyond, [], `${p.name} ${lang}`);
      await close();
    }
  }
});

test('touch targets: every control at least 24 px, the main ones 44 px', async () => {
  for (const p of PAGES) {
    for (const lang of LANGS) {
      const { page, close } = await open(p, lang, MODES[0]);
      const small = await page.evaluate(() => {
        const out = [];
        const main = '#f-q, select, .chip span, .more-filters > summary, .lang-switch, .tab, .crumbs a, .fig > summary, .year-more > summary, button:not(.embed-btn):not(.embed-lang)';
        for (const el of document.querySelectorAll('a[href], button, input, select, summary, textarea')) {
          // A chip's checkbox is invisible over its label; the label is what is hit.
          const hit = el.matches('.chip input') ? el.nextElementSibling : el;
          const box = hit.getBoundingClientRect();
          if (!box.width) continue;
          // Links inside running text are exempt (WCAG 2.5.8 "inline").
          if (getComputedStyle(hit).display === 'inline') continue;
          const min = hit.matches(main) ? 44 : 24;
          if (box.height < min - 0.5 || box.width < 24) {
            out.push(`${hit.tagName.toLowerCase()}.${hit.className} ${Math.round(box.width)}×${Math.round(box.height)} (< ${min})`);
          }
        }
        return out;
      });
      assert.deepEqual(small, [], `${p.name} ${lang}`);
      await close();
    }
  }
});

test('no motion for readers who ask for none', async () => {
  const { page, close } = await openPage(browser, 'en/', { contextOptions: { reducedMotion: 'reduce' } });
  await page.locator('[data-test=card]').first().waitFor();
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')]
    .filter((el) => {
      const s = getComputedStyle(el);
      const secs = (v) => Math.max(...v.split(',').map((x) => parseFloat(x) || 0));
      return secs(s.transitionDuration) > 0.01 || (s.animationName !== 'none' && secs(s.animationDuration) > 0.01);
    })
    .map((el) => el.tagName));
  assert.deepEqual(moving, []);
  await close();
});
