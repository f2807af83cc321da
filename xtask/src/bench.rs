//! `cargo xtask bench`: one run that measures the release against its
//! budgets and against references (see BENCHMARKS.md).
//!
//! Builds the release (and the minimal Leptos reference page with the same
//! tools and profile), generates the static-HTML reference of the 2026
//! list, the static twin of every entry page (`targets`) and a
//! 10,000-item data set into a temporary folder, serves all of them with
//! the project's own compressing server on loopback, and prints, one
//! function per section: sizes (raw, gzip, brotli at the server's levels)
//! with the first load and the main module against its budget; the targets
//! table per page type (Lighthouse on each entry page and its twin, bytes
//! before readable); Lighthouse on the two references; interaction timing
//! on the generated data in headless Chromium; criterion benchmarks of the
//! query engine on 100,000 items; and where each budget stands. The same
//! tables are written to `target/bench/report.md`.

#[path = "../../benches/support/fixture.rs"]
pub mod fixture;
pub mod targets;

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;
use yrd_pledges::load::{parse_index, parse_year};
use yrd_pledges::model::{Index, YearData};

use crate::server::{self, Config, Server};
use crate::util::{cmd, header, root, run, secs, Result};

/// DESIGN.md: the main WASM module, gzip, at most 230 KB (KB = 1024
/// bytes, as the reports print). It is never on the path to reading; the
/// first load's total is reported beside it, as information.
pub const MAIN_MODULE_BUDGET_GZIP: usize = 230 * 1024;
/// The levels `server.rs` compresses with: tower-http's defaults, gzip at
/// flate2's default (6) and brotli at quality 4 (what nginx uses on the fly).
pub const GZIP_LEVEL: u32 = 6;
pub const BROTLI_QUALITY: i32 = 4;

/// Generated data for the interaction timing.
const FIXTURE_ITEMS: usize = 10_000;
const FIXTURE_YEARS: usize = 10;

// ---------------------------------------------------------------- sizes --

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, o: Sizes) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.brotli += o.brotli;
    }
}

/// Sizes of `bytes` as sent raw, and gzip- and brotli-compressed on the
/// fly by the server (a file without build-time twins).
pub fn sizes(bytes: &[u8]) -> Sizes {
    let mut gz = GzEncoder::new(Vec::new(), Compression::new(GZIP_LEVEL));
    gz.write_all(bytes).expect("writing to memory");
    let gzip = gz.finish().expect("writing to memory").len();
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        ..Default::default()
    };
    let mut br = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).expect("writing to memory");
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    }
}

/// The generated data's compressed twins, at the on-the-fly levels. The
/// server sends them as stored, as it and nginx send the build's twins of
/// the real data, so the open times the page and not a server compressing
/// 24 MB on every load on a shared 2-core machine (the ten years then
/// queue behind each other's compression). The build's own levels
/// (zopfli, brotli 11) would take minutes on this much data.
fn fixture_twins(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut gz = GzEncoder::new(Vec::new(), Compression::new(GZIP_LEVEL));
    gz.write_all(bytes).expect("writing to memory");
    let gz = gz.finish().expect("writing to memory");
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        ..Default::default()
    };
    let mut br = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).expect("writing to memory");
    (gz, br)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSize {
    /// Relative to the served folder, with `/` separators.
    pub name: String,
    pub sizes: Sizes,
}

/// `name`'s sizes as the project's server sends it: its build-time twins
/// (`compress.rs`) where they exist and match, else compressed on the fly.
fn file_size(dir: &Path, name: &str) -> Result<FileSize> {
    let path = dir.join(name);
    let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // Compressing on the fly only for what no twin covers.
    let sizes = match crate::compress::twins(&path, &bytes) {
        Some((gz, Some(br))) => Sizes {
            raw: bytes.len(),
            gzip: gz.len(),
            brotli: br.len(),
        },
        Some((gz, None)) => Sizes {
            gzip: gz.len(),
            ..sizes(&bytes)
        },
        None => sizes(&bytes),
    };
    Ok(FileSize {
        name: name.to_string(),
        sizes,
    })
}

/// Every file a reader can be sent from `dir`, by name. The host's rule
/// files (`_headers`, `_nginx.conf`) are left out: the server never sends
/// them.
pub fn file_sizes(dir: &Path) -> Result<Vec<FileSize>> {
    let mut names = crate::util::files_under(dir)?;
    names.retain(|n| {
        n != crate::csp::HEADERS_FILE && n != crate::csp::NGINX_FILE && !crate::compress::is_twin(n)
    });
    names.sort();
    names.iter().map(|n| file_size(dir, n)).collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstLoad {
    pub files: Vec<FileSize>,
    pub total: Sizes,
}

impl FirstLoad {
    /// The main WASM module the page loads (the parts come later).
    pub fn main_module(&self) -> Option<&FileSize> {
        self.files.iter().find(|f| f.name.ends_with(".wasm"))
    }

    pub fn main_module_gzip(&self) -> usize {
        self.main_module().map_or(0, |f| f.sizes.gzip)
    }

    pub fn within_budget(&self) -> bool {
        self.main_module_gzip() <= MAIN_MODULE_BUDGET_GZIP
    }
}

/// What a first visit to the page in `dir` downloads, as DESIGN.md counts
/// it: the page (`index.html`), every JS, WASM and CSS file at the top of
/// `dir` that the page names, and — where `data/index.json` exists — the
/// index and the default year's file it points to. Deterministic, so a test
/// can hold the build to the budget: `first_load(&dist)?.within_budget()`.
/// Whether the ES module `js` imports `file` (a sibling) statically:
/// `import … from "./file"` or `import "./file"`, written out or minified
/// (`import*as a from"./file"`); not `import("./file")`, which waits for a
/// call.
fn imports_statically(js: &str, file: &str) -> bool {
    js.match_indices(file).any(|(at, _)| {
        let before = js[..at].strip_suffix("./").unwrap_or(&js[..at]);
        let Some(before) = before
            .strip_suffix('"')
            .or_else(|| before.strip_suffix('\''))
        else {
            return false;
        };
        let before = before.trim_end();
        before.ends_with("from") || before.ends_with("import")
    })
}

pub fn first_load(dir: &Path) -> Result<FirstLoad> {
    let page = fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("cannot read {}/index.html: {e}", dir.display()))?;
    let mut names = vec!["index.html".to_string()];
    let top: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let mut assets: Vec<String> = top
        .iter()
        .filter(|n| {
            let ext = n.rsplit('.').next().unwrap_or("");
            ["js", "wasm", "css"].contains(&ext) && names_file(&page, n)
        })
        .cloned()
        .collect();
    // Modules the app's JS imports statically (the split step's loader of
    // the parts) arrive with it; the parts it fetches on demand do not.
    let mut imported: Vec<String> = Vec::new();
    for js in assets.iter().filter(|n| n.ends_with(".js")) {
        let text = fs::read_to_string(dir.join(js))
            .map_err(|e| format!("cannot read {}/{js}: {e}", dir.display()))?;
        for other in &top {
            if other.ends_with(".js")
                && !assets.contains(other)
                && !imported.contains(other)
                && imports_statically(&text, other)
            {
                imported.push(other.clone());
            }
        }
    }
    assets.extend(imported);
    assets.sort();
    names.extend(assets);
    let index_path = dir.join("data").join("index.json");
    if index_path.is_file() {
        let index = crate::util::dist_index(dir)?;
        // The year the app's first screen fetches (`needs`), as the
        // pre-renderer takes it: not necessarily the index's `default_year`.
        let entry = yrd_pledges::needs::default_year(&index)
            .and_then(|y| index.years.iter().find(|e| e.year == y))
            .ok_or(format!("{}: lists no year", index_path.display()))?;
        names.push("data/index.json".into());
        names.push(format!("data/{}", entry.file));
    }
    let files = names
        .iter()
        .map(|n| file_size(dir, n))
        .collect::<Result<Vec<_>>>()?;
    let mut total = Sizes::default();
    for f in &files {
        total += f.sizes;
    }
    Ok(FirstLoad { files, total })
}

