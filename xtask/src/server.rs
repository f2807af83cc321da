//! A static file server for the release build, behaving like the CDN the app
//! is deployed to: negotiated compression, exact MIME types, immutable
//! caching for hashed assets and revalidation for everything else, and the
//! site mountable under a sub-path. `serve` and `test` both use it.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::UNIX_EPOCH;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::Router;
use tokio::sync::oneshot;
use tower_http::compression::CompressionLayer;

pub struct Config {
    /// The directory served (normally `dist/`).
    pub dir: PathBuf,
    /// URL prefixes the directory appears under, e.g. `/` and
    /// `/news/pledges/`.
    pub mounts: Vec<String>,
    /// One line per request on stderr.
    pub log: bool,
}

/// A running server; dropping it shuts the server down.
pub struct Server {
    pub port: u16,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl Server {
    /// Blocks for as long as the server runs (until the process is stopped).
    pub fn wait(mut self) -> io::Result<()> {
        let thread = self.thread.take().expect("joined once");
        // Keep the shutdown sender alive: dropping it would stop the server.
        let result = thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("server thread panicked")));
        drop(self.shutdown.take());
        result
    }

    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Normalises a prefix to start and end with `/` (`news/pledges` →
/// `/news/pledges/`).
pub fn mount_path(prefix: &str) -> String {
    let inner = prefix.trim_matches('/');
    if inner.is_empty() {
        "/".to_string()
    } else {
        format!("/{inner}/")
    }
}

struct Site {
    dir: PathBuf,
    /// Longest first, so a sub-path mount wins over `/`.
    mounts: Vec<String>,
    log: bool,
}

/// Binds `addr` (port 0 picks a free one) before returning, so a port in use
/// is reported to the caller, then serves from a background thread with its
/// own runtime.
pub fn start(addr: SocketAddr, config: Config) -> io::Result<Server> {
    let dir = config
        .dir
        .canonicalize()
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", config.dir.display())))?;
    if !dir.is_dir() {
        return Err(io::Error::other(format!(
            "{} is not a directory",
            dir.display()
        )));
    }
    let mut mounts: Vec<String> = config.mounts.iter().map(|m| mount_path(m)).collect();
    if mounts.is_empty() {
        mounts.push("/".into());
    }
    mounts.sort_by_key(|m| std::cmp::Reverse(m.len()));
    mounts.dedup();
    let site = Arc::new(Site {
        dir,
        mounts,
        log: config.log,
    });

    let listener = TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let (tx, rx) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("xtask-server".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                let app = Router::new()
                    .fallback(handle)
                    .with_state(site)
                    // Only the encodings compiled in (br, gzip) are offered;
                    // brotli runs at quality 4, like nginx on the fly.
                    .layer(CompressionLayer::new());
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await
            })
        })?;
    Ok(Server {
        port,
        shutdown: Some(tx),
        thread: Some(thread),
    })
}

async fn handle(State(site): State<Arc<Site>>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    let mut response = respond(&site, &parts).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    build_headers(&site, parts.uri.path(), headers).await;
    if site.log {
        eprintln!(
            "{} {} {}",
            parts.method,
            parts.uri,
            response.status().as_u16()
        );
    }
    response
}

/// The headers the build wrote for this path in `_headers` (the policy,
/// with its hash of this build's inline script), as Netlify and Cloudflare
/// Pages would send them. Read on every request: a rebuild under a running
/// server changes the hash, and a stale policy would block the new page.
async fn build_headers(site: &Site, path: &str, headers: &mut axum::http::HeaderMap) {
    let Ok(rules) = tokio::fs::read_to_string(site.dir.join(crate::csp::HEADERS_FILE)).await else {
        return;
    };
    let rest = site
        .mounts
        .iter()
        .find_map(|m| path.strip_prefix(m.as_str()))
        .unwrap_or("");
    for (k, v) in crate::csp::headers_for(&rules, &format!("/{rest}")) {
        if let (Ok(k), Ok(v)) = (
            header::HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            headers.insert(k, v);
        }
    }
}

