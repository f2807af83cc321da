// Service-worker helpers shared by the offline and the fault tests.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Waits until a service worker is active and controls the page. */
export async function untilControlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

/** The version of the worker that serves the page, as the worker says it. */
export function servedVersion(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => resolve(e.data.version);
        navigator.serviceWorker.controller.postMessage({ type: 'GET_VERSION' }, [channel.port2]);
      }),
  );
}

/** The build's content-hashed files at the top of `dir`: the app's JS and WASM, and the parts' modules. */
export function hashedAssets(dir) {
  return readdirSync(dir).filter((f) => /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/.test(f));
}

/** The main WASM module, as opposed to the parts fetched on demand. */
export function mainWasm(dir) {
  return hashedAssets(dir).find((f) => f.endsWith('_bg.wasm'));
}

/**
 * Turns `dir` into the next release: new hashed names (the hash reversed, so
 * the length stays and the main module's imports can be renamed in place),
 * a changed page, stamped by the build's own CSP and offline steps. The
 * files name each other (the page the app's JS and WASM; the JS the parts'
 * loader; the loader the parts; the main module the loader), so every
 * mention is renamed, as a real release would have it.
 */
export function newRelease(dir) {
  const names = hashedAssets(dir);
  const renames = names.map((name) => [name, name.replace(/-([0-9a-f]{12,16})(?=_bg\.|\.)/, (_, h) => `-${[...h].reverse().join('')}`)]);
  const stems = renames.map(([from, to]) => [from.replace(/(_bg)?\.(js|wasm|css)$/, ''), to.replace(/(_bg)?\.(js|wasm|css)$/, '')]);
  for (const [from, to] of renames) {
    if (from === to) throw new Error(`${from} keeps its name`);
    let bytes = readFileSync(join(dir, from));
    for (const [a, b] of stems) bytes = replaceAllBytes(bytes, Buffer.from(a), Buffer.from(b));
    rmSync(join(dir, from));
    writeFileSync(join(dir, to), bytes);
  }
  let html = readFileSync(join(dir, 'index.html'), 'utf8');
  for (const [a, b] of stems) html = html.replaceAll(a, b);
  writeFileSync(join(dir, 'index.html'), html.replace('</body>', '<!-- second release -->\n</body>'));
  // The starter names the renamed files: its CSP hash changes too.
  execFileSync('cargo', ['xtask', 'csp', dir], { cwd: ROOT, stdio: 'ignore' });
  execFileSync('cargo', ['xtask', 'pwa', dir], { cwd: ROOT, stdio: 'ignore' });
}

function replaceAllBytes(bytes, from, to) {
  const parts = [];
  let at = 0;
  for (let i = bytes.indexOf(from); i !== -1; i = bytes.indexOf(from, at)) {
    parts.push(bytes.subarray(at, i), to);
    at = i + from.length;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}
