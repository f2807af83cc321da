//! The build's last step: every text-like file the server may send is
//! stored next to itself compressed once, as hard as the formats allow,
//! instead of on every request at a level fast enough for a request:
//! `name.gz` by zopfli (plain gzip any client reads, about 5 % smaller than
//! zlib's best) and `name.br` by brotli at quality 11 (about 20 % smaller
//! than the quality 4 a server uses on the fly). The project's server and
//! nginx (`gzip_static`, `brotli_static`) send these twins; a host that
//! compresses on the fly ignores them.
//!
//! A twin is sent only while it still matches its file: the gzip trailer
//! holds the CRC-32 and length of what it compresses, and the server checks
//! both (`gzip_matches`), so a file changed after the build (a test's copy
//! with edited data) is compressed on the fly rather than served stale.

use std::fs;
use std::io::Write;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use crate::util::Result;

pub const GZIP_TWIN: &str = ".gz";
pub const BROTLI_TWIN: &str = ".br";

/// zopfli's default is 15; more iterations gained under 0.1 % here.
const ZOPFLI_ITERATIONS: u64 = 15;
const BROTLI_BEST: u32 = 11;
/// 4 MiB: larger than any file here, so the whole file is one window.
const BROTLI_WINDOW: u32 = 22;

/// A compressed twin of another file, never requested by name.
pub fn is_twin(name: &str) -> bool {
    name.ends_with(GZIP_TWIN) || name.ends_with(BROTLI_TWIN)
}

/// Files worth compressing: text and WASM. Images and fonts are compressed
/// formats already.
pub fn compressible(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    [
        "html",
        "js",
        "mjs",
        "wasm",
        "json",
        "webmanifest",
        "css",
        "svg",
        "txt",
        "xml",
    ]
    .contains(&ext)
}

pub fn gzip_best(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let options = zopfli::Options {
        iteration_count: NonZeroU64::new(ZOPFLI_ITERATIONS).expect("non-zero"),
        ..Default::default()
    };
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).expect("writing to memory");
    out
}

pub fn brotli_best(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_BEST, BROTLI_WINDOW);
        w.write_all(bytes).expect("writing to memory");
    }
    out
}

/// Whether `gz` (a gzip stream) compresses exactly `original`, by the
/// CRC-32 and length in its trailer.
pub fn gzip_matches(original: &[u8], gz: &[u8]) -> bool {
    let Some(trailer) = gz.len().checked_sub(8).map(|at| &gz[at..]) else {
        return false;
    };
    let crc = u32::from_le_bytes(trailer[..4].try_into().expect("4 bytes"));
    let len = u32::from_le_bytes(trailer[4..].try_into().expect("4 bytes"));
    let mut sum = flate2::Crc::new();
    sum.update(original);
    gz.starts_with(&[0x1f, 0x8b]) && crc == sum.sum() && len == original.len() as u32
}

/// The twins of `path` that may be sent for `original` (its bytes): both,
/// or neither when the gzip twin is missing or no longer matches (the two
/// are written together, so a stale one means a stale pair).
pub fn twins(path: &Path, original: &[u8]) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
    let gz = fs::read(with_suffix(path, GZIP_TWIN)).ok()?;
    if !gzip_matches(original, &gz) {
        return None;
    }
    let br = fs::read(with_suffix(path, BROTLI_TWIN)).ok();
    Some((gz, br))
}

pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Writes the twins of every compressible file under `dir` (where one
/// would not be smaller, none), and removes twins left from files that are
/// gone. Two threads: zopfli is the slow part of the build's tail.
pub fn post_build(dir: &Path) -> Result<String> {
    let files = crate::util::files_under(dir)?;
    for twin in &files {
        let original = twin
            .strip_suffix(GZIP_TWIN)
            .or_else(|| twin.strip_suffix(BROTLI_TWIN));
        if original.is_some_and(|o| !dir.join(o).is_file()) {
            let path = dir.join(twin);
            fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let todo: Vec<PathBuf> = files
        .iter()
        .filter(|n| {
            !is_twin(n)
                && compressible(n)
                && *n != crate::csp::HEADERS_FILE
                && *n != crate::csp::NGINX_FILE
        })
        .map(|n| dir.join(n))
        .collect();
    let (mut raw, mut gz, mut br) = (0usize, 0usize, 0usize);
    let results: Vec<Result<(usize, usize, usize)>> = std::thread::scope(|s| {
        let halves: Vec<_> = [0, 1]
            .into_iter()
            .map(|k| {
                let mine: Vec<&PathBuf> = todo.iter().skip(k).step_by(2).collect();
                s.spawn(move || {
                    mine.into_iter()
                        .map(|p| compress_one(p))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves
            .into_iter()
            .flat_map(|h| h.join().expect("compression thread"))
            .collect()
    });
    for r in results {
        let (a, b, c) = r?;
        raw += a;
        gz += b;
        br += c;
    }
    Ok(format!(
        "precompressed {} files: {:.1} KB → {:.1} KB gzip (zopfli), {:.1} KB brotli (q{BROTLI_BEST})",
        todo.len(),
        raw as f64 / 1024.0,
        gz as f64 / 1024.0,
        br as f64 / 1024.0
    ))
}

/// Writes `path`'s twins; returns its raw size and what each encoding
/// sends (the raw size where a twin would not be smaller).
fn compress_one(path: &Path) -> Result<(usize, usize, usize)> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let gz = gzip_best(&bytes);
    let br = brotli_best(&bytes);
    let (gz_path, br_path) = (with_suffix(path, GZIP_TWIN), with_suffix(path, BROTLI_TWIN));
    // A file too small to gain is sent as it is, and needs no twins.
    if gz.len() >= bytes.len() {
        for p in [&gz_path, &br_path] {
            let _ = fs::remove_file(p);
        }
        return Ok((bytes.len(), bytes.len(), bytes.len()));
    }
    fs::write(&gz_path, &gz).map_err(|e| format!("cannot write {}: {e}", gz_path.display()))?;
    let br_len = if br.len() < bytes.len() {
        fs::write(&br_path, &br).map_err(|e| format!("cannot write {}: {e}", br_path.display()))?;
        br.len()
    } else {
        let _ = fs::remove_file(&br_path);
        bytes.len()
    };
    Ok((bytes.len(), gz.len(), br_len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("yrd-compress-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("data")).unwrap();
        dir
    }

    fn text(n: usize) -> Vec<u8> {
        (0..n)
            .map(|i| format!("<p class=\"card\">长三角 item {}</p>\n", i % 37))
            .collect::<String>()
            .into_bytes()
    }

    #[test]
    fn twins_decompress_to_their_file_and_beat_the_fast_levels() {
        let dir = temp("roundtrip");
        let page = text(400);
        fs::write(dir.join("index.html"), &page).unwrap();
        fs::write(dir.join("data/2026.json"), b"{\"year\":2026}").unwrap();
        fs::write(dir.join("icon.png"), &page).unwrap();
        post_build(&dir).unwrap();

        let gz = fs::read(dir.join("index.html.gz")).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, page);
        let br = fs::read(dir.join("index.html.br")).unwrap();
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, page);

        let fast = crate::bench::sizes(&page);
        assert!(gz.len() <= fast.gzip, "{} > {}", gz.len(), fast.gzip);
        assert!(br.len() < fast.brotli, "{} >= {}", br.len(), fast.brotli);
        // Too small to gain, and not a compressible type: no twins.
        assert!(!dir.join("data/2026.json.gz").exists());
        assert!(!dir.join("icon.png.gz").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_twin_of_a_changed_or_removed_file_is_not_used() {
        let dir = temp("stale");
        let page = text(300);
        fs::write(dir.join("index.html"), &page).unwrap();
        fs::write(dir.join("old.js"), text(200)).unwrap();
        post_build(&dir).unwrap();
        assert!(twins(&dir.join("index.html"), &page).is_some());

        // Same length, one byte different: the CRC tells.
        let mut changed = page.clone();
        changed[10] ^= 1;
        assert!(twins(&dir.join("index.html"), &changed).is_none());
        assert!(!gzip_matches(&page, b"not gzip"));

        fs::remove_file(dir.join("old.js")).unwrap();
        post_build(&dir).unwrap();
        assert!(!dir.join("old.js.gz").exists() && !dir.join("old.js.br").exists());
        assert!(dir.join("index.html.gz").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
