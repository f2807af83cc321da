//! A static file server for the release build, behaving like the CDN the app
//! is deployed to: negotiated compression, exact MIME types, ETags,
//! immutable caching for hashed assets and revalidation for everything
//! else, the site's own `404.html`, and the site mountable under a sub-path.
//! `serve` and `test` both use it.
//!
//! tower-http's `ServeDir` serves the files (path decoding and refusal of
//! `..`, `index.html` and the trailing-slash redirect for directories, MIME
//! types by `mime_guess`, the build's `.br`/`.gz` twins, ETags and
//! conditional requests). It reads through `Guarded`, which adds what it
//! lacks; the handler here adds the mounts, the headers and the 404 page.

use std::future::Future;
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::thread::JoinHandle;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use tokio::sync::oneshot;
use tower_http::compression::CompressionLayer;
use tower_http::services::fs::{Backend, DefaultServeDirFallback, TokioBackend, TokioFile};
use tower_http::services::ServeDir;
use tower_service::Service;

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

type Files = ServeDir<DefaultServeDirFallback, Guarded>;

struct Site {
    /// Canonical.
    dir: Arc<PathBuf>,
    /// Each prefix with its files; longest first, so a sub-path mount wins
    /// over `/`.
    mounts: Vec<(String, Files)>,
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
    let dir = Arc::new(dir);
    let mut prefixes: Vec<String> = config.mounts.iter().map(|m| mount_path(m)).collect();
    if prefixes.is_empty() {
        prefixes.push("/".into());
    }
    prefixes.sort_by_key(|m| std::cmp::Reverse(m.len()));
    prefixes.dedup();
    let mounts = prefixes
        .into_iter()
        .map(|prefix| {
            let files = ServeDir::with_backend(&*dir, Guarded(dir.clone()))
                .append_index_html_on_directories(true)
                .precompressed_br()
                .precompressed_gzip()
                // It sees the path below the mount; its redirects must not.
                .redirect_path_prefix(prefix.trim_end_matches('/'));
            (prefix, files)
        })
        .collect();
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
                    // For files without a matching twin; a response with an
                    // encoding is left alone. Only the encodings compiled in
                    // (br, gzip) are offered; brotli runs at quality 4, like
                    // nginx on the fly.
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
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let bare = site
        .mounts
        .iter()
        .find(|(m, _)| m.len() > 1 && uri.path() == m.trim_end_matches('/'));
    let mount = site
        .mounts
        .iter()
        .find_map(|(m, files)| Some((uri.path().strip_prefix(m.as_str())?, files)));
    let (mut response, rest) = match (bare, mount) {
        (Some((m, _)), _) => (redirect(m, uri.query()), "/".to_string()),
        (None, Some((rest, files))) => {
            let rest = format!("/{rest}");
            (respond(files, request, &rest).await, rest)
        }
        (None, None) => (status_only(StatusCode::NOT_FOUND), "/".to_string()),
    };
    let status = response.status();
    let headers = response.headers_mut();
    headers.remove(header::ACCEPT_RANGES);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    // mime_guess names no charset, and the pages and text are UTF-8.
    let typed = headers.get(header::CONTENT_TYPE).map(HeaderValue::to_str);
    if let Some(Ok(t @ ("text/html" | "text/plain"))) = typed {
        let value = HeaderValue::from_str(&format!("{t}; charset=utf-8")).expect("ASCII");
        headers.insert(header::CONTENT_TYPE, value);
    }
    let found = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let name = rest.rsplit('/').next().unwrap_or("");
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if found && crate::util::is_hashed(name) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }),
    );
    // The headers the build wrote for this path in `_headers` (the policy,
    // with its hash of this build's inline script), as Netlify and
    // Cloudflare Pages would send them. Read on every request: a rebuild
    // under a running server changes the hash, and a stale policy would
    // block the new page.
    if let Ok(rules) = tokio::fs::read_to_string(site.dir.join(crate::csp::HEADERS_FILE)).await {
        for (k, v) in crate::csp::headers_for(&rules, &rest) {
            if let (Ok(k), Ok(v)) = (
                header::HeaderName::from_bytes(k.as_bytes()),
                HeaderValue::from_str(&v),
            ) {
                headers.insert(k, v);
            }
        }
    }
    if site.log {
        eprintln!("{method} {uri} {}", status.as_u16());
    }
    response
}

