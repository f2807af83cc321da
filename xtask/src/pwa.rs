//! The offline step of a release build, run on `dist/` after Trunk: draws the
//! app icons, lists every file the build emitted with its SHA-256, and writes
//! that list into `dist/sw.js` together with a version derived from all of
//! their contents. A new release therefore has a new `sw.js`, which the
//! browser installs beside the old one; it replaces the old cache whole.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::util::js_string;
use sha2::{Digest, Sha256};

mod icons;

/// Where the build list goes in `sw.js`; the markers stay, so the step can
/// run again on the same folder.
const START: &str = "/*BUILD*/";
const END: &str = "/*END*/";
const PAGE: &str = "index.html";
const WORKER: &str = "sw.js";

/// What one run produced, for the build log and the size report.
#[derive(Debug)]
pub struct Summary {
    pub version: String,
    pub files: usize,
    pub bytes: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "offline: version {}, {} files precached ({} KB)",
            self.version,
            self.files,
            self.bytes.div_ceil(1024)
        )
    }
}

struct Emitted {
    /// Relative to `dist`, with `/` separators: also its URL relative to
    /// the worker.
    path: String,
    sha256: [u8; 32],
    len: u64,
}

/// `cargo xtask pwa [DIR]`: the step on its own, for a folder built or
/// changed by other means (the end-to-end tests make a second release this
/// way).
pub fn run(args: &[String]) -> crate::util::Result {
    let dir = match args {
        [] => crate::util::root().join("dist"),
        [dir] => PathBuf::from(dir),
        _ => return Err("usage: cargo xtask pwa [DIR]".into()),
    };
    let summary = post_build(&dir).map_err(|e| format!("offline step: {e}"))?;
    println!("{summary}");
    Ok(())
}

/// Runs the whole step on a finished `dist` folder.
pub fn post_build(dist: &Path) -> io::Result<Summary> {
    icons::write_all(&dist.join("icons"))?;
    let worker_path = dist.join(WORKER);
    let worker = read_text(&worker_path)?;
    let (before, after) = split_template(&worker).ok_or_else(|| {
        invalid(format!(
            "{}: no {START}…{END} block to fill (is it the one from public/?)",
            worker_path.display()
        ))
    })?;
    let page = read_text(&dist.join(PAGE))?;

    let mut files = collect(dist)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let version = version(&files, before, after);
    let build = build_json(&version, &files, &page);
    fs::write(&worker_path, format!("{before}{START}{build}{END}{after}"))?;
    Ok(Summary {
        version,
        files: files.len(),
        bytes: files.iter().map(|f| f.len).sum(),
    })
}

