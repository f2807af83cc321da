// Screenshots of the product for reviewers: `cargo xtask screenshots`
// serves the release build and runs this with BASE_URL and OUT_DIR set.
// Not a test (the name keeps it out of `node --test e2e/`): it only draws.
//
// Each picture is one screen (the viewport, not the whole page), as a
// reader first sees it: the list and a pledge in every combination of
// language, light/dark and phone/desktop; the comparison and a chart on a
// phone, both languages, light and dark.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, BASE_URL } from '../harness.js';

const OUT_DIR = process.env.OUT_DIR || new URL('../../docs/screenshots/', import.meta.url).pathname;

const VIEWS = {
  list: { query: 'year=2026', ready: '[data-test=card]' },
  item: { query: 'item=2026-01', ready: '[data-test=detail] [data-test=figure]' },
  compare: { query: 'view=compare&year=2025,2026', ready: '[data-test=matrix]' },
  metric: { query: 'view=metric&metric=remote-windows', ready: '[data-test=chart] img' },
};
const LANGS = ['zh', 'en'];
const SCHEMES = ['light', 'dark'];

const shots = [];
for (const view of ['list', 'item']) {
  for (const lang of LANGS) for (const scheme of SCHEMES) for (const width of [360, 1280]) shots.push({ view, lang, scheme, width });
}
for (const view of ['compare', 'metric']) {
  for (const lang of LANGS) for (const scheme of SCHEMES) shots.push({ view, lang, scheme, width: 360 });
}

mkdirSync(OUT_DIR, { recursive: true });
const browser = await startBrowser();
let failed = 0;
for (const { view, lang, scheme, width } of shots) {
  const file = `${view}-${lang}-${scheme}-${width}.png`;
  // No service worker: its "saved for offline" and update notices depend on
  // timing and would make the pictures differ from run to run.
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    colorScheme: scheme,
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
    locale: lang === 'zh' ? 'zh-CN' : 'en-GB',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // Every year file in, so a chart or comparison is drawn from all its data.
    await page.goto(`${BASE_URL}?lang=${lang}&${VIEWS[view].query}`, { waitUntil: 'networkidle' });
    await page.locator(VIEWS[view].ready).first().waitFor();
    await page.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
    });
    await page.screenshot({ path: join(OUT_DIR, file), caret: 'hide', animations: 'disabled' });
    if (errors.length) throw new Error(errors.join('; '));
    console.log(`  ${file}`);
  } catch (e) {
    failed += 1;
    console.error(`  ${file}: ${e.message}`);
  }
  await context.close();
}
await browser.close();
console.log(`${shots.length - failed} of ${shots.length} screenshots in ${OUT_DIR}`);
process.exit(failed ? 1 : 0);
