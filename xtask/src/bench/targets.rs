//! Issue 21's targets per entry page type (DESIGN.md, Budgets): every
//! entry page, in Chinese and English, measured by Lighthouse against its
//! static twin — the same built page without the app — served the same
//! way, with the bytes each needs before its content is readable.

use std::cell::{Cell, RefCell};
use std::fs;
use std::path::Path;
use std::time::Instant;

use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use yrd_pledges::model::{Index, Lang, YearData};
use yrd_pledges::url_state::{State, View};

use super::{file_size, kb, lighthouse, median, opt, Lh, Report};
use crate::util::{secs, Result};

/// DESIGN.md, Budgets: an entry page's LCP at most this many times its
/// static reference's.
pub const LCP_RATIO_MAX: f64 = 1.15;
pub const TBT_MAX_MS: f64 = 100.0;
pub const CLS_MAX: f64 = 0.01;
pub const PERFORMANCE_MIN: f64 = 98.0;
/// Accessibility, Best Practices and SEO.
pub const CATEGORY_MIN: f64 = 100.0;
pub const READABLE_MAX_GZIP: usize = 20 * 1024;
/// What an item or chart embed may load in all until its reader interacts.
pub const EMBED_ALL_MAX_GZIP: usize = 25 * 1024;

// ------------------------------------------------------------ the pages --

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryPage {
    /// The page type, as DESIGN.md names it ("item embed").
    pub kind: &'static str,
    /// Relative to the site's root, as `State::path` gives it (`./` for
    /// the root, else with a final `/`).
    pub path: String,
    /// Whether the 25 KB "in all until the reader interacts" budget
    /// applies (item and chart embeds).
    pub embed_budget: bool,
}

impl EntryPage {
    /// The page's file, relative to the served folder.
    pub fn file(&self) -> String {
        format!("{}index.html", self.path.trim_start_matches("./"))
    }

    pub fn url(&self, base: &str) -> String {
        format!("{base}{}", self.path.trim_start_matches("./"))
    }

    pub fn label(&self) -> String {
        format!("{} `{}`", self.kind, self.path)
    }
}

/// Every entry page type of DESIGN.md's Budgets, Chinese then English for
/// each, from the data: the default year, its item with the most targets
/// (the longest pledge page and card, its type's worst case), the
/// comparison of that year with the one before when both are listed, and
/// the index's first metric. The paths come from the app's own
/// `State::path`, so they are the pages the build writes.
pub fn entry_pages(index: &Index, years: &[YearData]) -> Result<Vec<EntryPage>> {
    let year = yrd_pledges::needs::default_year(index).ok_or("the index lists no year")?;
    let data = years
        .iter()
        .find(|y| y.year == year)
        .ok_or(format!("no data for the default year {year}"))?;
    // `max_by_key` keeps the last of equals; reversed, the first.
    let item = data
        .items
        .iter()
        .rev()
        .max_by_key(|i| i.targets.len())
        .ok_or(format!("{year} lists no item"))?
        .id
        .clone();
    let pair = index
        .years
        .iter()
        .any(|e| e.year + 1 == year)
        .then(|| vec![year - 1, year]);
    let metric = index.metrics.first().map(|m| m.key.clone());

    let year_state = State {
        years: vec![year],
        ..State::default()
    };
    let item_state = State {
        item: Some(item),
        ..State::default()
    };
    let compare_state = pair.map(|years| State {
        view: View::Compare,
        years,
        ..State::default()
    });
    let metric_state = metric.map(|m| State {
        view: View::Metric,
        metric: Some(m),
        ..State::default()
    });
    let embed = |s: &State| State {
        embed: true,
        ..s.clone()
    };
    let mut kinds: Vec<(&'static str, State, bool)> = vec![
        ("list", State::default(), false),
        ("year", year_state.clone(), false),
        ("item", item_state.clone(), false),
        (
            "card",
            State {
                view: View::Card,
                ..item_state.clone()
            },
            false,
        ),
    ];
    if let Some(s) = &compare_state {
        kinds.push(("comparison", s.clone(), false));
    }
    if let Some(s) = &metric_state {
        kinds.push(("metric", s.clone(), false));
    }
    kinds.push(("item embed", embed(&item_state), true));
    kinds.push(("list embed", embed(&year_state), false));
    if let Some(s) = &compare_state {
        kinds.push(("comparison embed", embed(s), false));
    }
    if let Some(s) = &metric_state {
        kinds.push(("chart embed", embed(s), true));
    }
    let mut pages = Vec::new();
    for (kind, state, embed_budget) in kinds {
        for lang in [Lang::Zh, Lang::En] {
            let s = State {
                lang: Some(lang),
                ..state.clone()
            };
            pages.push(EntryPage {
                kind,
                path: s.path(),
                embed_budget,
            });
        }
    }
    Ok(pages)
}

// ------------------------------------------------------ the static twin --

