// Comparisons across years, as a reader checks them: the theme × year
// matrix, the remote-windows chart with its numbers, a number's source one
// tap away, and downloads that hold what is on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBrowser, openPage, resolve, itemPath } from './harness.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const read = (name) => JSON.parse(readFileSync(new URL(`../public/data/${name}`, import.meta.url)));

async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).first().click()]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('the 2025–2026 comparison shows the theme × year matrix and what changed', async () => {
  const { page, errors } = await openPage(browser, 'compare/2025-2026/');
  const matrix = page.locator('[data-test=matrix]');
  await matrix.waitFor();
  const heads = await matrix.locator('thead th').allInnerTexts();
  assert.equal(heads.length, 3);
  assert.match(heads[1], /2025/);
  assert.match(heads[2], /2026/);
  // Every item of both years sits in the matrix, under its own year.
  for (const y of [2025, 2026]) {
    for (const item of read(`${y}.json`).items) {
      const cells = matrix.locator(`td[data-year="${y}"] a[href*="${itemPath(item.id)}"]`);
      assert.ok((await cells.count()) >= 1, `${item.id} missing from the ${y} column`);
    }
  }
  // The curated link 2026-01 ← 2025-07 shows as a continuation.
  const summary = await page.locator('[data-test=compare-summary]').innerText();
  assert.match(summary, /2026\s*年清单中\s*\d+\s*项延续\s*2025\s*年/);
  assert.ok(await page.locator('.change-continues a[href*="2026/01/"]').count() >= 1);
  assert.deepEqual(errors, []);
});

test('the remote-windows chart shows 515, 600 and 650, and its table says which are targets', async () => {
  const { page, errors } = await openPage(browser, 'en/metric/remote-windows/');
  const chart = page.locator('[data-test=chart] img');
  await chart.waitFor();
  const svg = decodeURIComponent((await chart.getAttribute('src')).replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  for (const label of ['515', '600+', '650+']) assert.ok(svg.includes(label), `chart lacks ${label}`);
  assert.ok((await chart.getAttribute('alt')).length > 10, 'the chart has a text alternative');
  const rows = await page.locator('[data-test=series-table] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th').innerText, tr.dataset.kind, tr.querySelector('[data-test=point-value]').innerText]));
  const find = (year, kind, re) => rows.some(([y, k, v]) => y === year && k === kind && re.test(v));
  assert.ok(find('2024', 'outcome', /^515/), JSON.stringify(rows));
  assert.ok(find('2025', 'target', /more than 600/), JSON.stringify(rows));
  assert.ok(find('2026', 'target', /more than 650/), JSON.stringify(rows));
  // The implied-baseline check is spelled out for series that have one.
  await page.goto(page.url().replace('remote-windows', 'cross-province-services'));
  await page.locator('[data-test=baselines] li').first().waitFor();
  assert.match(await page.locator('[data-test=baselines]').innerText(), /300/);
  assert.deepEqual(errors, []);
});

test('tapping a number reveals its verbatim source sentence', async () => {
  const { page, errors } = await openPage(browser, 'metric/remote-windows/');
  // Every year's figures first: the table is redrawn as years arrive.
  await page.waitForFunction(() => document.querySelectorAll('[data-test=series-table] tbody tr').length >= 4);
  const first = page.locator('[data-test=series-table] details').filter({ hasText: '650' }).first();
  await first.waitFor();
  assert.equal(await first.locator('[data-test=quote]').isVisible(), false);
  await first.locator('summary').click();
  const quote = await first.locator('[data-test=quote]').innerText();
  assert.equal(quote, '按需开设远程虚拟窗口超650个');
  assert.match(await first.locator('.src').innerText(), /沪苏浙皖发布长三角一体化发展实事清单/);

  // The same on a card in the list.
  await page.goto(resolve('2026/'));
  const fig = page.locator('[data-test=card][data-id="2026-02"] [data-test=figure]').first();
  await fig.locator('summary').click();
  assert.match(await fig.locator('[data-test=quote]').innerText(), /400项/);
  assert.deepEqual(errors, []);
});

test('the CSV download holds exactly the rows on screen, readable as Chinese', async () => {
  const { page, errors } = await openPage(browser, '2026/?theme=health');
  await page.locator('[data-test=card]').first().waitFor();
  const onScreen = await page.locator('[data-test=card]').evaluateAll((cs) => cs.map((c) => c.dataset.id));
  const { name, text } = await downloadText(page, '[data-test=download-csv]');
  const { data_version: version, updated } = read('index.json');
  assert.equal(name, `yrd-pledges-${version}.csv`, 'the file name says which data it holds');
  const j = await downloadText(page, '[data-test=download-json]');
  const parsed = JSON.parse(j.text);
  assert.equal(parsed.data_version, version);
  assert.equal(parsed.data_updated, updated);
  assert.deepEqual(parsed.data.map((i) => i.id), onScreen);
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM for spreadsheet programs');
  const ids = text.split(/\r\n/).slice(1).filter(Boolean).map((l) => l.split(',')[0]);
  assert.deepEqual(ids, onScreen);
  assert.ok(text.includes('检查检验'));

  await page.goto(resolve('compare/2025-2026/'));
  await page.locator('[data-test=matrix]').waitFor();
  const linked = await page.locator('[data-test=matrix] td a').evaluateAll((as) =>
    as.map((a) => /(\d{4})\/(\d\d|x\d+)\/$/.exec(new URL(a.href).pathname).slice(1).join('-')));
  const m = await downloadText(page, '[data-test=download-csv]');
  for (const id of linked) assert.ok(m.text.includes(id), `${id} not in the matrix CSV`);

  await page.goto(resolve('metric/remote-windows/'));
  await page.locator('[data-test=series-table]').waitFor();
  const s = await downloadText(page, '[data-test=download-csv]');
  assert.ok(s.text.includes('按需开设远程虚拟窗口超650个'), 'series CSV carries the quotes');
  const svg = await downloadText(page, '[data-test=download-svg]');
  assert.match(svg.text, /^<svg|^<\?xml/);
  assert.deepEqual(errors, []);
});

test('the metric list leads to each chart', async () => {
  const { page, errors } = await openPage(browser, 'en/metric/');
  await page.locator('[data-test=metric-list] a').first().waitFor();
  const keys = await page.locator('[data-test=metric-list] a').evaluateAll((as) => as.map((a) => a.dataset.metric));
  for (const k of ['remote-windows', 'cross-province-services', 'e-certificates', 'one-card-services', 'test-mutual-recognition']) {
    assert.ok(keys.includes(k), k);
  }
  await page.locator('[data-test=metric-list] a[data-metric=one-card-services]').click();
  await page.locator('[data-test=chart]').waitFor();
  assert.match(page.url(), /metric\/one-card-services\/$/);
  assert.match(await page.locator('[data-test=series-table]').innerText(), /113/);
  assert.deepEqual(errors, []);
});
