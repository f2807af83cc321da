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
  if (BUILT) event.waitUntil(precacheOrClean());
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
  if (req.mode === 'navigate' && !SHELL.has(key) && isPage(url.pathname)) {
    event.respondWith(page(event, pageKey(url)));
  } else if (key.startsWith(DATA_DIR) && key.endsWith('.json')) {
    event.respondWith(data(event, key));
  } else if (SHELL.has(key)) {
    event.respondWith(cacheFirst(req, key));
  }
});

// Every view is a page of its own folder (`2026/06/`); the archived
// articles' pages are precached files and answered as such.
function isPage(path) {
  return path.startsWith(SCOPE_PATH) && (path.endsWith('/') || path.endsWith('/index.html'));
}

// The cache's name for a page: its file.
function pageKey(url) {
  const file = url.pathname.endsWith('/') ? url.pathname + 'index.html' : url.pathname;
  return url.origin + file;
}

// A failed attempt (a file cut off mid-way, say) must not leave a
// half-written cache behind: this version's cache is either whole or absent.
async function precacheOrClean() {
  try {
    await precache();
  } catch (err) {
    await caches.delete(CACHE);
    throw err;
  }
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
  const index = await fetchFresh(indexUrl).then(whole);
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
    fetchFresh(abs(p)).then(whole).then((res) => [abs(p), res], () => null)));
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

// The body read to its end: a response whose transfer breaks off rejects
// here, where it costs one file, not later in cache.put, where it costs the
// whole install.
async function whole(res) {
  const body = await res.arrayBuffer();
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

// A host may answer `index.html` with a redirect to `./`; a redirected
// response cannot answer a navigation, so it is stored as a plain one.
function unredirected(res) {
  if (!res.redirected) return res;
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function page(event, key) {
  const cache = await caches.open(CACHE);
  const network = fetch(event.request);
  const missing = await missingFrom(cache);
  // The browser may empty a cache on its own (storage pressure, a reader
  // clearing site data): the page then comes from the network, and once
  // the network has answered, the cache is filled again, whole, from this
  // same build, or not at all (a server already on a newer build fails the
  // precache's checks, and the update flow takes over).
  if (missing.length) {
    event.waitUntil(network.then((r) => (r.ok ? precacheOrClean() : null)).catch(() => {}));
  }
  // A saved page only counts with everything it needs to start: one whose
  // assets are gone would only hang on "Loading…". A page not visited
  // before is the root's, which renders any path of the app from the
  // cached data.
  const saved = async () => {
    if (missing.length) return undefined;
    return (await cache.match(key, MATCH)) || (key === PAGE ? undefined : shellFor(cache));
  };
  const fresh = network.then(async (res) => {
    // A redirect (say, to add a trailing slash) is an answer, not a failure.
    if (res.type === 'opaqueredirect') return res;
    // No such page: the site's own 404 page says so.
    if (res.status === 404 && key !== PAGE) return res;
    if (!res.ok) return (await saved()) || res;
    // The server may already have the next release. Its page must not run
    // beside this worker and its files: this build's page answers until
    // the new worker has everything and the reader takes it in ("Reload").
    if (!(await ownBuild(res.clone()))) return (await saved()) || res;
    // Visited, so readable offline next time.
    if (key !== PAGE && !res.redirected) event.waitUntil(cache.put(key, res.clone()));
    return res;
  });
  let timer;
  const slow = new Promise((resolve) => { timer = setTimeout(resolve, PAGE_TIMEOUT_MS); });
  try {
    return await Promise.race([fresh, slow.then(saved).then((hit) => hit || fresh)]);
  } catch (err) {
    return (await saved()) || incomplete(missing);
  } finally {
    clearTimeout(timer);
  }
}

// The root's page answering for another path: its `<base>` names the root
// as a link from the root itself, so here the root's full address stands
// in. Its head script sees the page is not this path's and leaves the view
// to the app.
async function shellFor(cache) {
  const res = await cache.match(PAGE, MATCH);
  if (!res) return undefined;
  const root = self.registration.scope;
  const html = (await res.text()).replace(/<base href="[^"]*">/, () => `<base href="${root}">`);
  const headers = new Headers(res.headers);
  for (const h of ['content-length', 'content-encoding', 'etag']) headers.delete(h);
  return new Response(html, { status: 200, statusText: 'OK', headers });
}

// Whether a page loads this build's assets (hosts may rewrite the rest).
async function ownBuild(res) {
  const html = await res.text();
  return BUILD.pageRefs.every((ref) => html.includes(ref));
}

// What the page needs to start that this version's cache lacks.
async function missingFrom(cache) {
  const urls = [PAGE, ...BUILD.pageRefs.map(abs)];
  const hits = await Promise.all(urls.map((u) => cache.match(u, MATCH)));
  return urls.filter((_, i) => !hits[i]).map((u) => u.slice(abs('./').length) || BUILD.page);
}

// Offline with an incomplete copy: say so, in both languages, instead of
// the browser's error page or a page that cannot start. Text only. A name
// is shown as a URL writes it: any character but letters, digits and
// `_.~/%-` goes through `encodeURIComponent`, which leaves none that HTML
// reads as markup (`&`, `<`, `>`, `"`), so nothing needs escaping.
function incomplete(missing) {
  const asUrl = (name) => name.replace(/[^\w.~\/%-]/g, encodeURIComponent);
  const list = missing.map((m) => `<li><code>${asUrl(m)}</code></li>`).join('');
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>长三角实事 · YRD Pledges</title>
<main data-test="sw-incomplete">
<h1>长三角实事 <span lang="en">YRD Pledges</span></h1>
<p>没有网络连接，而本设备保存的应用副本不完整（浏览器可能已清除部分内容）。请连接网络后<a href="">重新加载</a>。</p>
<p lang="en">There is no connection, and the copy of the app saved on this device is incomplete (the browser may have cleared part of it). Please connect and <a href="">reload</a>.</p>
<p lang="en">Missing:</p><ul>${list}</ul>
</main></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; frame-ancestors *",
      'cache-control': 'no-store',
    },
  });
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
