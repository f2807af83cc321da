// Interaction timing at scale, for `cargo xtask bench` (see BENCHMARKS.md).
//
// Opens the list view of the generated data set (BASE_URL serves a copy of
// the release with 10,000 generated items in data/) in Debian's Chromium at
// phone size, waits until every item is counted, then times, REPS times
// each: a keystroke in the search box, a theme chip toggled, the status
// filter changed. The figure is the renderer's script time for the
// interaction — the change of `ScriptDuration` from the DevTools protocol's
// Performance.getMetrics between just before the input and the frame after
// the page settled — plus all main-thread task time (`TaskDuration`: script,
// style, layout) over the same window. Inputs go through the protocol
// (Input.*) or one plain event dispatch, so no test-tool script runs inside
// the window; the empty window (settling only) is measured too and printed
// as the baseline.
//
// Env: BASE_URL, YEARS (comma-separated, all fixture years), EXPECT (item
// count), REPS (default 50), OPENS (default 5), OUT_JSON (where to write
// the results).
import { writeFileSync } from 'node:fs';
import { phonePage, untilCounted, watchShown } from './phone.mjs';

const BASE_URL = process.env.BASE_URL;
const YEARS = process.env.YEARS;
const EXPECT = Number(process.env.EXPECT || 10000);
const REPS = Math.max(1, Number(process.env.REPS || 50));
if (!BASE_URL || !YEARS) throw new Error('BASE_URL and YEARS are required');

/** Nearest-rank percentile of sorted numbers. */
function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    median: percentile(s, 50),
    p95: percentile(s, 95),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

const OPENS = Math.max(1, Number(process.env.OPENS || 5));
const errors = [];

/**
 * One open, in a fresh context: from the navigation until the app shows the
 * generated items' first screen (a card of theirs: their ids are `YYYY-xN`,
 * the page's own copy has the real ones), then until every item is counted.
 */
async function open(browser) {
  const phone = await phonePage(browser);
  phone.page.on('pageerror', (e) => errors.push(e.message));
  const watch = await watchShown(phone.page, phone.cdp, '[data-test=card][data-id*="-x"]');
  const start = Date.now();
  await phone.page.goto(`${BASE_URL}?year=${YEARS}`, { waitUntil: 'commit' });
  const first = Math.round((await watch.shownAt()) - start);
  await untilCounted(phone.page, EXPECT, 50);
  return { ...phone, first, load: Date.now() - start };
}

// The open varies by a hundred milliseconds from one run to the next here,
// so it is taken several times and the median reported; the interactions
// are then timed on the last page opened.
const firsts = [];
const loads = [];
let opened = null;
for (let i = 0; i < OPENS; i++) {
  if (opened) await opened.context.close();
  opened = await open(opened?.browser);
  firsts.push(opened.first);
  loads.push(opened.load);
}
const { browser, page, cdp } = opened;

async function metrics() {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(list.map(({ name, value }) => [name, value]));
  return { script: m.ScriptDuration * 1000, task: m.TaskDuration * 1000 };
}

// The next frame, then the task after it: effects the input scheduled have
// run and the result has been laid out.
const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

async function measure(action) {
  await settle();
  const before = await metrics();
  await action();
  await settle();
  const after = await metrics();
  return { script: after.script - before.script, task: after.task - before.task };
}

async function counts() {
  const text = (await page.locator('[data-test=count]').first().textContent({ timeout: 60_000 })) || '';
  const nums = (text.match(/\d+/g) || []).map(Number);
  return { text, shown: nums[0], total: nums[nums.length - 1] };
}

const loaded = await counts();
const firstMs = stats(firsts).median;
const loadMs = stats(loads).median;
console.log(
  `first screen after ${firsts.join(', ')} ms (median ${firstMs}); ` +
    `loaded: "${loaded.text.trim()}" after ${loads.join(', ')} ms (median ${loadMs})`,
);

const results = { items: EXPECT, reps: REPS, opens: OPENS, first_ms: firstMs, first_runs: firsts, load_ms: loadMs };
const run = async (name, n, action) => {
  const script = [];
  const task = [];
  for (let i = 0; i < n; i++) {
    const m = await measure(() => action(i));
    script.push(m.script);
    task.push(m.task);
  }
  results[name] = { script: stats(script), task: stats(task) };
};

// Baseline: the measuring window with no input in it.
await run('baseline', REPS, async () => {});

// Keystrokes: queries typed one character at a time, then erased one at a
// time, so both narrowing and widening searches are timed.
const search = page.locator('#f-q');
await search.click();
const queries = ['医保', '跨省通办', 'health', '互认', 'windows', '长三角'];
const keys = [];
for (let q = 0; keys.length < REPS; q++) {
  const word = [...queries[q % queries.length]];
  for (const ch of word) keys.push({ type: ch });
  for (let i = 0; i < word.length; i++) keys.push({ press: 'Backspace' });
}
await run('keystroke', keys.length, async (i) => {
  const k = keys[i];
  if (k.type) await page.keyboard.type(k.type);
  else await page.keyboard.press(k.press);
});
const afterTyping = await counts();
if (afterTyping.shown !== EXPECT) {
  throw new Error(`after typing and erasing, the list shows ${afterTyping.text}`);
}

// A theme chip, on and off: a mouse click at the checkbox (the protocol's
// Input.dispatchMouseEvent), position read before each window.
const more = page.locator('details.more-filters');
if (!(await more.evaluate((d) => d.open))) await more.locator('summary').click();
const chip = page.locator('input[name=theme][value=health]');
let themedCount = null;
await run('theme_toggle', REPS, async () => {
  const box = await chip.boundingBox();
  if (!box) throw new Error('the theme chip is not visible');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
});
themedCount = await counts();

// The status filter, between "completed" and any: the change a pick in the
// select fires, dispatched as one event.
await run('status_toggle', REPS, async (i) => {
  await page.evaluate((v) => {
    const s = document.querySelector('#f-status');
    s.value = v;
    s.dispatchEvent(new Event('change', { bubbles: true }));
  }, i % 2 === 0 ? 'completed' : '');
});

await browser.close();
results.errors = errors;
results.theme_final = themedCount.text.trim();

const fmt = (x) => x.toFixed(2).padStart(8);
console.log(`\n${'interaction (ms)'.padEnd(16)} ${'n'.padStart(4)}  script median      p95   |  task median      p95`);
for (const name of ['baseline', 'keystroke', 'theme_toggle', 'status_toggle']) {
  const r = results[name];
  console.log(
    `${name.padEnd(16)} ${String(r.script.n).padStart(4)}  ${fmt(r.script.median)} ${fmt(r.script.p95)}   | ${fmt(r.task.median)} ${fmt(r.task.p95)}`,
  );
}
if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
if (process.env.OUT_JSON) writeFileSync(process.env.OUT_JSON, JSON.stringify(results, null, 2));