/// Whether `href` (a link's target, without query) is one of the app's
/// script or WASM files.
fn app_file(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or("");
    [".js", ".mjs", ".wasm"].iter().any(|e| path.ends_with(e))
}

/// `page` without the app: every script that is the app's — a module, a
/// script file, or an inline script naming a `.wasm` file (the one that
/// decides when the app starts, and preloads it for a view the page did
/// not render) —
/// and every `modulepreload`, and `preload` or `prefetch` of a JS or WASM
/// file, removed. The page's other inline scripts stay: they are the
/// document as a reader gets it before the app (an embed's styling and
/// height reporting, which set the classes its CSS lays the page out by;
/// the language redirect), so the twin shows the same content the same
/// way, and what it lacks is exactly the app.
pub fn static_twin(page: &str) -> Result<String> {
    // Pass one: which inline scripts name the WASM. A script's text comes
    // after its start tag, where pass two must decide.
    let names_wasm: RefCell<Vec<bool>> = RefCell::new(Vec::new());
    let text_so_far = RefCell::new(String::new());
    rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script", |_el| {
                    names_wasm.borrow_mut().push(false);
                    text_so_far.borrow_mut().clear();
                    Ok(())
                }),
                text!("script", |t| {
                    let mut so_far = text_so_far.borrow_mut();
                    so_far.push_str(t.as_str());
                    if so_far.contains(".wasm") {
                        if let Some(last) = names_wasm.borrow_mut().last_mut() {
                            *last = true;
                        }
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| format!("static twin: {e}"))?;
    let names_wasm = names_wasm.into_inner();
    let nth = Cell::new(0usize);
    let twin = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script", |el| {
                    let i = nth.get();
                    nth.set(i + 1);
                    let module = el
                        .get_attribute("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("module"));
                    if module || el.has_attribute("src") || names_wasm.get(i) == Some(&true) {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("link[rel]", |el| {
                    let rel = el.get_attribute("rel").unwrap_or_default();
                    let href = el.get_attribute("href").unwrap_or_default();
                    let rels: Vec<String> = rel
                        .split_ascii_whitespace()
                        .map(str::to_ascii_lowercase)
                        .collect();
                    let has = |r: &str| rels.iter().any(|x| x == r);
                    if has("modulepreload")
                        || ((has("preload") || has("prefetch")) && app_file(&href))
                    {
                        el.remove();
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    );
    twin.map_err(|e| format!("static twin: {e}"))
}

// ------------------------------------------------- bytes before reading --

/// `href` resolved against the folder `dir` (relative to the site's root,
/// `""` or ending in `/`), relative to the site's root; `None` for another
/// origin or a `data:` URL, which the served folder does not hold.
pub fn resolve(dir: &str, href: &str) -> Option<String> {
    let href = href.split(['?', '#']).next().unwrap_or("");
    if href.starts_with("//") || href.contains(':') {
        return None;
    }
    let (mut parts, rest): (Vec<&str>, &str) = match href.strip_prefix('/') {
        Some(rest) => (Vec::new(), rest),
        None => (
            dir.trim_start_matches("./")
                .split('/')
                .filter(|s| !s.is_empty())
                .collect(),
            href,
        ),
    };
    let last = rest.rsplit('/').next().unwrap_or("");
    let folder = matches!(last, "" | "." | "..");
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The first `url(…)` of each `@font-face` rule in `css`: the font a
/// browser fetches for it before it draws text set in it.
fn font_urls(css: &str) -> Vec<String> {
    css.split("@font-face")
        .skip(1)
        .filter_map(|rule| {
            let body = rule.split('}').next()?;
            let at = body.find("url(")?;
            let inner = body[at + 4..].split(')').next()?;
            Some(inner.trim().trim_matches(['"', '\'']).to_string())
        })
        .collect()
}

/// What a browser must have before it renders `page` (the file of the page
/// at `path`), besides the page: the stylesheets it links, the fonts it
/// preloads or its inline CSS declares, and its classic scripts without
/// `async` or `defer` — each relative to the site's root, resolved through
/// the page's `<base>`. The app's module and WASM are deferred and not
/// counted. A linked stylesheet's own imports and fonts are not followed
/// (the pages inline their CSS).
pub fn render_blocking(page: &str, path: &str) -> Result<Vec<String>> {
    let dir = path.trim_start_matches("./").to_string();
    let base = RefCell::new(dir.clone());
    let hrefs: RefCell<Vec<String>> = RefCell::new(Vec::new());
    let css = RefCell::new(String::new());
    let push = |href: &str| {
        if let Some(name) = resolve(&base.borrow(), href) {
            let mut h = hrefs.borrow_mut();
            if !h.contains(&name) {
                h.push(name);
            }
        }
    };
    rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("base[href]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    if let Some(b) = resolve(&dir, &href) {
                        // A base names a folder; a file's name in it is dropped.
                        let folder = match b.rfind('/') {
                            Some(at) if !b.ends_with('/') => b[..=at].to_string(),
                            None if !b.is_empty() => String::new(),
                            _ => b,
                        };
                        *base.borrow_mut() = folder;
                    }
                    Ok(())
                }),
                element!("link[rel][href]", |el| {
                    let rel = el
                        .get_attribute("rel")
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
                    let as_ = el.get_attribute("as").unwrap_or_default();
                    if rels.contains(&"stylesheet")
                        || (rels.contains(&"preload") && (as_ == "font" || as_ == "style"))
                    {
                        push(&el.get_attribute("href").unwrap_or_default());
                    }
                    Ok(())
                }),
                element!("script[src]", |el| {
                    let module = el
                        .get_attribute("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("module"));
                    if !module && !el.has_attribute("async") && !el.has_attribute("defer") {
                        push(&el.get_attribute("src").unwrap_or_default());
                    }
                    Ok(())
                }),
                text!("style", |t| {
                    css.borrow_mut().push_str(t.as_str());
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| format!("{path}: {e}"))?;
    for url in font_urls(&css.borrow()) {
        push(&url);
    }
    Ok(hrefs.into_inner())
}

/// Gzip bytes before `page`'s content is readable, as the server sends
/// them (the build's twins): the page and what blocks its rendering.
fn readable_gzip(dir: &Path, page: &EntryPage) -> Result<usize> {
    let file = page.file();
    let html = fs::read_to_string(dir.join(&file))
        .map_err(|e| format!("cannot read {}: {e}", dir.join(&file).display()))?;
    let mut total = file_size(dir, &file)?.sizes.gzip;
    for name in render_blocking(&html, &page.path)? {
        total += file_size(dir, &name)?.sizes.gzip;
    }
    Ok(total)
}

/// The served file a request for `url` (on the server at `base`) reads,
/// relative to the folder; `None` for another origin or a `data:` URL.
pub fn served_file(base: &str, url: &str) -> Option<String> {
    let rest = url.strip_prefix(base)?;
    let path = rest.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() || path.ends_with('/') {
        Some(format!("{path}index.html"))
    } else {
        Some(path.to_string())
    }
}

/// Gzip bytes of every file of `dir` in `requested` (one Lighthouse load's
/// requests to the server at `base`), as the server sends them.
fn loaded_gzip(dir: &Path, base: &str, requested: &[String]) -> Option<usize> {
    let mut total = 0;
    let mut seen: Vec<String> = Vec::new();
    for name in requested.iter().filter_map(|u| served_file(base, u)) {
        if seen.contains(&name) || !dir.join(&name).is_file() {
            continue;
        }
        total += file_size(dir, &name).ok()?.sizes.gzip;
        seen.push(name);
    }
    Some(total)
}

// ------------------------------------------------------------ the table --

/// One page's figures: its Lighthouse medians and its twin's, the bytes
/// before it is readable, and what it loaded in all during the Lighthouse
/// load (median over the runs).
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    pub page: EntryPage,
    pub readable: std::result::Result<usize, String>,
    pub app: Option<Lh>,
    pub twin: Option<Lh>,
    pub loaded: Option<usize>,
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "✓"
    } else {
        "✗"
    }
}

/// A figure with its check against the target: `169 ✗`; `—` unmeasured.
fn checked(v: Option<f64>, digits: usize, ok: impl Fn(f64) -> bool) -> String {
    match v {
        Some(x) => format!("{x:.digits$} {}", mark(ok(x))),
        None => "—".into(),
    }
}

/// The page's LCP over its twin's, when both were measured.
pub fn lcp_ratio(m: &Measured) -> Option<f64> {
    let (a, b) = (m.app.as_ref()?.lcp?, m.twin.as_ref()?.lcp?);
    (b > 0.0).then(|| a / b)
}

pub const HEADER: &str = "| page | LCP ms | twin LCP ms | LCP ÷ twin (≤ 1.15) | TBT ms (≤ 100) | CLS (≤ 0.01) | Performance (≥ 98) | Accessibility | Best Practices | SEO | before readable, gzip (≤ 20 KB) | loaded without interaction, gzip (item, chart embeds ≤ 25 KB) |";
pub const ALIGN: &str = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

/// The page's row of the targets table, each figure marked ✓ or ✗
/// against its target.
pub fn row(m: &Measured) -> String {
    let app = m.app.clone().unwrap_or_default();
    let category = |v: Option<f64>| checked(v, 0, |x| x >= CATEGORY_MIN);
    let readable = match &m.readable {
        Ok(n) => format!("{} {}", kb(*n), mark(*n <= READABLE_MAX_GZIP)),
        Err(e) => format!("could not measure: {e}"),
    };
    let loaded = match (m.loaded, m.page.embed_budget) {
        (Some(n), true) => format!("{} {}", kb(n), mark(n <= EMBED_ALL_MAX_GZIP)),
        (Some(n), false) => kb(n),
        (None, _) => "—".into(),
    };
    format!(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {readable} | {loaded} |",
        m.page.label(),
        opt(app.lcp, 0),
        opt(m.twin.as_ref().and_then(|t| t.lcp), 0),
        checked(lcp_ratio(m), 2, |r| r <= LCP_RATIO_MAX),
        checked(app.tbt, 0, |t| t <= TBT_MAX_MS),
        checked(app.cls, 3, |c| c <= CLS_MAX),
        checked(app.performance, 0, |p| p >= PERFORMANCE_MIN),
        category(app.accessibility),
        category(app.best_practices),
        category(app.seo),
    )
}

/// Each target with how many of the measured pages meet it and which do
/// not: (target, measured, met by every page).
pub fn summary(rows: &[Measured]) -> Vec<(String, String, bool)> {
    type Check = Box<dyn Fn(&Measured) -> Option<bool>>;
    let lh = |f: fn(&Lh) -> Option<f64>, ok: fn(f64) -> bool| -> Check {
        Box::new(move |m: &Measured| m.app.as_ref().and_then(f).map(ok))
    };
    let checks: Vec<(&str, Check)> = vec![
        (
            "LCP ≤ 1.15 × its static twin's, every entry page",
            Box::new(|m: &Measured| lcp_ratio(m).map(|r| r <= LCP_RATIO_MAX)),
        ),
        (
            "TBT ≤ 100 ms, every entry page",
            lh(|l| l.tbt, |t| t <= TBT_MAX_MS),
        ),
        (
            "CLS ≤ 0.01, every entry page",
            lh(|l| l.cls, |c| c <= CLS_MAX),
        ),
        (
            "Performance ≥ 98, every entry page",
            lh(|l| l.performance, |p| p >= PERFORMANCE_MIN),
        ),
        (
            "Accessibility 100, every entry page",
            lh(|l| l.accessibility, |p| p >= CATEGORY_MIN),
        ),
        (
            "Best Practices 100, every entry page",
            lh(|l| l.best_practices, |p| p >= CATEGORY_MIN),
        ),
        (
            "SEO 100, every entry page",
            lh(|l| l.seo, |p| p >= CATEGORY_MIN),
        ),
        (
            "before readable ≤ 20 KB gzip, every entry page",
            Box::new(|m: &Measured| m.readable.as_ref().ok().map(|n| *n <= READABLE_MAX_GZIP)),
        ),
        (
            "item and chart embeds ≤ 25 KB gzip until interaction",
            Box::new(|m: &Measured| {
                m.page
                    .embed_budget
                    .then_some(m.loaded?)
                    .map(|n| n <= EMBED_ALL_MAX_GZIP)
            }),
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(name, check)| {
            let results: Vec<(&Measured, bool)> =
                rows.iter().filter_map(|m| Some((m, check(m)?))).collect();
            if results.is_empty() {
                return None;
            }
            let missed: Vec<String> = results
                .iter()
                .filter(|(_, ok)| !ok)
                .map(|(m, _)| format!("`{}`", m.page.path))
                .collect();
            let met = results.len() - missed.len();
            let measured = if missed.is_empty() {
                format!("{met} of {} pages", results.len())
            } else {
                format!(
                    "{met} of {} pages; missed on {}",
                    results.len(),
                    missed.join(", ")
                )
            };
            Some((name.to_string(), measured, missed.is_empty()))
        })
        .collect()
}

/// Where the pages' canonical links point, if they have any: Lighthouse's
/// canonical audit fails when that host is not the one serving the page.
pub fn canonical(page: &str) -> Option<String> {
    let found = RefCell::new(None);
    rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![element!("link[rel=canonical][href]", |el| {
                found
                    .borrow_mut()
                    .get_or_insert(el.get_attribute("href").unwrap_or_default());
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .ok()?;
    found.into_inner()
}

/// What the pages' canonical links mean for this run's SEO figures: a
/// build with `--site-url` names the site's host, not the one serving
/// the bench, and Lighthouse's canonical audit checks the link.
pub fn site_url_note(canonical: Option<&str>, served: &str, rows: &[Measured]) -> String {
    let Some(href) = canonical else {
        return "Built without `--site-url` (as `cargo xtask bench` builds): the pages have no \
                canonical link, alternates or preview tags and there is no robots.txt, so \
                Lighthouse's audits of those do not apply."
            .into();
    };
    let audited: Vec<&Lh> = rows.iter().filter_map(|m| m.app.as_ref()).collect();
    let failing = audited
        .iter()
        .filter(|l| l.failed.iter().any(|f| f == "seo/canonical"))
        .count();
    let verdict = if audited.is_empty() {
        String::new()
    } else {
        format!(
            " Lighthouse's canonical audit failed on {failing} of {} pages.",
            audited.len()
        )
    };
    format!(
        "The pages in dist/ name `{href}` as their canonical address: dist/ was built with \
         `--site-url` (`cargo xtask bench` builds without it; `--no-build` measures dist/ as \
         found), and this run serves it from {served}.{verdict}"
    )
}

// -------------------------------------------------------------- the run --

/// The twin of every page in `pages`, at its path under `ref_dir`, with
/// what a static page may refer to from `dist` (icons, manifest, data, the
/// 404 page, the host's header rules, so it gets the same policy) and not
/// the app's JS and WASM nor the other pages; then the build's compression.
pub fn write_reference_tree(dist: &Path, ref_dir: &Path, pages: &[EntryPage]) -> Result {
    for name in crate::util::files_under(dist)? {
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        let skipped = crate::compress::is_twin(&name)
            || ["js", "mjs", "wasm"].contains(&ext)
            || (ext == "html" && name != "404.html");
        if skipped {
            continue;
        }
        let to = ref_dir.join(&name);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::copy(dist.join(&name), &to).map_err(|e| format!("cannot copy {name}: {e}"))?;
    }
    for page in pages {
        let from = dist.join(page.file());
        let Ok(html) = fs::read_to_string(&from) else {
            // Reported in the page's row.
            continue;
        };
        let to = ref_dir.join(page.file());
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&to, static_twin(&html)?).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    crate::compress::post_build(ref_dir)?;
    Ok(())
}

pub struct Run<'a> {
    pub dist: &'a Path,
    pub ref_dir: &'a Path,
    pub app_url: &'a str,
    pub ref_url: &'a str,
    pub out_dir: &'a Path,
    /// Lighthouse runs per page and per twin; 0 when Lighthouse is not run.
    pub lh_runs: usize,
}

/// Each page and its twin by Lighthouse, `lh_runs` times, a page's run
/// followed by its twin's so that the machine's load drifts over both.
pub fn measure(run: &Run, pages: &[EntryPage]) -> Vec<Measured> {
    let start = Instant::now();
    let mut app_runs: Vec<Vec<(Lh, Option<usize>)>> = vec![Vec::new(); pages.len()];
    let mut twin_runs: Vec<Vec<Lh>> = vec![Vec::new(); pages.len()];
    for n in 0..run.lh_runs {
        for (i, page) in pages.iter().enumerate() {
            if !run.dist.join(page.file()).is_file() {
                continue;
            }
            for (side, base, dir) in [
                ("page", run.app_url, run.dist),
                ("twin", run.ref_url, run.ref_dir),
            ] {
                let url = page.url(base);
                let out = run.out_dir.join(format!("lighthouse-{side}-{i}-{n}.json"));
                println!(
                    "lighthouse: {} ({side}, {url}), run {}",
                    page.label(),
                    n + 1
                );
                match lighthouse(&url, &out) {
                    Ok(lh) if side == "page" => {
                        let loaded = loaded_gzip(dir, base, &lh.requested);
                        app_runs[i].push((lh, loaded));
                    }
                    Ok(lh) => twin_runs[i].push(lh),
                    Err(e) => println!("  {e}"),
                }
            }
        }
    }
    if run.lh_runs > 0 {
        println!("lighthouse, pages and twins: {}", secs(start.elapsed()));
    }
    pages
        .iter()
        .zip(app_runs.into_iter().zip(twin_runs))
        .map(|(page, (app, twin))| {
            let loaded: Vec<f64> = app
                .iter()
                .filter_map(|(_, l)| *l)
                .map(|l| l as f64)
                .collect();
            let app: Vec<Lh> = app.into_iter().map(|(l, _)| l).collect();
            Measured {
                page: page.clone(),
                readable: readable_gzip(run.dist, page),
                app: (!app.is_empty()).then(|| Lh::median(&app)),
                twin: (!twin.is_empty()).then(|| Lh::median(&twin)),
                loaded: median(loaded).map(|l| l.round() as usize),
            }
        })
        .collect()
}

/// The section: the table, then what it rests on.
pub(super) fn report(r: &mut Report, run: &Run, rows: &[Measured]) {
    r.section(&if run.lh_runs > 0 {
        format!(
            "targets per page type (issue 21): each entry page against its static twin; Lighthouse (mobile, default throttling) figures the median of {} run(s)",
            run.lh_runs
        )
    } else {
        "targets per page type (issue 21): bytes only, without Lighthouse".to_string()
    });
    r.line(HEADER);
    r.line(ALIGN);
    for m in rows {
        r.line(row(m));
    }
    r.line("");
    r.line(
        "The twin is the same built page without the app (`static_twin`: its module, script \
         files and WASM-naming scripts and JS/WASM preloads removed), served from a copy with the \
         build's compression by the same server. \"Before readable\" is the page's gzip twin plus \
         what blocks its rendering (linked stylesheets, fonts, classic scripts); \"loaded without \
         interaction\" is every file of the build that Lighthouse's load requested, at its gzip \
         size (a full page starts its app at idle, an embed only when its reader uses a control).",
    );
    if let Some(m) = rows.iter().find(|m| m.readable.is_ok()) {
        let html = fs::read_to_string(run.dist.join(m.page.file())).unwrap_or_default();
        r.line("");
        r.line(site_url_note(
            canonical(&html).as_deref(),
            run.app_url,
            rows,
        ));
    }
    let mut failed: Vec<(String, usize)> = Vec::new();
    for id in rows
        .iter()
        .filter_map(|m| m.app.as_ref())
        .flat_map(|l| &l.failed)
    {
        match failed.iter_mut().find(|(f, _)| f == id) {
            Some((_, n)) => *n += 1,
            None => failed.push((id.clone(), 1)),
        }
    }
    if !failed.is_empty() {
        let list: Vec<String> = failed
            .iter()
            .map(|(id, n)| format!("`{id}` ({n} page(s))"))
            .collect();
        r.line(format!(
            "\nAudits that failed in Accessibility, Best Practices or SEO (in any run): {}.",
            list.join(", ")
        ));
    }
    if rows.iter().any(|m| m.twin.is_some()) {
        r.line("");
        r.line("| static twin | Performance | FCP ms | LCP ms | TBT ms | CLS |");
        r.line("|---|---:|---:|---:|---:|---:|");
        for m in rows {
            if let Some(t) = &m.twin {
                r.line(format!(
                    "| {} | {} | {} | {} | {} | {} |",
                    m.page.label(),
                    opt(t.performance, 0),
                    opt(t.fcp, 0),
                    opt(t.lcp, 0),
                    opt(t.tbt, 0),
                    opt(t.cls, 3)
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of a built page: the embed's styling script, the boot
    /// module, the script that preloads the app for another view, and
    /// links of every kind.
    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="zh-CN" data-path="embed/2026/06/"><head><base href="../../../"><script>document.documentElement.classList.add('embed');</script>
<meta charset="utf-8">
<script type="module">
const wasm = fetch('./app-1_bg.wasm');
import('./app-1.js');
</script>
<style>body{margin:0}</style>
<link rel="manifest" href="manifest.webmanifest">
<link rel="modulepreload" href="./app-1.js">
<link rel="preload" href="./app-1_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="fonts/a.woff2" as="font" crossorigin>
<script src="./other.js" defer></script>
<script>if(x){f('./app-1_bg.wasm','preload')}</script>
<link rel="canonical" href="https://pledges.example.org/2026/06/">
</head><body><main><h1>标题</h1><p>正文</p></main></body></html>
"#;

    #[test]
    fn the_twin_is_the_page_without_the_app() {
        let twin = static_twin(PAGE).unwrap();
        assert_eq!(
            twin,
            r#"<!DOCTYPE html>
<html lang="zh-CN" data-path="embed/2026/06/"><head><base href="../../../"><script>document.documentElement.classList.add('embed');</script>
<meta charset="utf-8">

<style>body{margin:0}</style>
<link rel="manifest" href="manifest.webmanifest">


<link rel="preload" href="fonts/a.woff2" as="font" crossorigin>


<link rel="canonical" href="https://pledges.example.org/2026/06/">
</head><body><main><h1>标题</h1><p>正文</p></main></body></html>
"#
        );
        // Nothing of the app is left to remove.
        assert_eq!(static_twin(&twin).unwrap(), twin);
        // A page without the app is its own twin.
        let plain =
            "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>";
        assert_eq!(static_twin(plain).unwrap(), plain);
    }

    #[test]
    fn links_resolve_against_the_page_folder() {
        assert_eq!(resolve("2026/06/", "../../").as_deref(), Some(""));
        assert_eq!(
            resolve("2026/06/", "icons/a.png").as_deref(),
            Some("2026/06/icons/a.png")
        );
        assert_eq!(resolve("a/b/", "../c/").as_deref(), Some("a/c/"));
        assert_eq!(
            resolve("a/b/", "./x.css?v=2#y").as_deref(),
            Some("a/b/x.css")
        );
        assert_eq!(resolve("a/", "/x.css").as_deref(), Some("x.css"));
        assert_eq!(resolve("./", "..").as_deref(), Some(""));
        assert_eq!(resolve("a/", "https://cdn.example/x.css"), None);
        assert_eq!(resolve("a/", "//cdn.example/x.css"), None);
        assert_eq!(resolve("a/", "data:font/woff2;base64,AA"), None);
    }

    #[test]
    fn what_blocks_rendering_is_styles_fonts_and_parser_blocking_scripts() {
        let page = r#"<html><head><base href="../../">
<link rel="stylesheet" href="style/a.css"><link rel="preload" as="font" href="fonts/f.woff2">
<link rel="preload" as="fetch" href="data/index.json"><link rel="manifest" href="m.webmanifest">
<link rel="modulepreload" href="app.js"><link rel="icon" href="icons/i.png">
<style>@font-face{font-family:x;src:url("fonts/x.woff2") format("woff2"),url(fonts/x.woff)}
p{background:url(bg.png)}</style>
<script src="old.js"></script><script src="app.js" defer></script><script src="a.js" async></script>
<script type="module" src="m.js"></script><script>inline()</script>
</head><body><link rel="stylesheet" href="https://cdn.example/x.css"></body></html>"#;
        assert_eq!(
            render_blocking(page, "2026/06/").unwrap(),
            ["style/a.css", "fonts/f.woff2", "old.js", "fonts/x.woff2"]
        );
        // Without a base, relative to the page's own folder.
        assert_eq!(
            render_blocking(r#"<link rel="stylesheet" href="a.css">"#, "en/2026/").unwrap(),
            ["en/2026/a.css"]
        );
        assert!(render_blocking(PAGE, "embed/2026/06/").unwrap() == ["fonts/a.woff2"]);
    }

    #[test]
    fn requests_map_to_the_files_served() {
        let base = "http://127.0.0.1:4000/";
        assert_eq!(served_file(base, base).as_deref(), Some("index.html"));
        assert_eq!(
            served_file(base, "http://127.0.0.1:4000/en/2026/06/?dark=1").as_deref(),
            Some("en/2026/06/index.html")
        );
        assert_eq!(
            served_file(base, "http://127.0.0.1:4000/data/2026.json#x").as_deref(),
            Some("data/2026.json")
        );
        assert_eq!(served_file(base, "http://127.0.0.1:4001/x.js"), None);
        assert_eq!(served_file(base, "data:image/png;base64,AA"), None);
    }

    #[test]
    fn every_entry_page_type_in_both_languages_from_the_data() {
        let (index, years) = crate::bench::real_data().unwrap();
        let pages = entry_pages(&index, &years).unwrap();
        let year = yrd_pledges::needs::default_year(&index).unwrap();
        let data = years.iter().find(|y| y.year == year).unwrap();
        let most = data.items.iter().map(|i| i.targets.len()).max().unwrap();
        let item = data.items.iter().find(|i| i.targets.len() == most).unwrap();
        let item = item.id.replacen('-', "/", 1);
        let metric = &index.metrics[0].key;
        let zh: Vec<(&str, &str)> = pages
            .iter()
            .step_by(2)
            .map(|p| (p.kind, p.path.as_str()))
            .collect();
        let expected = [
            ("list", "./".to_string()),
            ("year", format!("{year}/")),
            ("item", format!("{item}/")),
            ("card", format!("{item}/card/")),
            ("comparison", format!("compare/{}-{year}/", year - 1)),
            ("metric", format!("metric/{metric}/")),
            ("item embed", format!("embed/{item}/")),
            ("list embed", format!("embed/{year}/")),
            (
                "comparison embed",
                format!("embed/compare/{}-{year}/", year - 1),
            ),
            ("chart embed", format!("embed/metric/{metric}/")),
        ];
        assert_eq!(
            zh,
            expected
                .iter()
                .map(|(k, p)| (*k, p.as_str()))
                .collect::<Vec<_>>()
        );
        for pair in pages.chunks(2) {
            assert_eq!(pair[0].kind, pair[1].kind);
            let en = format!("en/{}", pair[0].path.trim_start_matches("./"));
            assert_eq!(pair[1].path, en);
        }
        let budgeted: Vec<&str> = pages
            .iter()
            .filter(|p| p.embed_budget)
            .map(|p| p.kind)
            .collect();
        assert_eq!(
            budgeted,
            ["item embed", "item embed", "chart embed", "chart embed"]
        );
        assert_eq!(pages[0].file(), "index.html");
        assert_eq!(pages[1].file(), "en/index.html");
        assert_eq!(pages[1].url("http://h/"), "http://h/en/");

        // A year with no year before it and no metrics: no comparison and
        // no chart pages.
        let mut one = index.clone();
        one.years.retain(|e| e.year == year);
        one.metrics.clear();
        let kinds: Vec<&str> = entry_pages(&one, &years)
            .unwrap()
            .iter()
            .map(|p| p.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                "list",
                "list",
                "year",
                "year",
                "item",
                "item",
                "card",
                "card",
                "item embed",
                "item embed",
                "list embed",
                "list embed"
            ]
        );
    }

    fn lh(lcp: f64, tbt: f64, cls: f64, perf: f64, seo: f64) -> Lh {
        Lh {
            performance: Some(perf),
            accessibility: Some(100.0),
            best_practices: Some(100.0),
            seo: Some(seo),
            fcp: Some(lcp),
            lcp: Some(lcp),
            tbt: Some(tbt),
            cls: Some(cls),
            ..Lh::default()
        }
    }

    fn measured(path: &str, app: Lh, twin_lcp: f64, readable: usize, embed: bool) -> Measured {
        Measured {
            page: EntryPage {
                kind: if embed { "item embed" } else { "item" },
                path: path.into(),
                embed_budget: embed,
            },
            readable: Ok(readable),
            app: Some(app),
            twin: Some(lh(twin_lcp, 0.0, 0.0, 100.0, 100.0)),
            loaded: Some(readable + 2048),
        }
    }

    #[test]
    fn each_figure_is_marked_against_its_target() {
        let m = measured(
            "embed/2026/06/",
            lh(759.0, 169.0, 0.0, 98.0, 92.0),
            678.0,
            9626,
            true,
        );
        assert_eq!(lcp_ratio(&m).map(|r| (r * 100.0).round()), Some(112.0));
        assert_eq!(
            row(&m),
            "| item embed `embed/2026/06/` | 759 | 678 | 1.12 ✓ | 169 ✗ | 0.000 ✓ | 98 ✓ | 100 ✓ | 100 ✓ | 92 ✗ | 9.4 KB ✓ | 11.4 KB ✓ |"
        );
        assert_eq!(HEADER.matches('|').count(), ALIGN.matches('|').count());
        assert_eq!(
            row(&m).matches(" | ").count() + 2,
            HEADER.matches('|').count()
        );
        // At the limits, met; past them, missed; unmeasured, a dash.
        let edge = measured(
            "2026/",
            lh(1150.0, 100.0, 0.01, 98.0, 100.0),
            1000.0,
            20 * 1024,
            false,
        );
        let r = row(&edge);
        assert!(r.contains("| 1.15 ✓ | 100 ✓ | 0.010 ✓ | 98 ✓ |"), "{r}");
        assert!(r.ends_with("| 20.0 KB ✓ | 22.0 KB |"), "{r}");
        let over = measured(
            "2026/",
            lh(1160.0, 101.0, 0.011, 97.0, 100.0),
            1000.0,
            20 * 1024 + 1,
            false,
        );
        let r = row(&over);
        assert!(r.contains("| 1.16 ✗ | 101 ✗ | 0.011 ✗ | 97 ✗ |"), "{r}");
        assert!(r.contains("| 20.0 KB ✗ |"), "{r}");
        let none = Measured {
            app: None,
            twin: None,
            loaded: None,
            readable: Err("no page".into()),
            ..edge
        };
        assert_eq!(
            row(&none),
            "| item `2026/` | — | — | — | — | — | — | — | — | — | could not measure: no page | — |"
        );
    }

    #[test]
    fn the_summary_names_the_pages_that_miss_each_target() {
        let good = measured(
            "embed/2026/06/",
            lh(700.0, 0.0, 0.0, 100.0, 100.0),
            690.0,
            9000,
            true,
        );
        let slow = measured(
            "en/2026/",
            lh(2000.0, 300.0, 0.0, 90.0, 100.0),
            700.0,
            30_000,
            false,
        );
        let unmeasured = Measured {
            app: None,
            twin: None,
            ..measured("2026/", Lh::default(), 1.0, 1000, false)
        };
        let s = summary(&[good, slow, unmeasured]);
        let get = |name: &str| {
            s.iter()
                .find(|(t, _, _)| t.starts_with(name))
                .unwrap()
                .clone()
        };
        let (_, measured_lcp, met) = get("LCP");
        assert_eq!(measured_lcp, "1 of 2 pages; missed on `en/2026/`");
        assert!(!met);
        let (_, a11y, met) = get("Accessibility");
        assert_eq!(a11y, "2 of 2 pages");
        assert!(met);
        let (_, bytes, _) = get("before readable");
        assert_eq!(bytes, "2 of 3 pages; missed on `en/2026/`");
        let (_, embeds, met) = get("item and chart embeds");
        assert_eq!(embeds, "1 of 1 pages");
        assert!(met);
        assert!(summary(&[]).is_empty());
    }

    #[test]
    fn the_note_says_what_the_canonical_audit_did() {
        let mut seo = lh(700.0, 0.0, 0.0, 100.0, 92.0);
        seo.failed = vec!["seo/canonical".into()];
        let rows = [
            measured("2026/", seo, 690.0, 9000, false),
            measured(
                "en/2026/",
                lh(700.0, 0.0, 0.0, 100.0, 100.0),
                690.0,
                9000,
                false,
            ),
        ];
        let note = site_url_note(Some("https://x.example/"), "http://127.0.0.1:1/", &rows);
        assert!(note.contains("`https://x.example/`"), "{note}");
        assert!(note.ends_with("failed on 1 of 2 pages."), "{note}");
        let note = site_url_note(Some("https://x.example/"), "http://127.0.0.1:1/", &[]);
        assert!(note.ends_with("from http://127.0.0.1:1/."), "{note}");
        assert!(site_url_note(None, "http://127.0.0.1:1/", &rows).starts_with("Built without"));
    }

    #[test]
    fn the_canonical_link_is_found() {
        assert_eq!(
            canonical(PAGE).as_deref(),
            Some("https://pledges.example.org/2026/06/")
        );
        assert_eq!(canonical("<html><head></head></html>"), None);
    }
}