fn plain(status: StatusCode) -> Response {
    let mut r = Response::new(Body::from(format!("{status}\n")));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// Directory URLs need their trailing slash: the page's relative asset URLs
/// (`./app-….js`) resolve against it.
fn redirect(location: String, query: Option<&str>) -> Response {
    let mut r = plain(StatusCode::TEMPORARY_REDIRECT);
    let location = match query {
        Some(q) => format!("{location}?{q}"),
        None => location,
    };
    match HeaderValue::from_str(&location) {
        Ok(v) => {
            r.headers_mut().insert(header::LOCATION, v);
            r
        }
        Err(_) => plain(StatusCode::BAD_REQUEST),
    }
}

async fn respond(site: &Site, req: &Parts) -> Response {
    if req.method != Method::GET && req.method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED);
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = req.uri.path();
    let query = req.uri.query();
    if let Some(m) = site
        .mounts
        .iter()
        .find(|m| m.len() > 1 && path == m.trim_end_matches('/'))
    {
        return redirect(m.clone(), query);
    }
    let Some(rest) = site
        .mounts
        .iter()
        .find_map(|m| path.strip_prefix(m.as_str()))
    else {
        return plain(StatusCode::NOT_FOUND);
    };
    let Some(segments) = safe_segments(rest) else {
        return plain(StatusCode::BAD_REQUEST);
    };
    // Build metadata for hosts, not site content (those hosts hide it too).
    if let [name] = segments.as_slice() {
        if [crate::csp::HEADERS_FILE, crate::csp::NGINX_FILE].contains(&name.as_str()) {
            return plain(StatusCode::NOT_FOUND);
        }
    }
    let mut file = site.dir.clone();
    file.extend(&segments);
    let Ok(mut meta) = tokio::fs::metadata(&file).await else {
        return plain(StatusCode::NOT_FOUND);
    };
    if meta.is_dir() {
        if !path.ends_with('/') {
            return redirect(format!("{path}/"), query);
        }
        file.push("index.html");
        meta = match tokio::fs::metadata(&file).await {
            Ok(m) if m.is_file() => m,
            _ => return plain(StatusCode::NOT_FOUND),
        };
    }
    // Segments are already free of `..`; this also keeps symlinks in the
    // directory from reaching outside it.
    match tokio::fs::canonicalize(&file).await {
        Ok(real) if real.starts_with(&site.dir) => {}
        _ => return plain(StatusCode::NOT_FOUND),
    }
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    // Weak: the same tag covers the compressed variants of the file.
    let etag = format!("W/\"{:x}-{:x}\"", meta.len(), mtime);
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");

    let mut encoding = None;
    let mut response = if if_none_match(req, &etag) {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        let Ok(bytes) = tokio::fs::read(&file).await else {
            return plain(StatusCode::NOT_FOUND);
        };
        let bytes = match precompressed(req, &file, name, bytes).await {
            Ok((coding, twin)) => {
                encoding = Some(coding);
                twin
            }
            Err(bytes) => bytes,
        };
        if req.method == Method::HEAD {
            let mut r = Response::new(Body::empty());
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            r
        } else {
            Response::new(Body::from(bytes))
        }
    };
    let h = response.headers_mut();
    if let Some(coding) = encoding {
        // The compression layer leaves a response that has an encoding.
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    if crate::compress::compressible(name) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(name)),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if is_hashed(name) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    response
}

/// The build's compressed twin of `file` (`compress.rs`) in the best
/// encoding the request accepts, or the file's own bytes back when there is
/// none to send: not compressible, not accepted, not built, or stale.
async fn precompressed(
    req: &Parts,
    file: &Path,
    name: &str,
    bytes: Vec<u8>,
) -> std::result::Result<(&'static str, Vec<u8>), Vec<u8>> {
    use crate::compress::{gzip_matches, with_suffix, BROTLI_TWIN, GZIP_TWIN};
    let (br, gzip) = (accepts(req, "br"), accepts(req, "gzip"));
    if !crate::compress::compressible(name) || !(br || gzip) {
        return Err(bytes);
    }
    let Ok(gz) = tokio::fs::read(with_suffix(file, GZIP_TWIN)).await else {
        return Err(bytes);
    };
    // Checked even when brotli is sent: the two are written together.
    if !gzip_matches(&bytes, &gz) {
        return Err(bytes);
    }
    if br {
        if let Ok(twin) = tokio::fs::read(with_suffix(file, BROTLI_TWIN)).await {
            return Ok(("br", twin));
        }
    }
    if gzip {
        return Ok(("gzip", gz));
    }
    Err(bytes)
}