fn status_only(status: StatusCode) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = status;
    r
}

/// A mount's prefix without its trailing slash redirects to it: the page's
/// relative asset URLs (`./app-….js`) resolve against the slash.
fn redirect(mount: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{mount}?{q}"),
        None => mount.to_string(),
    };
    let mut r = status_only(StatusCode::TEMPORARY_REDIRECT);
    r.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&location).expect("from a URI"),
    );
    r
}

/// `rest` (the path below the mount, from `/`) from `files`, or the site's
/// `404.html` with status 404 where there is no such file and it has one.
async fn respond(files: &Files, request: Request, rest: &str) -> Response {
    let (mut parts, body) = request.into_parts();
    // Whole files only: `ServeDir` honours `Range` without checking
    // `If-Range`, so a browser resuming a transfer cut off before a rebuild
    // would join two releases' bytes.
    parts.headers.remove(header::RANGE);
    let below = match parts.uri.query() {
        Some(q) => format!("{rest}?{q}"),
        None => rest.to_string(),
    };
    let Ok(below) = below.parse() else {
        return status_only(StatusCode::BAD_REQUEST);
    };
    parts.uri = below;
    let mut page = Request::new(Body::empty());
    *page.uri_mut() = Uri::from_static("/404.html");
    // Asked for afresh: the request's conditions were about another file.
    if parts.method == Method::HEAD {
        *page.method_mut() = Method::HEAD;
    }
    if let Some(accept) = parts.headers.get(header::ACCEPT_ENCODING) {
        page.headers_mut()
            .insert(header::ACCEPT_ENCODING, accept.clone());
    }
    let response = serve(files, Request::from_parts(parts, body)).await;
    if response.status() != StatusCode::NOT_FOUND {
        return response;
    }
    let mut page = serve(files, page).await;
    if page.status() != StatusCode::OK {
        return response;
    }
    *page.status_mut() = StatusCode::NOT_FOUND;
    page
}

async fn serve(files: &Files, request: Request) -> Response {
    let Ok(response) = files.clone().call(request).await;
    response.map(Body::new)
}

/// `ServeDir`'s file access (in the canonical directory), refusing as a
/// missing file what the site does not serve: a file whose real path is
/// outside the directory (through a symlink), the build's metadata for
/// hosts (those hosts hide it too), and a compressed twin that no longer
/// matches its file (a test's copy with edited data), which leaves the file
/// to be compressed on the fly.
#[derive(Clone)]
struct Guarded(Arc<PathBuf>);

type Pending<T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send>>;

impl Guarded {
    async fn allow(&self, path: &Path) -> io::Result<()> {
        let refused = || Err(io::ErrorKind::NotFound.into());
        let real = tokio::fs::canonicalize(path).await?;
        let hidden = [crate::csp::HEADERS_FILE, crate::csp::NGINX_FILE];
        if !real.starts_with(&*self.0) || hidden.iter().any(|h| real == self.0.join(h)) {
            return refused();
        }
        if let Some(file) = twin_of(path) {
            // The gzip twin is checked even for brotli: the two are written
            // together, so a stale one means a stale pair.
            let gz = crate::compress::with_suffix(&file, crate::compress::GZIP_TWIN);
            let (original, gz) = (tokio::fs::read(&file).await?, tokio::fs::read(gz).await?);
            if !crate::compress::gzip_matches(&original, &gz) {
                return refused();
            }
        }
        Ok(())
    }
}

/// The file `path` is the build's compressed twin of, if it is one.
fn twin_of(path: &Path) -> Option<PathBuf> {
    use crate::compress::{compressible, BROTLI_TWIN, GZIP_TWIN};
    let name = path.file_name()?.to_str()?;
    let original = name
        .strip_suffix(GZIP_TWIN)
        .or_else(|| name.strip_suffix(BROTLI_TWIN))?;
    compressible(original).then(|| path.with_file_name(original))
}

impl Backend for Guarded {
    type File = TokioFile;
    type Metadata = std::fs::Metadata;
    type OpenFuture = Pending<TokioFile>;
    type MetadataFuture = Pending<std::fs::Metadata>;

