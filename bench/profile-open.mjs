// Where the open of the generated 10,000-item set goes, by hand (see
// BENCHMARKS.md, twelfth session). Not part of `cargo xtask bench`.
//
// Opens BASE_URL?year=YEARS as bench/interaction.mjs does (Debian's
// Chromium, phone size, service worker blocked), waits for the first screen
// of the generated items, then until the list counts EXPECT items, and
// prints: the open's time, the renderer's script, task,
// layout and style time (Performance.getMetrics), when each data file and
// WASM module finished arriving, and, unless PROFILE=0, the CPU profile's
// heaviest functions by self and inclusive time, up to the first screen
// with FIRST=1 (`cargo xtask build --names` names them; otherwise they are
// `wasm-function[N]`).
// BASE_URL must serve a copy of dist/ with the generated data in data/, as
// the bench's temporary fixture folder does.
//
// Env: BASE_URL, YEARS, EXPECT (default 10000), PROFILE (default on), FIRST, OUT
// (where to write the .cpuprofile, for DevTools).
import { writeFileSync } from 'node:fs';
import { phonePage, untilCounted, watchShown } from './phone.mjs';
import { printHeaviest } from './cpuprofile.mjs';

const BASE_URL = process.env.BASE_URL;
const YEARS = process.env.YEARS;
const EXPECT = Number(process.env.EXPECT || 10000);
const PROFILE = process.env.PROFILE !== '0';
if (!BASE_URL || !YEARS) throw new Error('BASE_URL and YEARS are required');

const { browser, page, cdp } = await phonePage();
const t0 = Date.now();
const events = [];
page.on('requestfinished', (r) => {
  if (/data\/|\.wasm/.test(r.url())) events.push([Date.now() - t0, `arrived ${r.url().split('/').pop()}`]);
});
if (PROFILE) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}
const watch = await watchShown(page, cdp, '[data-test=card][data-id*="-x"]');
await page.goto(`${BASE_URL}?year=${YEARS}`, { waitUntil: 'commit' });
events.push([Math.round((await watch.shownAt()) - t0), 'first screen']);
const firstProfile = PROFILE && process.env.FIRST ? (await cdp.send('Profiler.stop')).profile : null;
await untilCounted(page, EXPECT, 50);
const openMs = Date.now() - t0;
events.push([openMs, `${EXPECT} counted`]);
const { metrics: list } = await cdp.send('Performance.getMetrics');
const m = Object.fromEntries(list.map(({ name, value }) => [name, value * 1000]));
const cards = await page.locator('[data-test=card]').count();
console.log(
  `open ${openMs} ms; script ${m.ScriptDuration.toFixed(0)} ms, task ${m.TaskDuration.toFixed(0)} ms, ` +
    `layout ${m.LayoutDuration.toFixed(0)} ms, style ${m.RecalcStyleDuration.toFixed(0)} ms; ${cards} cards`,
);
// In time order: the first screen is noted once the page is asked, after
// arrivals that may have come later.
for (const [t, e] of events.sort((a, b) => a[0] - b[0])) console.log(String(t).padStart(6), e);

if (PROFILE) {
  const profile = firstProfile || (await cdp.send('Profiler.stop')).profile;
  if (process.env.OUT) writeFileSync(process.env.OUT, JSON.stringify(profile));
  printHeaviest(profile);
}
await browser.close();