/// Whether `Accept-Encoding` allows `coding`: named with a q above 0, or
/// covered by `*` without being refused by name.
pub fn accepts(req: &Parts, coding: &str) -> bool {
    let mut star = false;
    for entry in req
        .headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut fields = entry.split(';');
        let token = fields.next().unwrap_or("").trim();
        let q = fields
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if token.eq_ignore_ascii_case(coding) {
            return q > 0.0;
        }
        if token == "*" {
            star = q > 0.0;
        }
    }
    star
}

fn if_none_match(req: &Parts, etag: &str) -> bool {
    req.headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == etag.trim_start_matches("W/"))
}

/// Percent-decodes the path below the mount into file-name segments, or
/// `None` when a segment could climb out of the directory or is not UTF-8.
/// Decoding happens per segment, so `%2f` can never add a separator.
pub fn safe_segments(rest: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for raw in rest.split('/').filter(|s| !s.is_empty()) {
        let segment = String::from_utf8(percent_decode(raw)?).ok()?;
        if segment == "." || segment == ".." || segment.contains(['/', '\\', '\0']) {
            return None;
        }
        out.push(segment);
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Trunk names hashed assets `<stem>-<hash>` followed by `.ext` or
/// `_bg.wasm`; their content never changes under a name. The hash is a
/// 64-bit number in hex without leading zeros, so usually 16 digits but
/// sometimes fewer (one build in sixteen has a 15-digit hash).
pub fn is_hashed(name: &str) -> bool {
    let b = name.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'-'
            && (12..=16).any(|n| {
                b.len() > i + n + 1
                    && b[i + 1..i + n + 1].iter().all(u8::is_ascii_hexdigit)
                    && matches!(b[i + n + 1], b'.' | b'_')
            })
    })
}

