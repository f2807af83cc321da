// The HTTP contract of the server the tests (and `cargo xtask serve`) use,
// which stands in for the static host or CDN: methods, path safety, headers,
// caching, MIME types. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE_URL, SUBPATH_URL } from './harness.js';

const url = (path) => new URL(path, BASE_URL);

/**
 * A request with the path sent exactly as written: fetch() and the URL class
 * resolve `..` and `%2e%2e` before sending, which would hide a traversal bug.
 */
function raw(path, method = 'GET') {
  const base = new URL(BASE_URL);
  const prefix = base.pathname.replace(/\/$/, '');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method, path: `${prefix}${path}` },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function hashedAssets() {
  const html = await (await fetch(BASE_URL)).text();
  // Named in the starter script (`import('./…js')`, `fetch('./…wasm')`).
  const names = [...html.matchAll(/['"](?:\.\/)?([^'"?#]+-[0-9a-f]{12,16}(?:_bg)?\.(?:js|wasm|css))['"]/g)].map((m) => m[1]);
  assert.ok(names.length >= 2, `index.html references hashed assets: ${names}`);
  return [...new Set(names)];
}

test('only GET and HEAD are allowed', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const r = await fetch(BASE_URL, { method, body: method === 'DELETE' ? undefined : 'x' });
    assert.equal(r.status, 405, method);
    assert.match(r.headers.get('allow') ?? '', /GET/);
  }
  const head = await fetch(url('index.html'), { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal((await head.arrayBuffer()).byteLength, 0);
});

test('paths that climb out of the served directory are refused', async () => {
  for (const path of [
    '/../Cargo.toml',
    '/%2e%2e/Cargo.toml',
    '/%2E%2E/Cargo.toml',
    '/%2e%2e%2fCargo.toml',
    '/..%2fCargo.toml',
    '/..%5cCargo.toml',
    '/data/../../Cargo.toml',
    '/data/..%2f..%2fCargo.toml',
    '/./../Cargo.toml',
  ]) {
    const r = await raw(path);
    assert.ok([400, 404].includes(r.status), `${path}: status ${r.status}`);
    assert.doesNotMatch(r.body, /\[package\]|\[workspace\]/, `${path} leaked Cargo.toml`);
  }
});

test('security headers are on every response, errors included', async () => {
  for (const path of ['', 'index.html', 'no-such-file.txt']) {
    const r = await fetch(url(path));
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(r.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
  }
});

test('hashed assets are immutable; their MIME types are exact', async () => {
  const types = { js: 'text/javascript', wasm: 'application/wasm', css: 'text/css' };
  for (const name of await hashedAssets()) {
    const r = await fetch(url(name));
    assert.equal(r.status, 200, name);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', name);
    assert.equal(r.headers.get('content-type'), types[name.split('.').pop()], name);
    await r.arrayBuffer();
  }
});

test('the page and the data are revalidated on every load', async () => {
  for (const path of ['', 'index.html']) {
    const r = await fetch(url(path));
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('cache-control'), 'no-cache', path);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', path);
  }
  const r = await fetch(url('data/index.json'));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  assert.equal(r.headers.get('content-type'), 'application/json');
  // Unchanged data costs a 304, not a download.
  const again = await fetch(url('data/index.json'), { headers: { 'if-none-match': r.headers.get('etag') } });
  assert.equal(again.status, 304);
});

test('every data file is served as JSON', async () => {
  const index = await (await fetch(url('data/index.json'))).json();
  // Year files are named relative to index.json.
  const files = (index.years ?? []).map((y) => y.file);
  assert.ok(files.length > 0, 'the index lists year files');
  for (const f of files) {
    const r = await fetch(new URL(f, url('data/index.json')));
    assert.equal(r.status, 200, f);
    assert.equal(r.headers.get('content-type'), 'application/json', f);
    await r.json();
  }
});

test('a missing file is a 404', async () => {
  const r = await fetch(url(`no-such-file-${Date.now()}.js`));
  assert.equal(r.status, 404);
  assert.equal((await fetch(url('data/no-such-year.json'))).status, 404);
});

test('compression is negotiated, not forced', async () => {
  const plain = await fetch(url('index.html'), { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  const gz = await fetch(url('index.html'), { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.match(gz.headers.get('vary') ?? '', /accept-encoding/i);
  assert.equal(await gz.text(), await plain.text());
});

test('the sub-path mount redirects to its trailing slash and serves the site', { skip: !SUBPATH_URL && 'SUBPATH_URL not set' }, async () => {
  const bare = SUBPATH_URL.replace(/\/$/, '');
  const r = await fetch(`${bare}?lang=en`, { redirect: 'manual' });
  assert.ok([301, 302, 307, 308].includes(r.status), `status ${r.status}`);
  assert.equal(new URL(r.headers.get('location'), bare).href, `${SUBPATH_URL}?lang=en`);
  const page = await fetch(SUBPATH_URL);
  assert.equal(page.status, 200);
  assert.equal(await page.text(), await (await fetch(BASE_URL)).text());
});