/// Whether the page refers to `name` as a URL (`./name`, `"name"`, `/name`),
/// not merely contains it inside a longer name.
fn names_file(page: &str, name: &str) -> bool {
    page.match_indices(name).any(|(at, _)| {
        let before = page[..at].chars().next_back();
        let after = page[at + name.len()..].chars().next();
        matches!(before, Some('/' | '"' | '\'' | '=' | ' ' | '('))
            && matches!(after, Some('"' | '\'' | ')' | ' ' | '?' | '#' | '>'))
    })
}

fn kb(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}×", a / b)
    } else {
        "—".into()
    }
}

// ----------------------------------------------------- static reference --

/// Text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// The physical floor for showing this content: one plain HTML page holding
/// a year's list as text — each item's number, title, lead units and
/// targets (label, number and unit as printed) — with a few lines of inline
/// CSS and no script.
pub fn static_reference(year: &YearData) -> String {
    let mut h = String::new();
    let title = escape_html(&year.list_title.zh);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n\
         <meta name=\"description\" content=\"{title}：每一项的牵头单位与目标。\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <style>body{{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#1a1a1a}}\
         li{{margin:0 0 1rem}}h2{{font-size:1.1rem;margin:0}}p,ul{{margin:.25rem 0}}</style>\n\
         </head>\n<body>\n<main>\n<h1>{title}</h1>\n<ol>\n"
    );
    for item in &year.items {
        let _ = writeln!(h, "<li><h2>{}</h2>", escape_html(&item.title.zh));
        if let Some(lead) = &item.lead_text {
            let _ = writeln!(h, "<p>牵头单位：{}</p>", escape_html(&lead.zh));
        }
        if !item.targets.is_empty() {
            h.push_str("<ul>\n");
            for f in &item.targets {
                let _ = writeln!(
                    h,
                    "<li>{}：{}{}</li>",
                    escape_html(&f.label.zh),
                    escape_html(&f.value_text),
                    escape_html(&f.unit.zh)
                );
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol>\n</main>\n</body>\n</html>\n");
    h
}

// ---------------------------------------------------------- Lighthouse --

/// One Lighthouse report, reduced to what the bench prints. Scores are
/// 0–100; times in milliseconds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lh {
    pub performance: Option<f64>,
    pub accessibility: Option<f64>,
    pub best_practices: Option<f64>,
    pub seo: Option<f64>,
    pub fcp: Option<f64>,
    pub lcp: Option<f64>,
    pub tbt: Option<f64>,
    pub cls: Option<f64>,
    pub warnings: Vec<String>,
    /// Every URL the load requested (the `network-requests` audit).
    pub requested: Vec<String>,
    /// The audits that failed in Accessibility, Best Practices and SEO,
    /// as `category/audit`: why a category is below 100.
    pub failed: Vec<String>,
}

/// The median of `v` (the mean of the middle two for an even count).
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2]),
        n => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// Each scored audit of the categories other than Performance whose score
/// is below 1 (an audit that does not apply has none).
fn failed_audits(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for c in ["accessibility", "best-practices", "seo"] {
        let refs = v
            .pointer(&format!("/categories/{c}/auditRefs"))
            .and_then(Value::as_array);
        for r in refs.into_iter().flatten() {
            let weighted = r.get("weight").and_then(Value::as_f64).unwrap_or(0.0) > 0.0;
            let Some(id) = r.get("id").and_then(Value::as_str) else {
                continue;
            };
            let score = v
                .pointer(&format!("/audits/{id}/score"))
                .and_then(Value::as_f64);
            if weighted && score.is_some_and(|s| s < 1.0) {
                out.push(format!("{c}/{id}"));
            }
        }
    }
    out
}