pub fn content_type(name: &str) -> &'static str {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Reply {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    /// A raw client: unlike real HTTP libraries it sends `..` and `%2e%2e`
    /// exactly as written.
    fn request(port: u16, method: &str, path: &str, extra: &str) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra}\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(raw[..split].to_vec()).unwrap();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v == "chunked");
        if chunked {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    fn gunzip(b: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(b)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn dechunk(mut b: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let eol = b.windows(2).position(|w| w == b"\r\n").unwrap();
            let len = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap(), 16).unwrap();
            if len == 0 {
                return out;
            }
            out.extend_from_slice(&b[eol + 2..eol + 2 + len]);
            b = &b[eol + 2 + len + 2..];
        }
    }

    fn fixture() -> (PathBuf, Server) {
        let base = std::env::temp_dir().join(format!(
            "xtask-server-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let dist = base.join("dist");
        std::fs::create_dir_all(dist.join("data")).unwrap();
        std::fs::write(base.join("secret.txt"), "SECRET").unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html><h1>hi</h1>").unwrap();
        let wasm: Vec<u8> = b"\0asm".iter().copied().cycle().take(4096).collect();
        std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), wasm).unwrap();
        std::fs::write(
            dist.join("app-0123456789abcdef.js"),
            "export {};".repeat(50),
        )
        .unwrap();
        std::fs::write(dist.join("data/index.json"), "{\"years\":[]}").unwrap();
        std::fs::write(dist.join("manifest.webmanifest"), "{}").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("secret.txt"), dist.join("link.txt")).unwrap();
        let server = start(
            "127.0.0.1:0".parse().unwrap(),
            Config {
                dir: dist,
                mounts: vec!["/".into(), "news/pledges".into()],
                log: false,
            },
        )
        .unwrap();
        (base, server)
    }

    #[test]
    fn sends_the_builds_compressed_twins_while_they_match() {
        let (base, server) = fixture();
        let p = server.port;
        let dist = base.join("dist");
        let js = "/app-0123456789abcdef.js";
        let original = std::fs::read(dist.join(&js[1..])).unwrap();
        crate::compress::post_build(&dist).unwrap();
        let gz = std::fs::read(dist.join("app-0123456789abcdef.js.gz")).unwrap();
        let br = std::fs::read(dist.join("app-0123456789abcdef.js.br")).unwrap();

        let r = request(p, "GET", js, "Accept-Encoding: gzip, deflate, br\r\n");
        assert_eq!(r.header("content-encoding"), Some("br"));
        assert_eq!(r.header("vary"), Some("accept-encoding"));
        assert_eq!(r.header("content-type"), Some("text/javascript"));
        assert_eq!(r.body, br, "the twin, not a new compression");
        let r = request(p, "GET", js, "Accept-Encoding: gzip, br;q=0\r\n");
        assert_eq!(r.header("content-encoding"), Some("gzip"));
        assert_eq!(r.body, gz);
        let r = request(p, "HEAD", js, "Accept-Encoding: gzip\r\n");
        assert_eq!(
            r.header("content-length"),
            Some(gz.len().to_string().as_str())
        );
        let r = request(p, "GET", js, "Accept-Encoding: identity\r\n");
        assert_eq!(r.header("content-encoding"), None);
        assert_eq!(r.body, original);

        // Changed after the build: compressed afresh, never the stale twin.
        let changed = "export const x = 1;".repeat(40);
        std::fs::write(dist.join(&js[1..]), &changed).unwrap();
        let r = request(p, "GET", js, "Accept-Encoding: gzip\r\n");
        assert_eq!(r.header("content-encoding"), Some("gzip"));
        assert_eq!(gunzip(&r.body), changed.as_bytes());
        let _ = std::fs::remove_dir_all(base);
    }

    #[test]
    fn serves_a_static_site_like_the_cdn() {
        let (base, server) = fixture();
        let p = server.port;

        let r = request(p, "GET", "/", "");
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(
            r.header("referrer-policy"),
            Some("strict-origin-when-cross-origin")
        );
        assert!(r.body.starts_with(b"<!doctype html>"));

        let wasm = "/app-0123456789abcdef_bg.wasm";
        let r = request(p, "GET", wasm, "Accept-Encoding: gzip, deflate, br\r\n");
        assert_eq!(r.header("content-type"), Some("application/wasm"));
        assert_eq!(r.header("content-encoding"), Some("br"));
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(r.body.len() < 4096);
        let r = request(p, "GET", wasm, "Accept-Encoding: gzip\r\n");
        assert_eq!(r.header("content-encoding"), Some("gzip"));
        assert_eq!(gunzip(&r.body).len(), 4096);
        let r = request(p, "GET", wasm, "");
        assert_eq!(r.header("content-encoding"), None);
        assert_eq!(r.body.len(), 4096);

        let r = request(p, "GET", "/app-0123456789abcdef.js", "");
        assert_eq!(r.header("content-type"), Some("text/javascript"));
        let r = request(p, "GET", "/data/index.json", "");
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        let etag = r.header("etag").unwrap().to_string();
        let r = request(
            p,
            "GET",
            "/data/index.json",
            &format!("If-None-Match: {etag}\r\n"),
        );
        assert_eq!(r.status, 304);
        let r = request(p, "GET", "/manifest.webmanifest", "");
        assert_eq!(r.header("content-type"), Some("application/manifest+json"));

        let r = request(p, "HEAD", "/data/index.json", "");
        assert_eq!(r.status, 200);
        assert!(r.body.is_empty());

        let r = request(p, "POST", "/", "Content-Length: 0\r\n");
        assert_eq!(r.status, 405);
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));

        assert_eq!(request(p, "GET", "/missing.js", "").status, 404);
        let r = request(p, "GET", "/data?x=1", "");
        assert_eq!(r.status, 307);
        assert_eq!(r.header("location"), Some("/data/?x=1"));

        server.stop();
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn never_serves_outside_the_directory() {
        let (base, server) = fixture();
        for path in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/data/../../secret.txt",
            "/data/..%2f..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/..%5csecret.txt",
            "/news/pledges/../../secret.txt",
            "/link.txt",
            "/%zz",
        ] {
            let r = request(server.port, "GET", path, "");
            assert!(
                r.status == 400 || r.status == 404,
                "{path}: status {}",
                r.status
            );
            assert!(
                !String::from_utf8_lossy(&r.body).contains("SECRET"),
                "{path}"
            );
        }
        server.stop();
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn sends_the_headers_the_build_wrote_and_hides_the_files() {
        let (base, server) = fixture();
        let p = server.port;
        assert_eq!(
            request(p, "GET", "/", "").header("content-security-policy"),
            None,
            "no policy before the build wrote one"
        );
        let dist = base.join("dist");
        std::fs::write(
            dist.join(crate::csp::HEADERS_FILE),
            "/*\n  Content-Security-Policy: default-src 'self'\n/app-0123456789abcdef.js\n  Cache-Control: public, max-age=31536000, immutable\n",
        )
        .unwrap();
        std::fs::write(dist.join(crate::csp::NGINX_FILE), "add_header X 1;").unwrap();
        for path in [
            "/",
            "/index.html",
            "/data/index.json",
            "/missing",
            "/news/pledges/",
        ] {
            let r = request(p, "GET", path, "");
            assert_eq!(
                r.header("content-security-policy"),
                Some("default-src 'self'"),
                "{path}"
            );
        }
        let r = request(p, "GET", "/news/pledges/app-0123456789abcdef.js", "");
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        for path in ["/_headers", "/_nginx.conf", "/news/pledges/_headers"] {
            let r = request(p, "GET", path, "");
            assert_eq!(r.status, 404, "{path}");
            assert!(!String::from_utf8_lossy(&r.body).contains("add_header"));
        }
        // A rebuild under a running server is picked up at once.
        std::fs::write(
            dist.join(crate::csp::HEADERS_FILE),
            "/*\n  Content-Security-Policy: default-src 'none'\n",
        )
        .unwrap();
        assert_eq!(
            request(p, "GET", "/", "").header("content-security-policy"),
            Some("default-src 'none'")
        );
        server.stop();
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn serves_the_same_site_under_a_sub_path() {
        let (base, server) = fixture();
        let p = server.port;
        let r = request(p, "GET", "/news/pledges?lang=en", "");
        assert_eq!(r.status, 307);
        assert_eq!(r.header("location"), Some("/news/pledges/?lang=en"));
        let r = request(p, "GET", "/news/pledges/", "");
        assert_eq!(r.status, 200);
        assert!(r.body.starts_with(b"<!doctype html>"));
        let r = request(p, "GET", "/news/pledges/data/index.json", "");
        assert_eq!(r.header("content-type"), Some("application/json"));
        server.stop();
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed("yrd-pledges-954f7f571179b757_bg.wasm"));
        assert!(is_hashed("yrd-pledges-954f7f571179b757.js"));
        assert!(is_hashed("app-7253bbd404773830.css"));
        // The split step's parts and their loader.
        assert!(is_hashed("split_compare-0649f8c051b71068.wasm"));
        assert!(is_hashed("chunk_5-0649f8c051b71068.wasm"));
        assert!(is_hashed("yrd-split-0649f8c051b71068.js"));
        // A hash with a leading zero is printed one digit shorter.
        assert!(is_hashed("yrd-pledges-54f7f571179b757_bg.wasm"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("2026.json"));
        assert!(!is_hashed("yrd-pledges-954f7f57.js"));
    }

    #[test]
    fn mount_paths_are_normalised() {
        assert_eq!(mount_path(""), "/");
        assert_eq!(mount_path("/"), "/");
        assert_eq!(mount_path("news/pledges"), "/news/pledges/");
        assert_eq!(mount_path("/news/pledges/"), "/news/pledges/");
    }
}
