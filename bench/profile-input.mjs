// Where an input's script goes at 10,000 items, by hand (see BENCHMARKS.md,
// sixteenth session). Not part of `cargo xtask bench`.
//
// Opens BASE_URL?year=YEARS as bench/interaction.mjs does, waits until the
// list counts EXPECT items, then repeats one input N times: a keystroke
// (MODE=keys: words typed and erased) or the status filter switched
// (MODE=status, the default). It prints, per input: the renderer's script,
// task, layout and style time; the DOM calls made (the methods wrapped in
// the page: they add their own time to the figures); the nodes the list
// gained and lost; and the CPU profile's heaviest functions (named on a
// build made with `cargo xtask build --names`).
//
// Env: BASE_URL, YEARS, EXPECT (default 10000), MODE, N (default 20), TOP
// (how many inclusive entries, default 40).
import { phonePage, untilCounted } from './phone.mjs';
import { printHeaviest } from './cpuprofile.mjs';

const { BASE_URL, YEARS } = process.env;
const EXPECT = Number(process.env.EXPECT || 10000);
const N = Number(process.env.N || 20);
const KEYS = process.env.MODE === 'keys';
if (!BASE_URL || !YEARS) throw new Error('BASE_URL and YEARS are required');

const { browser, page, cdp } = await phonePage();
await page.goto(`${BASE_URL}?year=${YEARS}`, { waitUntil: 'load' });
await untilCounted(page, EXPECT, 100);
await page.waitForTimeout(1000);
await page.evaluate(() => {
  const m = (window.__mutations = { added: 0, removed: 0 });
  new MutationObserver((rs) => {
    for (const r of rs) (m.added += r.addedNodes.length), (m.removed += r.removedNodes.length);
  }).observe(document.body, { subtree: true, childList: true });
  const calls = (window.__calls = {});
  const wrap = (proto, names) => {
    for (const n of names) {
      const f = proto[n];
      proto[n] = function (...a) {
        calls[n] = (calls[n] || 0) + 1;
        return f.apply(this, a);
      };
    }
  };
  wrap(Document.prototype, ['createElement', 'createTextNode', 'createComment']);
  wrap(Node.prototype, ['insertBefore', 'appendChild', 'removeChild', 'cloneNode']);
  wrap(Element.prototype, ['setAttribute', 'removeAttribute', 'remove']);
  wrap(EventTarget.prototype, ['addEventListener']);
});

const settle = () => page.evaluate(() => new Promise((r) => requestIdleCallback(() => requestAnimationFrame(() => setTimeout(r, 0)))));
const words = ['医保', '跨省通办', 'health'].flatMap((w) => [...w, ...[...w].map(() => 'Backspace')]);
async function input(i) {
  if (!KEYS) {
    await page.evaluate((v) => {
      const s = document.querySelector('#f-status');
      s.value = v;
      s.dispatchEvent(new Event('change', { bubbles: true }));
    }, i % 2 === 0 ? 'completed' : '');
  } else if (words[i % words.length] === 'Backspace') await page.keyboard.press('Backspace');
  else await page.keyboard.type(words[i % words.length]);
  await settle();
}

if (KEYS) await page.locator('#f-q').click();
const metrics = async () =>
  Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value * 1000]));
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const m0 = await metrics();
await cdp.send('Profiler.start');
for (let i = 0; i < N; i++) await input(i);
const { profile } = await cdp.send('Profiler.stop');
const m1 = await metrics();

const per = (x) => (x / N).toFixed(2);
console.log(`per input (${KEYS ? 'keystroke' : 'status switched'}, ${N} times):`);
for (const k of ['ScriptDuration', 'TaskDuration', 'LayoutDuration', 'RecalcStyleDuration']) console.log(`  ${k} ${per(m1[k] - m0[k])} ms`);
const calls = await page.evaluate(() => window.__calls);
console.log('  DOM calls', Object.entries(calls).map(([k, v]) => `${k} ${per(v)}`).join(', '));
const mut = await page.evaluate(() => window.__mutations);
console.log(`  nodes added ${per(mut.added)}, removed ${per(mut.removed)} (top level of each change)`);

console.log('(per input)');
printHeaviest(profile, { per: N, self: 25, inclusive: Number(process.env.TOP || 40) });
await browser.close();
