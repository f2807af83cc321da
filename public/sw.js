/* YRD Pledges service worker. Hand-written on purpose (no Workbox): the
   whole offline policy fits on one screen and can be read in review.

   `BUILD` below is filled in by the build (xtask/src/pwa.rs) with the files
   that build emitted, their SHA-256 and a version derived from all of them.
   Until then it is an empty template and the worker does nothing. */
'use strict';

const BUILD = /*BUILD*/{"version":"dev","page":"index.html","pageRefs":[],"shell":[],"data":[]}/*END*/;

// Cache names are per origin, not per scope: the scope in the name keeps two
// copies of the app under different sub-paths of one host from deleting
// each other's caches.
const PREFIX = 'yrd-pledges:' + self.registration.scope + ':';
const CACHE = PREFIX + BUILD.version;
// On a connection that is up but barely moving, a reader should not stare
// at a blank page when a saved copy exists.
const PAGE_TIMEOUT_MS = 4000;

const abs = (path) => new URL(path, self.location).href;
const PAGE = abs(BUILD.page);
const SCOPE_PATH = new URL(self.registration.scope).pathname;
const DATA_DIR = abs('data/');
const SHELL = new Set(BUILD.shell.map((f) => abs(f.url)));
const BUILT = BUILD.version !== 'dev';
const MATCH = { ignoreVary: true };

self.addEventListener('install', (event) => {
  if (BUILT) event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((n) => n.startsWith(PREFIX) && n !== CACHE)
      .map((n) => caches.delete(n)));
    // The first visit is then served offline-capable without a reload.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') {
    // Only ever sent when the reader pressed "Reload".
    self.skipWaiting();
  } else if (type === 'GET_VERSION' && event.ports[0]) {
    event.ports[0].postMessage({ type: 'VERSION', version: BUILD.version });
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (!BUILT || req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const key = url.origin + url.pathname;
  if (req.mode === 'navigate' && isPage(url.pathname)) {
    event.respondWith(page(event));
  } else if (key.startsWith(DATA_DIR) && key.endsWith('.json')) {
    event.respondWith(data(event, key));
  } else if (SHELL.has(key)) {
    event.respondWith(cacheFirst(req, key));
  }
});

// All state is in the query string, so every view is this one page.
function isPage(path) {
  return path === SCOPE_PATH || path === SCOPE_PATH + 'index.html';
}

async function precache() {
  // Everything is fetched and checked before anything is stored: a failed
  // install leaves the working version alone and is retried on a later visit.
  const shell = await Promise.all(BUILD.shell.map(async (f) => {
    // The hash guards against a host that answers a missing file with some
    // other page, and against a half-finished deploy.
    const res = await fetchFresh(abs(f.url), f.integrity, f.hashed);
    return [abs(f.url), res];
  }));
  const page = unredirected(await fetchFresh(PAGE));
  const html = await page.clone().text();
  // Hosts may rewrite HTML (analytics, minifiers), so the page is not
  // hashed; what must hold is that it loads this build's assets.
  const foreign = BUILD.pageRefs.filter((ref) => !html.includes(ref));
  if (foreign.length) {
    throw new Error('the page on the server is from another build (missing ' + foreign.join(', ') + ')');
  }
  const data = await fetchData();
  const cache = await caches.open(CACHE);
  await Promise.all([...shell, [PAGE, page], ...data].map(([url, res]) => cache.put(url, res)));
}

// Data is published on its own schedule, so the years to keep are the ones
// the live index lists (the build's list covers an index without `years`).
async function fetchData() {
  const indexUrl = abs('data/index.json');
  const index = await fetchFresh(indexUrl);
  let files = BUILD.data.filter((p) => p !== 'data/index.json');
  try {
    const listed = (await index.clone().json()).years;
    if (Array.isArray(listed)) {
      files = listed.filter((y) => y && typeof y.file === 'string').map((y) => 'data/' + y.file);
    }
  } catch (_) { /* an unreadable index is the app's to report, not install's */ }
  // A year the server cannot give now is the app's to report (with a
  // retry); it must not cost the reader every other year offline.
  const years = await Promise.all([...new Set(files)].map((p) =>
    fetchFresh(abs(p)).then((res) => [abs(p), res], () => null)));
  return [[indexUrl, index], ...years.filter(Boolean)];
}

// A name with a content hash never changes meaning, so the HTTP cache may
// answer (the page usually just downloaded it); anything else is checked
// with the server.
async function fetchFresh(url, integrity, immutable) {
  const init = { cache: immutable ? 'default' : 'no-cache' };
  if (integrity) init.integrity = integrity;
  const res = await fetch(new Request(url, init));
  if (!res.ok) throw new Error(url + ': HTTP ' + res.status);
  return res;
}

// A host may answer `index.html` with a redirect to `./`; a redirected
// response cannot answer a navigation, so it is stored as a plain one.
function unredirected(res) {
  if (!res.redirected) return res;
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function page(event) {
  const cache = await caches.open(CACHE);
  const network = fetch(event.request);
  let timer;
  const slow = new Promise((resolve) => { timer = setTimeout(resolve, PAGE_TIMEOUT_MS); });
  try {
    const res = await Promise.race([network, slow.then(() => cache.match(PAGE, MATCH)).then((hit) => hit || network)]);
    // A redirect (say, to add a trailing slash) is an answer, not a failure.
    if (res.ok || res.type === 'opaqueredirect') return res;
    return (await cache.match(PAGE, MATCH)) || res;
  } catch (err) {
    const hit = await cache.match(PAGE, MATCH);
    if (hit) return hit;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

async function cacheFirst(req, key) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key, MATCH)) || fetch(req);
}

// Stale-while-revalidate: the saved copy answers at once; the network copy
// replaces it for next time, and open pages are told if it differs.
async function data(event, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key, MATCH);
  const stale = cached && cached.clone();
  const refresh = fetch(new Request(key, { cache: 'no-cache' })).then(async (res) => {
    if (!res.ok) return res;
    await cache.put(key, res.clone());
    if (stale && (await stale.text()) !== (await res.clone().text())) {
      await notify({ type: 'DATA_UPDATED', url: key });
    }
    return res;
  });
  if (!cached) return refresh;
  event.waitUntil(refresh.catch(() => {}));
  return cached;
}

async function notify(message) {
  const pages = await self.clients.matchAll({ type: 'window' });
  for (const client of pages) client.postMessage(message);
}