    fn open(&self, path: PathBuf) -> Self::OpenFuture {
        let this = self.clone();
        Box::pin(async move {
            this.allow(&path).await?;
            TokioBackend.open(path).await
        })
    }

    fn metadata(&self, path: PathBuf) -> Self::MetadataFuture {
        let this = self.clone();
        Box::pin(async move {
            this.allow(&path).await?;
            tokio::fs::metadata(path).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::UNIX_EPOCH;

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
        {
            std::os::unix::fs::symlink(base.join("secret.txt"), dist.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(dist.join("data"), dist.join("alias")).unwrap();
        }
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
        let r = request(p, "GET", "/data/index.json", "Range: bytes=0-3\r\n");
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"{\"years\":[]}");
        assert_eq!(r.header("accept-ranges"), None);

        let r = request(p, "POST", "/", "Content-Length: 0\r\n");
        assert_eq!(r.status, 405);
        // `ServeDir` writes the list without a space; the same header.
        assert_eq!(r.header("allow"), Some("GET,HEAD"));
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
            "//secret.txt",
            "///..//secret.txt",
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
        // A symlink that stays inside is followed.
        #[cfg(unix)]
        assert_eq!(
            request(server.port, "GET", "/alias/index.json", "").status,
            200
        );
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
    fn serves_a_directory_s_index_page() {
        let (base, server) = fixture();
        let p = server.port;
        let dir = base.join("dist/items/a-1");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><h1>a-1</h1>").unwrap();
        for path in ["/items/a-1/", "/news/pledges/items/a-1/"] {
            let r = request(p, "GET", path, "");
            assert_eq!(r.status, 200, "{path}");
            assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
            assert_eq!(r.header("cache-control"), Some("no-cache"));
            assert_eq!(r.body, b"<!doctype html><h1>a-1</h1>", "{path}");
        }
        let r = request(p, "GET", "/news/pledges/items/a-1?lang=en", "");
        assert_eq!(r.status, 307);
        assert_eq!(
            r.header("location"),
            Some("/news/pledges/items/a-1/?lang=en")
        );
        // A directory without a page, and a file asked for as a directory.
        assert_eq!(request(p, "GET", "/items/", "").status, 404);
        assert_eq!(request(p, "GET", "/manifest.webmanifest/", "").status, 404);
        server.stop();
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn an_unknown_path_gets_the_site_s_404_page() {
        let (base, server) = fixture();
        let p = server.port;
        assert_eq!(request(p, "GET", "/no/such/page/", "").status, 404);
        let dist = base.join("dist");
        let page = format!("<!doctype html><h1>Not found</h1>{}", "<p>…</p>".repeat(40));
        std::fs::write(dist.join("404.html"), &page).unwrap();
        for path in [
            "/no/such/page/",
            "/missing.js",
            "/news/pledges/nothing",
            "/%2e%2e/secret.txt",
            "/link.txt",
            "/_headers",
        ] {
            let r = request(p, "GET", path, "If-None-Match: *\r\nRange: bytes=0-3\r\n");
            assert_eq!(r.status, 404, "{path}");
            assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
            assert_eq!(r.header("cache-control"), Some("no-cache"));
            assert_eq!(r.body, page.as_bytes(), "{path}");
        }
        // Negotiated like any page, from the build's twins.
        crate::compress::post_build(&dist).unwrap();
        let gz = std::fs::read(dist.join("404.html.gz")).unwrap();
        let r = request(p, "GET", "/gone", "Accept-Encoding: gzip\r\n");
        assert_eq!(r.status, 404);
        assert_eq!(r.header("content-encoding"), Some("gzip"));
        assert_eq!(r.body, gz);
        let r = request(p, "HEAD", "/gone", "");
        assert_eq!(r.status, 404);
        assert!(r.body.is_empty());
        // Found files and other errors are not affected.
        assert_eq!(request(p, "GET", "/", "").status, 200);
        assert_eq!(
            request(p, "POST", "/gone", "Content-Length: 0\r\n").status,
            405
        );
        server.stop();
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn mount_paths_are_normalised() {
        assert_eq!(mount_path(""), "/");
        assert_eq!(mount_path("/"), "/");
        assert_eq!(mount_path("news/pledges"), "/news/pledges/");
        assert_eq!(mount_path("/news/pledges/"), "/news/pledges/");
    }
}
