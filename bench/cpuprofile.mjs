// The heaviest functions of a CDP CPU profile, for the profiling scripts.
// A function is named with its file and column: the JS glue's minified
// names repeat, and a release module without its name section shows only
// `wasm-function[N]` (`cargo xtask build --names` keeps the names).

/** Prints the `self` heaviest functions by self time and the `inclusive`
 *  heaviest by inclusive time, each in ms divided by `per`. */
export function printHeaviest(profile, { per = 1, self: nSelf = 30, inclusive: nIncl = 60 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (n) =>
    `${(n.callFrame.functionName || '(anonymous)').replace(/17h[0-9a-f]{16}E$/, '')} ` +
    `${n.callFrame.url.split('/').pop().replace(/-[0-9a-f]{16}/, '')}:${n.callFrame.columnNumber}`;
  const self = new Map();
  const incl = new Map();
  const add = (map, k, d) => map.set(k, (map.get(k) || 0) + d);
  for (let i = 0; i < profile.samples.length; i++) {
    const d = (profile.timeDeltas[i + 1] ?? 0) / 1000 / per;
    let id = profile.samples[i];
    add(self, name(byId.get(id)), d);
    const seen = new Set();
    for (; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id));
      if (!seen.has(k)) add(incl, k, d), seen.add(k);
    }
  }
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log('--- self ms');
  for (const [k, v] of top(self, nSelf)) console.log(v.toFixed(2).padStart(9), k);
  console.log('--- inclusive ms');
  for (const [k, v] of top(incl, nIncl)) console.log(v.toFixed(2).padStart(9), k);
}