pub fn parse_lighthouse(json: &str) -> Result<Lh> {
    let v: Value =
        serde_json::from_str(json).map_err(|e| format!("not a Lighthouse report: {e}"))?;
    if let Some(err) = v.pointer("/runtimeError/message").and_then(Value::as_str) {
        return Err(format!("Lighthouse: {err}"));
    }
    let score = |c: &str| {
        v.pointer(&format!("/categories/{c}/score"))
            .and_then(Value::as_f64)
            .map(|s| (s * 100.0).round())
    };
    let audit = |a: &str| {
        v.pointer(&format!("/audits/{a}/numericValue"))
            .and_then(Value::as_f64)
    };
    Ok(Lh {
        performance: score("performance"),
        accessibility: score("accessibility"),
        best_practices: score("best-practices"),
        seo: score("seo"),
        fcp: audit("first-contentful-paint"),
        lcp: audit("largest-contentful-paint"),
        tbt: audit("total-blocking-time"),
        cls: audit("cumulative-layout-shift"),
        warnings: v
            .get("runWarnings")
            .and_then(Value::as_array)
            .map(|w| {
                w.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        requested: v
            .pointer("/audits/network-requests/details/items")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.get("url")?.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        failed: failed_audits(&v),
    })
}

impl Lh {
    /// Each figure's median over `runs` (a single simulated run moves by
    /// several points from one run to the next on a busy machine), and
    /// every warning, request and failed audit of any run once.
    pub fn median(runs: &[Lh]) -> Lh {
        let mid = |f: fn(&Lh) -> Option<f64>| median(runs.iter().filter_map(f).collect());
        let once = |f: fn(&Lh) -> &Vec<String>| {
            let mut all: Vec<String> = Vec::new();
            for w in runs.iter().flat_map(f) {
                if !all.contains(w) {
                    all.push(w.clone());
                }
            }
            all
        };
        Lh {
            performance: mid(|l| l.performance),
            accessibility: mid(|l| l.accessibility),
            best_practices: mid(|l| l.best_practices),
            seo: mid(|l| l.seo),
            fcp: mid(|l| l.fcp),
            lcp: mid(|l| l.lcp),
            tbt: mid(|l| l.tbt),
            cls: mid(|l| l.cls),
            warnings: once(|l| &l.warnings),
            requested: once(|l| &l.requested),
            failed: once(|l| &l.failed),
        }
    }
}

/// The browser reads in Chinese, as most of the app's readers do: the page's
/// pre-rendered copy is the Chinese default view, and an English browser is
/// (rightly) shown a loading line until the app renders the English one.
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --lang=zh-CN --accept-lang=zh-CN";

fn bench_dir() -> PathBuf {
    root().join("bench")
}

fn chrome_path() -> String {
    std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// `npm ci` in bench/ when Lighthouse is missing or the lock file changed
/// since the last install (a copy of the lock is the stamp, as for e2e/).
fn bench_packages() -> Result {
    let dir = bench_dir();
    let lock = fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("cannot read bench/package-lock.json: {e}"))?;
    let stamp = dir.join("node_modules").join(".xtask-package-lock.json");
    let present = dir.join("node_modules/lighthouse/cli/index.js").is_file();
    if present && fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        println!("ok    bench npm packages (bench/node_modules)");
        return Ok(());
    }
    println!("installing  bench npm packages: npm ci in bench/ (Lighthouse; no browser download)");
    run(cmd("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&dir))
    .map_err(|e| format!("cannot install Lighthouse: {e}"))?;
    fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// One Lighthouse run with its default configuration: the mobile preset
/// (Moto G Power–sized screen, simulated slow 4G and 4× CPU slowdown).
fn lighthouse(url: &str, out: &Path) -> Result<Lh> {
    let cli = bench_dir().join("node_modules/lighthouse/cli/index.js");
    let mut c = cmd("node");
    c.arg(&cli)
        .arg(url)
        .args([
            "--quiet",
            "--output=json",
            "--only-categories=performance,accessibility,best-practices,seo",
        ])
        .arg(format!("--output-path={}", out.display()))
        .arg(format!("--chrome-flags={CHROME_FLAGS}"))
        .env("CHROME_PATH", chrome_path());
    let output = c
        .output()
        .map_err(|e| format!("could not start Lighthouse: {e}"))?;
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = err.lines().rev().take(6).collect();
        return Err(format!(
            "Lighthouse failed on {url} ({}): {}",
            output.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ));
    }
    let json = fs::read_to_string(out).map_err(|e| format!("{}: {e}", out.display()))?;
    parse_lighthouse(&json)
}

// -------------------------------------------------------------- the run --

/// The 1-minute load average: on a shared machine it says how far to trust
/// the timings.
fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

fn lighthouse_version() -> String {
    fs::read_to_string(bench_dir().join("node_modules/lighthouse/package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v.get("version")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "not installed yet".into())
}

/// The parts `--skip` can leave out: the minimal Leptos reference, every
/// Lighthouse run, the targets table per page type, the interaction timing
/// and the criterion benchmarks.
const PARTS: [&str; 5] = ["references", "lighthouse", "pages", "interaction", "native"];

struct Options {
    build: bool,
    skip: Vec<String>,
    reps: usize,
    lh_runs: usize,
    /// Only these entry pages (`--pages`), by path; all when empty.
    pages: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Options> {
    let mut o = Options {
        build: true,
        skip: Vec::new(),
        reps: 50,
        lh_runs: 3,
        pages: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-build" => o.build = false,
            "--skip" => {
                let v = it.next().ok_or("--skip needs a value")?;
                for part in v.split(',').map(str::trim) {
                    if !PARTS.contains(&part) {
                        return Err(format!(
                            "--skip: unknown part `{part}` ({})",
                            PARTS.join(", ")
                        ));
                    }
                    o.skip.push(part.to_string());
                }
            }
            "--reps" => o.reps = positive(a, it.next())?,
            "--lh-runs" => o.lh_runs = positive(a, it.next())?,
            "--pages" => {
                let v = it.next().ok_or("--pages needs a value")?;
                o.pages.extend(v.split(',').map(|p| p.trim().to_string()));
            }
            other => return Err(format!("bench: unknown option `{other}`")),
        }
    }
    Ok(o)
}

/// The entry pages `--pages` names (all of them when it names none), in
/// their usual order; a path that is no entry page is an error that lists
/// them.
fn chosen_pages(all: Vec<targets::EntryPage>, named: &[String]) -> Result<Vec<targets::EntryPage>> {
    if let Some(unknown) = named.iter().find(|n| !all.iter().any(|p| &p.path == *n)) {
        let paths: Vec<&str> = all.iter().map(|p| p.path.as_str()).collect();
        return Err(format!(
            "--pages: `{unknown}` is not an entry page ({})",
            paths.join(", ")
        ));
    }
    Ok(all
        .into_iter()
        .filter(|p| named.is_empty() || named.contains(&p.path))
        .collect())
}

/// The value of count option `flag`: a number above zero.
fn positive(flag: &str, value: Option<&String>) -> Result<usize> {
    let v = value.ok_or(format!("{flag} needs a value"))?;
    v.parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(format!("{flag}: not a positive number: {v}"))
}

/// Removes the temporary folder however the run ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", from.display()))?
            .path();
        let dest = to.join(path.file_name().expect("listed entries have names"));
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            fs::copy(&path, &dest).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn real_data() -> Result<(Index, Vec<YearData>)> {
    let dir = root().join("public").join("data");
    let read = |name: &str| {
        fs::read_to_string(dir.join(name))
            .map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    let index = parse_index(&read("index.json")?).map_err(|e| format!("index.json: {e}"))?;
    let years = index
        .years
        .iter()
        .map(|e| parse_year(&read(&e.file)?, e.year).map_err(|err| format!("{}: {err}", e.file)))
        .collect::<Result<Vec<_>>>()?;
    Ok((index, years))
}

/// The minimal Leptos page, built by the same Trunk with the same tools.
/// Its own target folder under target/ keeps the app's artifacts untouched
/// (different features of shared crates would rebuild them).
fn build_reference_leptos(out: &Path) -> Result {
    let start = Instant::now();
    run(cmd("trunk")
        .args(["build", "--release", "--dist"])
        .arg(out)
        .current_dir(bench_dir().join("reference-leptos"))
        .env(
            "CARGO_TARGET_DIR",
            root().join("target").join("bench-reference-leptos"),
        )
        // The app's flags without the linker's `--emit-relocs`, which only
        // the app's split step needs: an unsplit module would keep the
        // relocation sections, many times its code. RUSTFLAGS replaces the
        // config's flags.
        .env("RUSTFLAGS", "--cfg erase_components")
        .env("RUST_BACKTRACE", "0"))?;
    println!("reference build: {}", secs(start.elapsed()));
    Ok(())
}

fn serve(dir: &Path) -> Result<(Server, String)> {
    let s = server::start(
        "127.0.0.1:0".parse().expect("valid address"),
        Config {
            dir: dir.to_path_buf(),
            mounts: vec!["/".into()],
            log: false,
        },
    )
    .map_err(|e| format!("cannot serve {}: {e}", dir.display()))?;
    let url = format!("http://127.0.0.1:{}/", s.port);
    Ok((s, url))
}

struct Report {
    md: String,
}

impl Report {
    fn section(&mut self, title: &str) {
        header(title);
        let _ = write!(self.md, "\n### {title}\n\n");
    }
    /// Printed and kept for report.md.
    fn line(&mut self, s: impl AsRef<str>) {
        println!("{}", s.as_ref());
        self.md.push_str(s.as_ref());
        self.md.push('\n');
    }
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or("—".into(), |x| format!("{x:.digits$}"))
}

/// What the run serves and measures, prepared before the first figure.
struct Prepared {
    dist: PathBuf,
    out_dir: PathBuf,
    /// Removed when the run ends; holds the folders below.
    _tmp: TempDir,
    /// The static HTML of the default year's list.
    static_dir: PathBuf,
    /// The minimal Leptos page, unless `references` is skipped.
    leptos_dir: Option<PathBuf>,
    /// dist/ with the generated data, unless `interaction` is skipped.
    fixture_dir: Option<PathBuf>,
    /// The entry pages' static twins, unless `pages` is skipped.
    twins_dir: Option<PathBuf>,
    index: Index,
    pages: Vec<targets::EntryPage>,
}

fn prepare(o: &Options) -> Result<Prepared> {
    let skip = |part: &str| o.skip.iter().any(|s| s == part);
    crate::setup::run_setup()?;
    if o.build {
        crate::build::build_release(None, false)?;
    }
    let dist = root().join("dist");
    let out_dir = root().join("target").join("bench");
    fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let tmp = TempDir(std::env::temp_dir().join(format!("yrd-bench-{}", std::process::id())));
    let _ = fs::remove_dir_all(&tmp.0);

    let (index, years) = real_data()?;
    let static_dir = tmp.0.join("static");
    fs::create_dir_all(&static_dir).map_err(|e| format!("{}: {e}", static_dir.display()))?;
    let y2026 = years
        .iter()
        .find(|y| y.year == 2026)
        .ok_or("public/data has no 2026 list for the static reference")?;
    fs::write(static_dir.join("index.html"), static_reference(y2026))
        .map_err(|e| format!("cannot write the static reference: {e}"))?;
    // The references get the app's build-time compression, so the ratios
    // compare pages, not compressors.
    crate::compress::post_build(&static_dir)?;
    let leptos_dir = if skip("references") {
        None
    } else {
        header("reference: minimal Leptos CSR page");
        let dir = out_dir.join("reference-leptos-dist");
        build_reference_leptos(&dir)?;
        crate::compress::post_build(&dir)?;
        Some(dir)
    };
    let pages = chosen_pages(targets::entry_pages(&index, &years)?, &o.pages)?;
    let twins_dir = if skip("pages") {
        None
    } else {
        let dir = tmp.0.join("twins");
        targets::write_reference_tree(&dist, &dir, &pages)?;
        println!(
            "wrote the static twins of {} entry pages into {}",
            pages.len(),
            dir.display()
        );
        Some(dir)
    };
    let fixture_dir = if skip("interaction") {
        None
    } else {
        let dir = tmp.0.join("fixture");
        write_fixture(&dist, &dir, &index, &years)?;
        Some(dir)
    };
    Ok(Prepared {
        dist,
        out_dir,
        _tmp: tmp,
        static_dir,
        leptos_dir,
        fixture_dir,
        twins_dir,
        index,
        pages,
    })
}

/// A copy of `dist` whose data is the generated 10,000 items, with their
/// twins at the on-the-fly levels.
fn write_fixture(dist: &Path, dir: &Path, index: &Index, years: &[YearData]) -> Result {
    copy_dir(dist, dir)?;
    let data_dir = dir.join("data");
    fs::remove_dir_all(&data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    fs::create_dir_all(&data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    let fx = fixture::generate(index, years, FIXTURE_ITEMS, FIXTURE_YEARS);
    for (name, text) in fx.files() {
        let path = data_dir.join(&name);
        let (gz, br) = fixture_twins(text.as_bytes());
        fs::write(&path, text).map_err(|e| format!("{name}: {e}"))?;
        fs::write(
            crate::compress::with_suffix(&path, crate::compress::GZIP_TWIN),
            gz,
        )
        .map_err(|e| format!("{name}.gz: {e}"))?;
        fs::write(
            crate::compress::with_suffix(&path, crate::compress::BROTLI_TWIN),
            br,
        )
        .map_err(|e| format!("{name}.br: {e}"))?;
    }
    println!(
        "generated {} items over {} years into {}",
        fx.item_count(),
        fx.years.len(),
        data_dir.display()
    );
    Ok(())
}

fn report_start() -> Report {
    let mut r = Report { md: String::new() };
    r.line(format!(
        "`cargo xtask bench`, {} UTC, {} CPU(s), load average {} at the start; {}; Lighthouse {}",
        crate::util::output(std::process::Command::new("date").args(["-u", "+%Y-%m-%d %H:%M"]))
            .unwrap_or_default()
            .trim(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average(),
        crate::util::output(std::process::Command::new(chrome_path()).arg("--version"))
            .unwrap_or_default()
            .trim(),
        lighthouse_version()
    ));
    r
}

/// Every file's sizes, the first load against the budget and beside the
/// references'.
fn sizes_section(r: &mut Report, p: &Prepared) -> Result<FirstLoad> {
    r.section("sizes, as the server sends them: the build's twins (zopfli gzip, brotli q11) where it wrote them, else gzip -6 and brotli q4 on the fly");
    let files = file_sizes(&p.dist)?;
    let first = first_load(&p.dist)?;
    let width = files
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(4)
        .max(10);
    r.line(format!(
        "| {:<width$} | {:>9} | {:>9} | {:>9} | first load |",
        "file", "raw", "gzip", "brotli"
    ));
    r.line(format!("|{}|---:|---:|---:|:---:|", "-".repeat(width + 2)));
    let mut all = Sizes::default();
    for f in &files {
        all += f.sizes;
        let counted = first.files.iter().any(|g| g.name == f.name);
        r.line(format!(
            "| {:<width$} | {:>9} | {:>9} | {:>9} | {} |",
            f.name,
            kb(f.sizes.raw),
            kb(f.sizes.gzip),
            kb(f.sizes.brotli),
            if counted { "yes" } else { "" }
        ));
    }
    for (name, s) in [
        (format!("all {} files", files.len()), all),
        ("**first load**".to_string(), first.total),
    ] {
        r.line(format!(
            "| {name:<width$} | {:>9} | {:>9} | {:>9} | |",
            kb(s.raw),
            kb(s.gzip),
            kb(s.brotli)
        ));
    }
    r.line("");
    let main = first.main_module_gzip();
    r.line(format!(
        "Main module {} gzip against the {} budget: {}.",
        kb(main),
        kb(MAIN_MODULE_BUDGET_GZIP),
        if first.within_budget() {
            format!("within, {} to spare", kb(MAIN_MODULE_BUDGET_GZIP - main))
        } else {
            format!("OVER by {}", kb(main - MAIN_MODULE_BUDGET_GZIP))
        }
    ));
    r.line("");
    r.line("| first load | raw | gzip | brotli | app / this: raw | gzip | brotli |");
    r.line("|---|---:|---:|---:|---:|---:|---:|");
    let mut rows = vec![("app".to_string(), first.clone())];
    if let Some(dir) = &p.leptos_dir {
        rows.push(("reference: minimal Leptos page".into(), first_load(dir)?));
    }
    rows.push((
        "reference: static HTML of the 2026 list".into(),
        first_load(&p.static_dir)?,
    ));
    for (i, (name, f)) in rows.iter().enumerate() {
        let vs = |a: usize, b: usize| {
            if i == 0 {
                String::new()
            } else {
                ratio(a as f64, b as f64)
            }
        };
        r.line(format!(
            "| {name} ({}) | {} | {} | {} | {} | {} | {} |",
            f.files
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            kb(f.total.raw),
            kb(f.total.gzip),
            kb(f.total.brotli),
            vs(first.total.raw, f.total.raw),
            vs(first.total.gzip, f.total.gzip),
            vs(first.total.brotli, f.total.brotli),
        ));
    }
    Ok(first)
}

/// Lighthouse on the two references: what the framework costs before
/// showing anything, and a hand-written static list.
fn references_section(r: &mut Report, o: &Options, out_dir: &Path, refs: &[(&str, String)]) {
    r.section(&format!(
        "Lighthouse on the references (mobile preset, default simulated throttling; each figure the median of {} run(s))",
        o.lh_runs
    ));
    r.line("| reference | Performance | Accessibility | Best Practices | SEO | FCP ms | LCP ms | TBT ms | CLS |");
    r.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (i, (name, url)) in refs.iter().enumerate() {
        let mut runs = Vec::new();
        for run in 0..o.lh_runs {
            let out = out_dir.join(format!("lighthouse-reference-{i}-{run}.json"));
            println!("lighthouse: {name} ({url}), run {}", run + 1);
            match lighthouse(url, &out) {
                Ok(lh) => runs.push(lh),
                Err(e) => println!("  {e}"),
            }
        }
        if runs.is_empty() {
            r.line(format!(
                "| {name} | Lighthouse failed (see above) | | | | | | | |"
            ));
            continue;
        }
        let l = Lh::median(&runs);
        r.line(format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
            opt(l.performance, 0),
            opt(l.accessibility, 0),
            opt(l.best_practices, 0),
            opt(l.seo, 0),
            opt(l.fcp, 0),
            opt(l.lcp, 0),
            opt(l.tbt, 0),
            opt(l.cls, 3)
        ));
    }
}

/// The interaction timing on the generated data; its figures for the
/// targets.
fn interaction_section(r: &mut Report, o: &Options, p: &Prepared, url: &str) -> Option<Value> {
    r.section(&format!(
        "interaction in headless Chromium, {FIXTURE_ITEMS} generated items"
    ));
    let t = Instant::now();
    let years: Vec<String> = (0..FIXTURE_YEARS)
        .map(|i| (p.index.default_year - i as u16).to_string())
        .collect();
    let json_out = p.out_dir.join("interaction.json");
    let _ = fs::remove_file(&json_out);
    let result = run(cmd("node")
        .arg(bench_dir().join("interaction.mjs"))
        .env("BASE_URL", url)
        .env("YEARS", years.join(","))
        .env("EXPECT", FIXTURE_ITEMS.to_string())
        .env("REPS", o.reps.to_string())
        .env("OUT_JSON", &json_out)
        .env("CHROME_PATH", chrome_path()))
    .and_then(|()| {
        let text = fs::read_to_string(&json_out).map_err(|e| format!("{e}"))?;
        serde_json::from_str::<Value>(&text).map_err(|e| format!("{e}"))
    });
    println!("interaction: {}", secs(t.elapsed()));
    let v = match result {
        Ok(v) => v,
        Err(e) => {
            r.line(format!("interaction timing failed: {e}"));
            return None;
        }
    };
    r.line("| interaction | n | script median ms | script p95 ms | main-thread median ms | main-thread p95 ms |");
    r.line("|---|---:|---:|---:|---:|---:|");
    for name in ["keystroke", "theme_toggle", "status_toggle", "baseline"] {
        let f = |kind: &str, stat: &str| {
            v.pointer(&format!("/{name}/{kind}/{stat}"))
                .and_then(Value::as_f64)
        };
        r.line(format!(
            "| {} | {} | {} | {} | {} | {} |",
            name.replace('_', " "),
            opt(f("script", "n"), 0),
            opt(f("script", "median"), 2),
            opt(f("script", "p95"), 2),
            opt(f("task", "median"), 2),
            opt(f("task", "p95"), 2)
        ));
    }
    let ms = |k: &str| v.get(k).and_then(Value::as_f64);
    if let (Some(first), Some(all)) = (ms("first_ms"), ms("load_ms")) {
        let runs: Vec<String> = v
            .get("first_runs")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_f64)
                    .map(|x| format!("{x:.0}"))
                    .collect()
            })
            .unwrap_or_default();
        r.line(format!(
            "\nOpening the list of {FIXTURE_ITEMS} items (unthrottled, loopback, each open in a fresh context; medians of {} opens): its first screen shown and painted after {first:.0} ms ({} ms), every item counted after {all:.0} ms.",
            runs.len(),
            runs.join(", ")
        ));
    }
    Some(v)
}

/// criterion's query-engine benchmarks.
fn native_section(r: &mut Report) {
    r.section("query engine, native (criterion, 100,000 generated items, release profile)");
    let t = Instant::now();
    let crit = root().join("target").join("criterion").join("query_100k");
    let _ = fs::remove_dir_all(&crit);
    if let Err(e) = run(cmd("cargo").args(["bench", "--bench", "query"])) {
        r.line(format!("criterion failed: {e}"));
        return;
    }
    let mut names: Vec<String> = fs::read_dir(&crit)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    r.line("| benchmark (100,000 items) | median ms | mean ms |");
    r.line("|---|---:|---:|");
    for n in names {
        let path = crit.join(&n).join("new").join("estimates.json");
        let Some(v) = fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            continue;
        };
        let stat = |s: &str| {
            v.pointer(&format!("/{s}/point_estimate"))
                .and_then(Value::as_f64)
        };
        if let (Some(median), Some(mean)) = (stat("median"), stat("mean")) {
            r.line(format!("| {n} | {:.3} | {:.3} |", median / 1e6, mean / 1e6));
        }
    }
    println!("native: {}", secs(t.elapsed()));
}

/// Where each of DESIGN.md's budgets stands in this run.
fn targets_section(
    r: &mut Report,
    first: &FirstLoad,
    pages: &[targets::Measured],
    inter: Option<&Value>,
) {
    r.section("targets (DESIGN.md, Budgets)");
    r.line("| target | measured | met? |");
    r.line("|---|---|:---:|");
    let yes = |b: bool| if b { "yes" } else { "**no**" };
    r.line(format!(
        "| main module ≤ 230 KB gzip | {} | {} |",
        kb(first.main_module_gzip()),
        yes(first.within_budget())
    ));
    let summary = targets::summary(pages);
    if summary.is_empty() {
        r.line("| targets per page type | not measured in this run | — |");
    }
    for (target, measured, met) in summary {
        r.line(format!("| {target} | {measured} | {} |", yes(met)));
    }
    match inter
        .and_then(|v| v.get("first_ms"))
        .and_then(Value::as_f64)
    {
        Some(ms) => r.line(format!(
            "| open ≤ 0.5 s ({FIXTURE_ITEMS} items: the first screen shown, median) | {ms:.0} ms | {} |",
            yes(ms <= 500.0)
        )),
        None => r.line("| open ≤ 0.5 s | not measured in this run | — |"),
    }
    // DESIGN.md's interactions: typing in search, toggling a filter.
    for (key, what) in [
        ("keystroke", "search keystroke"),
        ("theme_toggle", "theme filter toggled"),
        ("status_toggle", "status filter changed"),
    ] {
        match inter
            .and_then(|v| v.pointer(&format!("/{key}/script/median")))
            .and_then(Value::as_f64)
        {
            Some(median) => r.line(format!(
                "| {what} ≤ 8 ms script (median, {FIXTURE_ITEMS} items) | {median:.2} ms | {} |",
                yes(median <= 8.0)
            )),
            None => r.line(format!("| {what} ≤ 8 ms | not measured in this run | — |")),
        }
    }
}

pub fn run_bench(args: &[String]) -> Result {
    let o = parse_args(args)?;
    let skip = |part: &str| o.skip.iter().any(|s| s == part);
    let start = Instant::now();
    let p = prepare(&o)?;
    let lighthouse_ready = if skip("lighthouse") {
        Err("left out (--skip lighthouse)".to_string())
    } else {
        bench_packages()
    };
    let mut r = report_start();
    let first = sizes_section(&mut r, &p)?;

    let (_app_server, app_url) = serve(&p.dist)?;
    let mut measured = Vec::new();
    if let Some(dir) = &p.twins_dir {
        let (_twins_server, twins_url) = serve(dir)?;
        let run = targets::Run {
            dist: &p.dist,
            ref_dir: dir,
            app_url: &app_url,
            ref_url: &twins_url,
            out_dir: &p.out_dir,
            lh_runs: if lighthouse_ready.is_ok() {
                o.lh_runs
            } else {
                0
            },
        };
        measured = targets::measure(&run, &p.pages);
        targets::report(&mut r, &run, &measured);
        if let Err(e) = &lighthouse_ready {
            r.line(format!("\nNo Lighthouse figures in this run: {e}"));
        }
    }

    if lighthouse_ready.is_ok() {
        let (_static_server, static_url) = serve(&p.static_dir)?;
        let leptos = p.leptos_dir.as_deref().map(serve).transpose()?;
        let mut refs = Vec::new();
        if let Some((_, url)) = &leptos {
            refs.push(("minimal Leptos", url.clone()));
        }
        refs.push(("static HTML of the 2026 list", static_url));
        references_section(&mut r, &o, &p.out_dir, &refs);
    }

    let inter = match &p.fixture_dir {
        Some(dir) => {
            let (_fixture_server, url) = serve(dir)?;
            interaction_section(&mut r, &o, &p, &url)
        }
        None => None,
    };
    if !skip("native") {
        native_section(&mut r);
    }
    targets_section(&mut r, &first, &measured, inter.as_ref());
    r.line(format!(
        "\nbench total: {}; load average {} at the end (other work on the machine slows the timings).",
        secs(start.elapsed()),
        load_average()
    ));

    let report = p.out_dir.join("report.md");
    fs::write(&report, &r.md).map_err(|e| format!("cannot write {}: {e}", report.display()))?;
    println!("\nreport written to {}", report.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use yrd_pledges::load::Dataset;

    fn temp(name: &str) -> TempDir {
        let d = std::env::temp_dir().join(format!(
            "xtask-bench-test-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        fs::create_dir_all(&d).unwrap();
        TempDir(d)
    }

    #[test]
    fn sizes_are_what_the_server_would_send() {
        let text = "长三角一体化发展实事项目 ".repeat(200);
        let s = sizes(text.as_bytes());
        assert_eq!(s.raw, text.len());
        assert!(s.gzip < s.raw / 10 && s.brotli < s.raw / 10, "{s:?}");
        let mut plain = Vec::new();
        let mut gz = GzEncoder::new(Vec::new(), Compression::new(GZIP_LEVEL));
        gz.write_all(text.as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
            .unwrap();
        assert_eq!(plain, text.as_bytes());
        assert_eq!(s.gzip, bytes.len());
        // The same input always gives the same figures: a budget test can
        // rely on them.
        assert_eq!(sizes(text.as_bytes()), s);
    }

    #[test]
    fn static_imports_are_found_written_out_or_minified() {
        let f = "yrd-split-1.js";
        assert!(imports_statically(
            "import * as import1 from \"./yrd-split-1.js\"\n",
            f
        ));
        assert!(imports_statically(
            "let a;import*as j from\"./yrd-split-1.js\";",
            f
        ));
        assert!(imports_statically("import './yrd-split-1.js';", f));
        assert!(!imports_statically(
            "const m = import(\"./yrd-split-1.js\");",
            f
        ));
        assert!(!imports_statically("fetch(\"./yrd-split-1.js\")", f));
        assert!(!imports_statically("import x from \"./other.js\"", f));
    }

    #[test]
    fn first_load_counts_the_page_its_assets_the_index_and_the_default_year() {
        let d = temp("first-load");
        let dir = &d.0;
        fs::create_dir_all(dir.join("data")).unwrap();
        fs::write(
            dir.join("index.html"),
            "<link rel=\"modulepreload\" href=\"./app-1.js\"><link rel=\"stylesheet\" href=\"./app-1.css\">\
             <script type=\"module\">import init from './app-1.js';init({module_or_path:'./app-1_bg.wasm'})</script>",
        )
        .unwrap();
        fs::write(
            dir.join("app-1.js"),
            format!(
                "import * as import1 from \"./split-1.js\"\n{}",
                "export {};".repeat(30)
            ),
        )
        .unwrap();
        // The parts' loader comes with the app's JS; the parts it names are
        // fetched on demand.
        fs::write(
            dir.join("split-1.js"),
            "import { initSync } from \"./app-1.js\";\nfetch(new URL(\"./part_a-1.wasm\", import.meta.url));",
        )
        .unwrap();
        fs::write(dir.join("part_a-1.wasm"), [1u8; 300]).unwrap();
        fs::write(dir.join("app-1_bg.wasm"), [0u8; 500]).unwrap();
        fs::write(dir.join("app-1.css"), "body{}").unwrap();
        // Not named by the page (registered later, or for host pages).
        fs::write(dir.join("sw.js"), "self;").unwrap();
        fs::write(dir.join("embed.js"), "x;").unwrap();
        fs::write(dir.join("old-app-1.js"), "x;").unwrap();
        fs::write(dir.join("_headers"), "/*\n  X: y\n").unwrap();
        let (index, years) = real_data().unwrap();
        fs::write(
            dir.join("data/index.json"),
            serde_json::to_string(&index).unwrap(),
        )
        .unwrap();
        for y in &years {
            let e = index.years.iter().find(|e| e.year == y.year).unwrap();
            fs::write(
                dir.join("data").join(&e.file),
                serde_json::to_string(y).unwrap(),
            )
            .unwrap();
        }
        let default_file = &index
            .years
            .iter()
            .find(|e| e.year == index.default_year)
            .unwrap()
            .file;

        let f = first_load(dir).unwrap();
        let names: Vec<&str> = f.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "index.html",
                "app-1.css",
                "app-1.js",
                "app-1_bg.wasm",
                "split-1.js",
                "data/index.json",
                &format!("data/{default_file}"),
            ]
        );
        let mut sum = Sizes::default();
        for file in &f.files {
            sum += sizes(&fs::read(dir.join(&file.name)).unwrap());
        }
        assert_eq!(f.total, sum);
        assert!(f.within_budget());

        let all = file_sizes(dir).unwrap();
        assert!(all.iter().any(|f| f.name == "sw.js"));
        assert!(all.iter().any(|f| f.name == format!("data/{default_file}")));
        assert!(!all.iter().any(|f| f.name == "_headers"), "never served");

        // Over the budget is reported as such.
        fs::write(
            dir.join("app-1_bg.wasm"),
            // Incompressible: xorshift noise.
            (0..240_000)
                .scan(0x2545_f491_4f6c_dd1d_u64, |x, _| {
                    *x ^= *x << 13;
                    *x ^= *x >> 7;
                    *x ^= *x << 17;
                    Some((*x >> 24) as u8)
                })
                .collect::<Vec<u8>>(),
        )
        .unwrap();
        let f = first_load(dir).unwrap();
        assert_eq!(f.main_module().unwrap().name, "app-1_bg.wasm");
        assert!(f.main_module_gzip() > MAIN_MODULE_BUDGET_GZIP);
        assert!(!f.within_budget());
    }

    #[test]
    fn a_page_without_data_is_just_its_page_and_assets() {
        let d = temp("no-data");
        fs::write(d.0.join("index.html"), "<h1>hi</h1>").unwrap();
        let f = first_load(&d.0).unwrap();
        assert_eq!(f.files.len(), 1);
        assert_eq!(f.total.raw, 11);
    }

    #[test]
    fn the_generated_data_set_loads_in_the_app_and_has_10000_items() {
        let (index, years) = real_data().unwrap();
        let fx = fixture::generate(&index, &years, FIXTURE_ITEMS, FIXTURE_YEARS);
        assert_eq!(fx.item_count(), FIXTURE_ITEMS);
        let files = fx.files();
        assert_eq!(files[0].0, "index.json");
        let parsed = parse_index(&files[0].1).expect("the index loads");
        assert_eq!(parsed.years.len(), FIXTURE_YEARS);
        assert!(parsed.years.iter().any(|e| e.year == parsed.default_year));
        let mut ds = Dataset::new(parsed.clone());
        for e in &parsed.years {
            let text = &files.iter().find(|(n, _)| *n == e.file).unwrap().1;
            ds.put(e.year, parse_year(text, e.year));
        }
        assert!(ds.failed.is_empty(), "{:?}", ds.failed);
        let items: Vec<_> = ds.years.iter().flat_map(|y| &y.items).collect();
        assert_eq!(items.len(), FIXTURE_ITEMS);
        let ids: HashSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), FIXTURE_ITEMS, "ids are unique across years");
        for i in &items {
            assert!(
                yrd_pledges::model::parse_item_id(&i.id).is_some(),
                "{}",
                i.id
            );
            for t in &i.themes {
                assert!(parsed.themes.iter().any(|v| &v.key == t), "{t}");
            }
            for s in &i.sources {
                assert!(parsed.sources.iter().any(|v| &v.id == s), "{s}");
            }
        }
        // Not ten thousand copies of one text.
        let titles: HashSet<&str> = items.iter().map(|i| i.title.zh.as_str()).collect();
        assert_eq!(titles.len(), FIXTURE_ITEMS);
        // Deterministic.
        let again = fixture::generate(&index, &years, FIXTURE_ITEMS, FIXTURE_YEARS);
        assert_eq!(again.files(), files);
    }

    #[test]
    fn the_static_reference_holds_the_list_as_inert_text() {
        let (_, years) = real_data().unwrap();
        let mut y = years.iter().find(|y| y.year == 2026).unwrap().clone();
        let page = static_reference(&y);
        for item in &y.items {
            assert!(page.contains(&escape_html(&item.title.zh)), "{}", item.id);
            if let Some(l) = &item.lead_text {
                assert!(page.contains(&escape_html(&l.zh)));
            }
            for f in &item.targets {
                assert!(page.contains(&escape_html(&f.value_text)));
            }
        }
        assert!(!page.contains("<script"));

        y.items[0].title.zh = "<script>alert(1)</script> & \"x\" 'y'".into();
        y.list_title.zh = "</title><img src=x onerror=alert(1)>".into();
        let page = static_reference(&y);
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; 'y'"));
    }

    #[test]
    fn page_asset_names_match_whole_urls_only() {
        let page = "<link href=\"./app-1.js\"><script>init('./app-1_bg.wasm')</script>";
        assert!(names_file(page, "app-1.js"));
        assert!(names_file(page, "app-1_bg.wasm"));
        assert!(!names_file(page, "1.js"));
        assert!(!names_file(page, "app-1"));
    }

    #[test]
    fn lighthouse_reports_are_read_and_failures_named() {
        let json = r#"{"categories":{"performance":{"score":0.97,
            "auditRefs":[{"id":"total-blocking-time","weight":30}]},
            "accessibility":{"score":1,"auditRefs":[{"id":"color-contrast","weight":7}]},
            "best-practices":{"score":0.96,"auditRefs":[{"id":"errors-in-console","weight":1},
                {"id":"inspector-issues","weight":0}]},
            "seo":{"score":null,"auditRefs":[{"id":"canonical","weight":1},{"id":"hreflang","weight":1}]}},
            "audits":{"first-contentful-paint":{"numericValue":812.5},
            "largest-contentful-paint":{"numericValue":1204.1},
            "total-blocking-time":{"numericValue":30,"score":0.5},
            "cumulative-layout-shift":{"numericValue":0.01},
            "color-contrast":{"score":1},"errors-in-console":{"score":0},
            "inspector-issues":{"score":0},"canonical":{"score":0},"hreflang":{"score":null},
            "network-requests":{"details":{"items":[{"url":"http://h/"},{"url":"http://h/a.js"}]}}},
            "runWarnings":["slow"]}"#;
        let lh = parse_lighthouse(json).unwrap();
        assert_eq!(lh.performance, Some(97.0));
        assert_eq!(lh.accessibility, Some(100.0));
        assert_eq!(lh.seo, None);
        assert_eq!(lh.lcp, Some(1204.1));
        assert_eq!(lh.cls, Some(0.01));
        assert_eq!(lh.warnings, ["slow"]);
        assert_eq!(lh.requested, ["http://h/", "http://h/a.js"]);
        // Scored audits below 1 outside Performance; not one of weight 0,
        // nor one that does not apply (no score).
        assert_eq!(
            lh.failed,
            ["best-practices/errors-in-console", "seo/canonical"]
        );
        let err = parse_lighthouse(r#"{"runtimeError":{"code":"NO_FCP","message":"no paint"}}"#);
        assert_eq!(err, Err("Lighthouse: no paint".into()));
        assert!(parse_lighthouse("<html>").is_err());
    }

    #[test]
    fn options_are_checked() {
        let o = parse_args(&[
            "--no-build".into(),
            "--skip".into(),
            "native,lighthouse".into(),
        ])
        .unwrap();
        assert!(!o.build);
        assert_eq!(o.skip, ["native", "lighthouse"]);
        assert!(parse_args(&["--skip".into(), "sizes".into()]).is_err());
        assert_eq!(
            parse_args(&["--skip".into(), "pages,references".into()])
                .unwrap()
                .skip,
            ["pages", "references"]
        );
        assert!(parse_args(&["--reps".into(), "0".into()]).is_err());
        assert_eq!(
            parse_args(&["--reps".into(), "60".into()]).unwrap().reps,
            60
        );
        assert_eq!(
            parse_args(&["--lh-runs".into(), "5".into()])
                .unwrap()
                .lh_runs,
            5
        );
        assert!(parse_args(&["--lh-runs".into(), "0".into()]).is_err());
        assert_eq!(
            parse_args(&["--pages".into(), "en/,./".into()])
                .unwrap()
                .pages,
            ["en/", "./"]
        );
    }

    #[test]
    fn pages_named_are_measured_alone_and_unknown_ones_refused() {
        let page = |path: &str| targets::EntryPage {
            kind: "list",
            path: path.into(),
            embed_budget: false,
        };
        let all = || vec![page("./"), page("en/"), page("2026/")];
        let paths = |v: Vec<targets::EntryPage>| v.into_iter().map(|p| p.path).collect::<Vec<_>>();
        assert_eq!(
            paths(chosen_pages(all(), &[]).unwrap()),
            ["./", "en/", "2026/"]
        );
        assert_eq!(
            paths(chosen_pages(all(), &["2026/".into(), "./".into()]).unwrap()),
            ["./", "2026/"]
        );
        let err = chosen_pages(all(), &["2031/".into()]).err().unwrap();
        assert!(err.contains("`2031/`") && err.contains("en/"), "{err}");
    }

    #[test]
    fn lighthouse_figures_are_the_median_of_the_runs() {
        let run = |perf: f64, tbt: Option<f64>, w: &str| Lh {
            performance: Some(perf),
            tbt,
            warnings: vec![w.to_string()],
            failed: vec![format!("seo/{w}")],
            ..Lh::default()
        };
        let m = Lh::median(&[
            run(92.0, Some(350.0), "a"),
            run(81.0, None, "b"),
            run(88.0, Some(500.0), "a"),
        ]);
        assert_eq!(m.performance, Some(88.0));
        // A run without the figure does not count towards it.
        assert_eq!(m.tbt, Some(425.0));
        assert_eq!(m.lcp, None);
        assert_eq!(m.warnings, ["a", "b"]);
        assert_eq!(m.failed, ["seo/a", "seo/b"]);
        assert_eq!(median(vec![3.0, 1.0]), Some(2.0));
        assert_eq!(median(vec![]), None);
        assert_eq!(Lh::median(&[]), Lh::default());
    }
}