fn read_text(path: &Path) -> io::Result<String> {
    fs::read_to_string(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// The template around the build block, so the version covers the worker's
/// own code but not the list it is about to receive.
fn split_template(worker: &str) -> Option<(&str, &str)> {
    let start = worker.find(START)?;
    let end = start + worker[start..].find(END)?;
    Some((&worker[..start], &worker[end + END.len()..]))
}

/// Whether a file in `dist` belongs in the precache. The worker is fetched
/// by the browser itself; compressed twins and source maps are never
/// requested by the page. Of the pages, the list is chosen: the root's
/// (the shell, which renders any other path of the app from cached data)
/// and the archived articles'; the app's other pages are cached as they
/// are visited, and the 404 page is the host's to serve. The sitemap,
/// `robots.txt` and the preview images are for crawlers and link
/// previews, which run no worker.
fn precached(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let other_page = name == PAGE && rel != PAGE && !rel.starts_with("sources/");
    !(rel == WORKER
        || other_page
        || rel == "404.html"
        || rel == "sitemap.xml"
        || rel == "robots.txt"
        || name == yrd_pledges::head::PREVIEW_FILE
        || name.starts_with('.')
        || rel == crate::csp::HEADERS_FILE
        || rel == crate::csp::NGINX_FILE
        || crate::compress::is_twin(name)
        || [".zst", ".map"].iter().any(|ext| name.ends_with(ext)))
}

/// Every precached file under `dist`, with its hash.
fn collect(dist: &Path) -> io::Result<Vec<Emitted>> {
    crate::util::files_under(dist)
        .map_err(invalid)?
        .into_iter()
        .filter(|rel| precached(rel))
        .map(|rel| {
            let bytes = fs::read(dist.join(&rel))?;
            Ok(Emitted {
                sha256: Sha256::digest(&bytes).into(),
                len: bytes.len() as u64,
                path: rel,
            })
        })
        .collect()
}

/// Derived from every precached file and the worker's code, so any change
/// to what a reader would run gives a new version, and an unchanged rebuild
/// keeps the old one (no needless re-download).
fn version(files: &[Emitted], before: &str, after: &str) -> String {
    let mut h = Sha256::new();
    for f in files {
        h.update(f.path.as_bytes());
        h.update([0]);
        h.update(f.sha256);
    }
    h.update(before.as_bytes());
    h.update([0]);
    h.update(after.as_bytes());
    hex(&h.finalize()[..8])
}

fn build_json(version: &str, files: &[Emitted], page: &str) -> String {
    let is_data = |p: &str| p.starts_with("data/") && p.ends_with(".json");
    let mut shell = Vec::new();
    let mut page_refs = Vec::new();
    let mut data = Vec::new();
    for f in files {
        if f.path == PAGE {
            continue;
        }
        if is_data(&f.path) {
            data.push(js_string(&f.path));
            continue;
        }
        if let Some(folder) = f.path.strip_suffix("index.html") {
            // Another page (an archived article's): asked for by its folder,
            // as a reader's link names it, and not hashed, since hosts may
            // rewrite HTML (see `sw.js`, the page).
            shell.push(format!(
                "{{\"url\":{},\"integrity\":null,\"hashed\":false}}",
                js_string(folder)
            ));
            continue;
        }
        if page.contains(&f.path) {
            page_refs.push(js_string(&f.path));
        }
        shell.push(format!(
            "{{\"url\":{},\"integrity\":\"sha256-{}\",\"hashed\":{}}}",
            js_string(&f.path),
            base64(&f.sha256),
            crate::util::is_hashed(&f.path)
        ));
    }
    format!(
        "{{\"version\":{},\"page\":{},\"pageRefs\":[{}],\"shell\":[{}],\"data\":[{}]}}",
        js_string(version),
        js_string(PAGE),
        page_refs.join(","),
        shell.join(","),
        data.join(",")
    )
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Standard base64 with padding, as Subresource Integrity wants it.
pub(crate) fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "const BUILD = /*BUILD*/{\"version\":\"dev\"}/*END*/;\nrest();\n";

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("yrd-pwa-test-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("data")).unwrap();
        fs::write(dir.join("sw.js"), TEMPLATE).unwrap();
        fs::write(
            dir.join("index.html"),
            r#"<script type="module">import init from './app-0123456789abcdef.js';</script><link rel="manifest" href="manifest.webmanifest">"#,
        )
        .unwrap();
        fs::write(dir.join("app-0123456789abcdef.js"), "export default 1;").unwrap();
        fs::write(dir.join("app-0123456789abcdef_bg.wasm"), [0, 97, 115, 109]).unwrap();
        fs::write(dir.join("manifest.webmanifest"), "{}").unwrap();
        fs::write(dir.join("data/index.json"), "{\"years\":[]}").unwrap();
        fs::write(dir.join("data/2026.json"), "{}").unwrap();
        fs::write(dir.join("app-0123456789abcdef.js.gz"), "x").unwrap();
        fs::write(dir.join(".DS_Store"), "x").unwrap();
        fs::create_dir_all(dir.join("sources/tide-2025")).unwrap();
        fs::write(dir.join("sources/tide-2025/index.html"), "<p>article</p>").unwrap();
        fs::create_dir_all(dir.join("en/2026/06")).unwrap();
        fs::write(dir.join("en/2026/06/index.html"), "<p>pledge</p>").unwrap();
        fs::write(dir.join("en/2026/06/preview.png"), "png").unwrap();
        fs::write(dir.join("404.html"), "<p>no page</p>").unwrap();
        fs::write(dir.join("sitemap.xml"), "<urlset/>").unwrap();
        fs::write(dir.join("robots.txt"), "User-agent: *").unwrap();
        dir
    }

    fn build_block(dir: &Path) -> String {
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        let start = sw.find(START).unwrap() + START.len();
        let end = sw.find(END).unwrap();
        assert!(
            sw.ends_with("/*END*/;\nrest();\n"),
            "the worker's code is kept: {sw}"
        );
        sw[start..end].to_string()
    }

    #[test]
    fn lists_what_the_build_emitted_and_nothing_else() {
        let dir = scratch("list");
        let s = post_build(&dir).unwrap();
        let block = build_block(&dir);
        for f in [
            "app-0123456789abcdef.js",
            "app-0123456789abcdef_bg.wasm",
            "manifest.webmanifest",
            "icons/icon-512.png",
            "icons/icon-maskable-512.png",
            "data/2026.json",
        ] {
            assert!(
                block.contains(&format!("\"{f}\"")),
                "{f} missing from {block}"
            );
        }
        // The app's other pages are cached as visited; the 404 page is not
        // the app's to show offline, nor the crawlers' files.
        for f in [
            ".gz\"",
            "DS_Store",
            "\"sw.js\"",
            "2026/06",
            "404",
            "sitemap",
            "robots",
            "preview",
        ] {
            assert!(!block.contains(f), "{f} must not be precached: {block}");
        }
        assert!(
            block.contains("\"pageRefs\":[\"app-0123456789abcdef.js\",\"manifest.webmanifest\"]"),
            "{block}"
        );
        // SHA-256 of "export default 1;", as `openssl dgst -sha256 -binary | base64` gives it.
        assert!(
            block.contains("sha256-VjMuClVzS8K3PfVqLfhjXtXFskttekVrQd58q5ovOBQ="),
            "{block}"
        );
        // An article's page, by the folder a link names, and not hashed.
        assert!(
            block.contains("{\"url\":\"sources/tide-2025/\",\"integrity\":null,\"hashed\":false}"),
            "{block}"
        );
        assert!(!block.contains("sources/tide-2025/index.html"), "{block}");
        assert_eq!(s.version.len(), 16);
        assert_eq!(
            s.files, 11,
            "js, wasm, page, article, manifest, 2 data, 4 icons"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_version_follows_the_content_and_only_the_content() {
        let dir = scratch("version");
        let first = post_build(&dir).unwrap().version;
        assert_eq!(
            post_build(&dir).unwrap().version,
            first,
            "rerunning on the same files keeps the version"
        );
        fs::write(dir.join("data/2026.json"), "{\"changed\":true}").unwrap();
        let second = post_build(&dir).unwrap().version;
        assert_ne!(second, first, "new data is a new release");
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        fs::write(dir.join("sw.js"), sw.replace("rest();", "rest(); more();")).unwrap();
        assert_ne!(
            post_build(&dir).unwrap().version,
            second,
            "new worker code is a new release"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_worker_without_the_block_is_an_error() {
        let dir = scratch("noblock");
        fs::write(dir.join("sw.js"), "self.x = 1;").unwrap();
        let err = post_build(&dir).unwrap_err();
        assert!(err.to_string().contains("/*BUILD*/"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn encodings() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(hex(&[0, 255, 16]), "00ff10");
    }
}
