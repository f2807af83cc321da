// A page is a document of its own: an item's page, read without script (as
// a crawler or a link preview reads it), carries the pledge's title and
// description and, as the build was given the site's address (`SITE_URL`,
// the made-up one `cargo xtask test` builds with), its canonical link,
// languages and preview tags; the sitemap lists the pages, not the embeds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, BASE_URL } from './harness.js';

const SITE_URL = process.env.SITE_URL || null;
const noSite = !SITE_URL && 'no SITE_URL (the address the build was given with --site-url)';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const year2026 = JSON.parse(readFileSync(new URL('../public/data/2026.json', import.meta.url)));
const item = year2026.items.find((i) => i.id === '2026-06');

test('an item page carries its title, description, canonical link and preview tags with JavaScript off', { skip: noSite }, async () => {
  const { page, close } = await openPage(browser, null, { contextOptions: { javaScriptEnabled: false } });
  for (const [path, lang, locale] of [['2026/06/', 'zh', 'zh_CN'], ['en/2026/06/', 'en', 'en_GB']]) {
    const res = await page.goto(new URL(path, BASE_URL).href);
    assert.equal(res.status(), 200, path);
    const title = await page.title();
    assert.ok(title.startsWith(`${item.title[lang]} · `), `${path}: ${title}`);
    const attr = (selector, name) => page.locator(selector).getAttribute(name);
    const description = await attr('meta[name=description]', 'content');
    // The pledge's own content, its first words.
    assert.ok(description.length > 20, description);
    assert.ok(item.content[lang].replace(/\s+/g, ' ').startsWith(description.replace(/…$/, '')), `${path}: ${description}`);
    const address = new URL(path, SITE_URL).href;
    assert.equal(await attr('link[rel=canonical]', 'href'), address);
    assert.equal(await attr('link[hreflang=zh-CN]', 'href'), new URL('2026/06/', SITE_URL).href);
    assert.equal(await attr('link[hreflang=en]', 'href'), new URL('en/2026/06/', SITE_URL).href);
    assert.equal(await attr('link[hreflang=x-default]', 'href'), new URL('2026/06/', SITE_URL).href);
    assert.equal(await attr('meta[property="og:title"]', 'content'), title);
    assert.equal(await attr('meta[property="og:description"]', 'content'), description);
    assert.equal(await attr('meta[property="og:url"]', 'content'), address);
    assert.equal(await attr('meta[property="og:type"]', 'content'), 'website');
    assert.equal(await attr('meta[property="og:locale"]', 'content'), locale);
    assert.ok(await attr('meta[property="og:site_name"]', 'content'));
    assert.equal(await attr('meta[name="twitter:card"]', 'content'), 'summary_large_image');
    // The preview image is served where the tag says, a 1200 × 630 PNG.
    const image = await attr('meta[property="og:image"]', 'content');
    assert.equal(image, new URL(`${path}preview.png`, SITE_URL).href);
    const png = await fetch(new URL(image.slice(SITE_URL.length), BASE_URL));
    assert.equal(png.status, 200, image);
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = new DataView(await png.arrayBuffer());
    // The PNG signature, then the IHDR chunk's width and height.
    assert.equal(bytes.getUint32(0), 0x89504e47);
    assert.deepEqual([bytes.getUint32(16), bytes.getUint32(20)], [1200, 630]);
  }
  // An embed's canonical page is its full view.
  await page.goto(new URL('embed/2026/06/?dark=1', BASE_URL).href);
  assert.equal(await page.locator('link[rel=canonical]').getAttribute('href'), new URL('2026/06/', SITE_URL).href);
  await close();
});

test('the sitemap lists the pages in both languages and no embed; robots.txt names it', { skip: noSite }, async () => {
  const map = await (await fetch(new URL('sitemap.xml', BASE_URL))).text();
  for (const path of ['', 'en/', '2026/06/', 'en/2026/06/', 'compare/2025-2026/', 'en/metric/remote-windows/']) {
    assert.ok(map.includes(`<loc>${new URL(path, SITE_URL).href}</loc>`), path);
  }
  assert.ok(!map.includes('embed/'));
  const robots = await (await fetch(new URL('robots.txt', BASE_URL))).text();
  assert.ok(robots.includes(`Sitemap: ${new URL('sitemap.xml', SITE_URL).href}`), robots);
});
