//! The page shell, after pre-rendering and before the CSP step (which
//! hashes what this writes inline). Two changes to what Trunk emits, both
//! for the first paint on a slow network:
//!
//! - The stylesheet goes into the page as a `<style>`: it is small, every
//!   view needs it, and as a file it costs the first paint a round trip of
//!   its own (Lighthouse's "render-blocking" audit).
//! - The app starts a few seconds after the load where the pre-rendered
//!   view is on screen (sooner if the reader reaches for a control), and
//!   at once everywhere else (`waker`). Trunk's preload tags are
//!   dropped: on the default view they took the network from the page
//!   before it could paint. On other views the waker adds the same
//!   preloads, so those lose nothing, and asks for the opened view's own
//!   module and chunks beside them.
//!
//! The starter does what Trunk's loader did (`init`, `window.wasmBindings`,
//! the `TrunkApplicationStarted` event). Like Trunk's loader's own fetch,
//! it asks for the WASM without an integrity hash: with one, `fetch` holds
//! the whole module back until it has been hashed (no compiling while it
//! streams), and an embed preview closed while loading then made Chromium
//! log a failed load (2 runs in 14 of `e2e/keyboard.test.js`'s dialog test;
//! 0 in 22 without). Same-origin SRI adds nothing the CSP does not: whoever
//! can change the WASM here can change the page that names its hash.
//! Unlike Trunk's, it says so when the app cannot be fetched or
//! started (a dropped connection, a proxy that blocks `.wasm`, a browser
//! without WebAssembly): a line in both languages with a reload link, in
//! place of a "Loading…" that would never end, built with `textContent`
//! like everything the page shows.
//!
//! It also asks for what the first screen needs while the WASM downloads,
//! for `ui/data.rs` to take: the index, and the page's own years (`<html
//! data-years>`, which the pages step writes from `needs::years_needed`)
//! or, where the page says the query's years count (`data-first`,
//! `needs::first_of_named`: the newest of them, or all), those. A first
//! visit on a slow network waits for one or two round trips less. Not
//! under a service worker: the files are then on the device, and a
//! worker's "data updated" message for an early request would reach the
//! page before the app listens for it.
//!
//! The starter is in two parts. Inline, a small script (`waker`) decides
//! when the app starts and says so when it cannot; starting imports the
//! rest (`starter`), a file of its own (`start-<hash>.js`, named by its
//! content so it is cached for good). No page carries those bytes, which
//! on a front page pushed the HTML past the first round trip of a slow
//! connection, and no page asks for the file before the app starts, so an
//! embed still fetches no script until its reader interacts.

use std::fs;
use std::path::Path;

use lol_html::html_content::{ContentType, Element};
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use sha2::{Digest, Sha256};

use yrd_pledges::i18n::t;
use yrd_pledges::model::Lang;

pub struct Summary {
    pub css_bytes: usize,
    pub start_file: String,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "shell: stylesheet inlined ({} bytes); the starter is {}: on a page that is its view it starts the app {AFTER_LOAD_MS} ms after the load, or at the reader's first use of a control",
            self.css_bytes, self.start_file
        )
    }
}

pub fn post_build(dist: &Path, ahead: &crate::split::Ahead) -> Result<Summary, String> {
    let page_path = dist.join("index.html");
    let html =
        fs::read_to_string(&page_path).map_err(|e| format!("{}: {e}", page_path.display()))?;
    let trunk = TrunkPage::read(&html)?;
    let css = fs::read_to_string(dist.join(&trunk.stylesheet))
        .map_err(|e| format!("{}: {e}", trunk.stylesheet))?;
    let index = crate::util::dist_index(dist)?;
    let data = DataFiles {
        files: index
            .years
            .iter()
            .map(|e| (e.year, e.file.clone()))
            .collect(),
    };
    let start = starter(&trunk.js, &trunk.wasm, &data);
    let start_file = start_file_name(&start);
    fs::write(dist.join(&start_file), &start).map_err(|e| format!("{start_file}: {e}"))?;
    let html = shell(&html, &trunk, &css, &start_file, ahead)?;
    fs::write(&page_path, html).map_err(|e| format!("{}: {e}", page_path.display()))?;
    // Nothing refers to it any more; left, the service worker would cache it.
    fs::remove_file(dist.join(&trunk.stylesheet))
        .map_err(|e| format!("{}: {e}", trunk.stylesheet))?;
    Ok(Summary {
        css_bytes: css.len(),
        start_file,
    })
}

/// What Trunk's page links and loads, read with an HTML parser: a release
/// page is minified (attributes unquoted where HTML allows it).
#[derive(Debug)]
struct TrunkPage {
    /// The stylesheet's file name.
    stylesheet: String,
    /// The JS glue and the WASM, as the page names them (`./name`).
    js: String,
    wasm: String,
    /// Whether the page has a `<head>` start tag, which Trunk's minifier
    /// drops as HTML allows.
    head_tag: bool,
}

impl TrunkPage {
    fn read(html: &str) -> Result<TrunkPage, String> {
        let (mut sheets, mut js, mut wasm) = (vec![], vec![], vec![]);
        let (mut loader, mut head_tag) = (String::new(), false);
        let href = |el: &Element| el.get_attribute("href").unwrap_or_default();
        rewrite_str(
            html,
            RewriteStrSettings {
                element_content_handlers: vec![
                    element!("link[rel=stylesheet]", |el| {
                        sheets.push(href(el));
                        Ok(())
                    }),
                    element!("link[rel=modulepreload]", |el| {
                        js.push(href(el));
                        Ok(())
                    }),
                    element!("link[rel=preload]", |el| {
                        wasm.push(href(el));
                        Ok(())
                    }),
                    text!("script[type=module]", |t| {
                        loader.push_str(t.as_str());
                        Ok(())
                    }),
                    element!("head", |_| {
                        head_tag = true;
                        Ok(())
                    }),
                ],
                ..RewriteStrSettings::new()
            },
        )
        .map_err(|e| e.to_string())?;
        let stylesheet = match sheets.as_slice() {
            [one] => one.trim_start_matches("./").to_string(),
            [] => return Err("index.html links no stylesheet (did Trunk's output change?)".into()),
            _ => {
                return Err("index.html links more than one stylesheet: inline all or none".into())
            }
        };
        if stylesheet.contains('/') || !stylesheet.ends_with(".css") {
            return Err(format!("unexpected stylesheet {stylesheet}"));
        }
        let one = |found: Vec<String>, what: &str| match found.as_slice() {
            [one] => Ok(one.clone()),
            _ => Err(format!("index.html preloads {found:?}, not one {what}")),
        };
        let (js, wasm) = (one(js, ".js file")?, one(wasm, "_bg.wasm file")?);
        if loader.is_empty() {
            return Err("index.html has no Trunk loader (<script type=module>)".into());
        }
        if !loader.contains(&js) || !loader.contains(&wasm) {
            return Err(format!(
                "Trunk's loader does not load {js} and {wasm}: {loader}"
            ));
        }
        Ok(TrunkPage {
            stylesheet,
            js,
            wasm,
            head_tag,
        })
    }
}

/// The starter's file name: its content's hash, so a host may cache it
/// for good (`util::is_hashed`).
fn start_file_name(start: &str) -> String {
    format!("start-{}.js", crate::pwa::hex(&Sha256::digest(start)[..8]))
}

/// Trunk's page made the shell of every page: its stylesheet (`css`)
/// inline, its loader and preloads replaced by the waker, which imports
/// the starter (`start_file`).
fn shell(
    html: &str,
    trunk: &TrunkPage,
    css: &str,
    start_file: &str,
    ahead: &crate::split::Ahead,
) -> Result<String, String> {
    // The HTML parser ends the element at the first `</style`.
    if css.to_ascii_lowercase().contains("</style") {
        return Err(format!(
            "{} contains `</style`; it cannot be inlined",
            trunk.stylesheet
        ));
    }
    let style = format!("<style>{css}</style>");
    let start = waker(start_file, &trunk.js, &trunk.wasm, ahead)?;
    let remove = |el: &mut Element| {
        el.remove();
        Ok(())
    };
    // The pages step and the rule below write into the head by its tag.
    let html = if trunk.head_tag {
        html.to_string()
    } else {
        let page = rewrite_str(
            html,
            RewriteStrSettings {
                element_content_handlers: vec![element!("html", |el| {
                    el.prepend("<head>", ContentType::Html);
                    Ok(())
                })],
                ..RewriteStrSettings::new()
            },
        );
        page.map_err(|e| e.to_string())?
    };
    let page = rewrite_str(
        &html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("link[rel=stylesheet]", |el| {
                    el.replace(&style, ContentType::Html);
                    Ok(())
                }),
                element!("link[rel=modulepreload]", remove),
                element!("link[rel=preload]", remove),
                element!("script[type=module]", remove),
                // Last in the head, after the page's own head script, which
                // decides `other-view`.
                element!("head", |el| {
                    el.append(&start, ContentType::Html);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    );
    page.map_err(|e| e.to_string())
}

/// What the starter may fetch ahead of the app: each listed year's file.
/// Which of them a page's first screen needs, each page says itself
/// (`<html data-years>` and `data-first`, written by the pages step).
pub struct DataFiles {
    pub files: Vec<(u16, String)>,
}

/// The parts whose view a page opens on, as `ui::parts::for_state` picks
/// them; the pages step names each page's in `<html data-part>`.
const VIEW_PARTS: [&str; 4] = ["item", "card", "compare", "metric"];

/// Each view part's shared chunks, as a script's object literal
/// (`item:[1,4],card:[1],…`), from the split step's map.
fn part_chunks(ahead: &crate::split::Ahead) -> Result<String, String> {
    let mut table = Vec::new();
    for part in VIEW_PARTS {
        let chunks = ahead
            .chunks
            .get(part)
            .ok_or_else(|| format!("the split made no `{part}` part (see ui/parts.rs)"))?;
        let list: Vec<String> = chunks.iter().map(u32::to_string).collect();
        table.push(format!("{part}:[{}]", list.join(",")));
    }
    Ok(table.join(","))
}

/// How long after the page's load the app starts on a page that is its
/// own view, unless the reader reaches for a control first. Its start
/// blocks the main thread for hundreds of milliseconds on a slow phone
/// (WASM functions compiled on first call, the view rendered), and the page
/// is readable and its links work without it, so it waits for the load's
/// first quiet seconds to pass.
const AFTER_LOAD_MS: u32 = 3000;

/// The script that decides when the app starts, last in the head, and
/// says so when the app cannot start. `other-view` is set by the page's
/// first inline script when the pre-rendered view is not what this URL
/// shows: the app is wanted at once, so its files are asked for while the
/// rest of the page is still arriving (as Trunk's preloads did), with the
/// module of the view the URL opens (an item, a card, the comparison, a
/// chart) and its shared chunks, which the app would otherwise ask for only
/// once the main module runs. Where the page is its view, the app starts
/// `AFTER_LOAD_MS` after the load, or as soon as the reader reaches for a
/// control (a button or a field), which needs it (a fold opens without
/// it). A hidden tab paints nothing, so waiting for it would be for
/// nothing. An embed (`<html class="embed">`, from its own head script) is
/// read from its page alone: its reader came for the host's article, so
/// the app starts only when they reach for a control. Starting is
/// importing the starter file (`start_file`, `starter`), which no page
/// asks for before then: a script a page requests while it loads costs its
/// first paint a round trip in Lighthouse's model, deferred or not.
fn waker(
    start_file: &str,
    js: &str,
    wasm: &str,
    ahead: &crate::split::Ahead,
) -> Result<String, String> {
    let (zh, en) = (t(Lang::Zh), t(Lang::En));
    let said = crate::util::js_string;
    let (failed_zh, failed_en) = (said(zh.app_load_failed), said(en.app_load_failed));
    let reload = said(&format!("{} · {}", zh.reload, en.reload));
    let (start_file, js, wasm) = (said(&format!("./{start_file}")), said(js), said(wasm));
    let (table, suffix) = (part_chunks(ahead)?, said(&ahead.suffix));
    Ok(format!(
        "<script>(() => {{\n\
const html = document.documentElement, page = html.classList;\n\
const failed = (e) => {{\n\
  if (document.readyState === 'loading') return addEventListener('DOMContentLoaded', () => failed(e));\n\
  console.error('the app could not start', e);\n\
  const boot = document.getElementById('boot');\n\
  if (!boot || boot.querySelector('.boot-failed')) return;\n\
  const p = document.createElement('p');\n\
  p.className = 'boot-failed';\n\
  p.setAttribute('role', 'alert');\n\
  const en = document.createElement('span');\n\
  en.lang = 'en';\n\
  en.textContent = {failed_en};\n\
  const a = document.createElement('a');\n\
  a.href = location.href;\n\
  a.textContent = {reload};\n\
  p.append({failed_zh}, ' ', en, ' ', a);\n\
  boot.prepend(p);\n\
  page.add('app-failed');\n\
}};\n\
const early = () => {{\n\
  const f = (href, rel) => {{\n\
    const l = document.createElement('link');\n\
    l.rel = rel;\n\
    l.href = href;\n\
    l.crossOrigin = 'anonymous';\n\
    if (rel === 'preload') {{ l.as = 'fetch'; l.type = 'application/wasm'; }}\n\
    document.head.append(l);\n\
  }};\n\
  f({wasm}, 'preload');\n\
  f({js}, 'modulepreload');\n\
  const p = html.dataset.part, t = {{{table}}};\n\
  if (t[p]) {{\n\
    f('./split_' + p + {suffix}, 'preload');\n\
    for (const n of t[p]) f('./chunk_' + n + {suffix}, 'preload');\n\
  }}\n\
}};\n\
const kinds = ['pointerdown', 'focusin', 'keydown'];\n\
let started = false;\n\
const go = () => {{\n\
  if (started) return;\n\
  started = true;\n\
  for (const k of kinds) removeEventListener(k, wake, true);\n\
  import({start_file}).catch(failed);\n\
}};\n\
const wake = (e) => {{\n\
  if (e.target.closest && e.target.closest('button, input, select, textarea')) go();\n\
}};\n\
const later = () => setTimeout(go, {AFTER_LOAD_MS});\n\
if (page.contains('other-view')) {{\n\
  early();\n\
  go();\n\
}} else if (page.contains('embed')) for (const k of kinds) addEventListener(k, wake, true);\n\
else if (document.visibilityState === 'hidden') go();\n\
else {{\n\
  for (const k of kinds) addEventListener(k, wake, true);\n\
  if (document.readyState === 'complete') later();\n\
  else addEventListener('load', later, {{ once: true }});\n\
}}\n\
}})();\n\
</script>"
    ))
}

/// The starter file: importing it starts the app, as Trunk's loader did
/// (`init`, `window.wasmBindings`, the `TrunkApplicationStarted` event).
/// A failure to fetch or start the app rejects the import (a module's
/// top-level `await`), which the waker reports. It first asks for what the
/// first screen needs, as the module's comment says.
fn starter(js: &str, wasm: &str, data: &DataFiles) -> String {
    // Literals safe in a script: a data file's name comes from the index.
    let said = crate::util::js_string;
    let by_year: std::collections::BTreeMap<String, &str> = data
        .files
        .iter()
        .map(|(y, f)| (y.to_string(), f.as_str()))
        .collect();
    let files = format!(
        "{{{}}}",
        by_year
            .iter()
            .map(|(y, f)| format!("{}:{}", said(y), said(f)))
            .collect::<Vec<_>>()
            .join(",")
    );
    let (js, wasm) = (said(js), said(wasm));
    format!(
        "if (!(navigator.serviceWorker && navigator.serviceWorker.controller)) {{\n\
  const files = {files};\n\
  const get = (f) => fetch('data/' + f).catch(() => null);\n\
  const ahead = {{ 'index.json': get('index.json') }};\n\
  const page = document.documentElement.dataset, first = page.first;\n\
  const q = new URLSearchParams(first ? location.search : '');\n\
  const named = (q.get('year') || '').split(',').filter((y) => files[y]).sort();\n\
  const years = named.length < (first === 'all' ? 2 : 1) ? (page.years || '').split(',') : first === 'all' ? named : named.slice(-1);\n\
  for (const y of years) if (files[y] && !ahead[files[y]]) ahead[files[y]] = get(files[y]);\n\
  window.yrdPrefetch = ahead;\n\
}}\n\
const wasm = fetch({wasm});\n\
const bindings = await import({js});\n\
const instance = await bindings.default({{ module_or_path: wasm }});\n\
window.wasmBindings = bindings;\n\
dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm: instance }} }}));\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<head>\n<script type=\"module\">\nimport init, * as bindings from './app-0123.js';\nconst wasm = await init({ module_or_path: './app-0123_bg.wasm' });\n</script>\n  <link rel=\"stylesheet\" href=\"./app-abcd.css\" integrity=\"sha384-x\"/>\n  <link rel=\"manifest\" href=\"manifest.webmanifest\">\n<link rel=\"modulepreload\" href=\"./app-0123.js\" crossorigin=\"anonymous\" integrity=\"sha384-j\"><link rel=\"preload\" href=\"./app-0123_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-w\" as=\"fetch\" type=\"application/wasm\"></head>";

    fn data() -> DataFiles {
        DataFiles {
            files: vec![(2026, "y2026.json".into()), (2025, "2025.json".into())],
        }
    }

    fn ahead() -> crate::split::Ahead {
        let chunks = [
            ("item", vec![1, 4]),
            ("card", vec![1]),
            ("compare", vec![]),
            ("metric", vec![2, 3]),
            ("qr", vec![5]),
        ];
        crate::split::Ahead {
            suffix: "-abc.wasm".into(),
            chunks: chunks
                .into_iter()
                .map(|(p, c)| (p.to_string(), c))
                .collect(),
        }
    }

    /// Trunk's page as a release writes it: minified, without the
    /// optional `<head>` start tag.
    const MINIFIED: &str = "<!doctype html><html lang=zh-CN><meta charset=utf-8><script type=module>import init, * as bindings from './app-0123.js';\nconst wasm = await init({ module_or_path: './app-0123_bg.wasm' });</script><link href=./app-abcd.css integrity=sha384-x rel=stylesheet><link href=manifest.webmanifest rel=manifest><script>(()=>{})()</script><link crossorigin href=./app-0123.js integrity=sha384-j rel=modulepreload><link as=fetch crossorigin href=./app-0123_bg.wasm integrity=sha384-w rel=preload type=application/wasm></head><body><div id=boot></div></body></html>";

    const START: &str = "start-0011223344556677.js";

    fn shell_of(html: &str) -> Result<String, String> {
        let trunk = TrunkPage::read(html)?;
        shell(html, &trunk, "body{color:red}", START, &ahead())
    }

    fn start_of(html: &str) -> String {
        let trunk = TrunkPage::read(html).unwrap();
        starter(&trunk.js, &trunk.wasm, &data())
    }

    #[test]
    fn the_stylesheet_goes_inline() {
        for html in [TRUNK, MINIFIED] {
            let trunk = TrunkPage::read(html).unwrap();
            assert_eq!(trunk.stylesheet, "app-abcd.css");
            let page = shell_of(html).unwrap();
            assert!(page.contains("<style>body{color:red}</style>"), "{page}");
            assert!(!page.contains("stylesheet"));
            assert!(page.contains("manifest.webmanifest"));
        }
        let trunk = TrunkPage::read(TRUNK).unwrap();
        let closing = shell(TRUNK, &trunk, "a{}</STYLE><script>", START, &ahead());
        assert!(closing.unwrap_err().contains("</style"));
    }

    #[test]
    fn a_minified_page_gets_its_head_tag_back() {
        let page = shell_of(MINIFIED).unwrap();
        assert!(page.starts_with("<!doctype html><html lang=zh-CN><head><meta charset=utf-8>"));
        assert_eq!(page.matches("<head>").count(), 1);
        assert_eq!(shell_of(TRUNK).unwrap().matches("<head>").count(), 1);
    }

    #[test]
    fn the_app_starts_from_the_starter_only() {
        for html in [TRUNK, MINIFIED] {
            let page = shell_of(html).unwrap();
            the_starter_replaced_trunks_loader(&page);
            when_the_app_starts(&page);
            what_the_starter_does(&start_of(html));
        }
    }

    fn the_starter_replaced_trunks_loader(page: &str) {
        // Trunk's loader and preload tags are gone (the waker makes its
        // own preloads, on other views only).
        assert!(!page.contains("modulepreload href") && !page.contains("rel=modulepreload"));
        assert!(!page.contains("rel=\"preload\"") && !page.contains("rel=preload"));
        assert!(!page.contains("import init") && !page.contains("type=module"));
        // The waker ends the head, after the page's own head script, which
        // decides `other-view`.
        let waker = page.rfind("<script>(() => {\nconst html").unwrap();
        assert!(
            page[waker..].find("</script>").unwrap() + waker
                == page.find("</script></head>").unwrap()
        );
        assert_eq!(page.matches("import(").count(), 1);
        // It imports the starter file, cached for good under its hash,
        // only when the app is to start.
        assert!(page[waker..].contains(&format!("import(\"./{START}\").catch(failed);")));
        assert!(crate::util::is_hashed(START));
        // On other views, the app's files at once, with the view's part and
        // its chunks, the views' only (a fold's part, like the QR code, is
        // not opened by a URL).
        assert!(page[waker..].contains("if (page.contains('other-view')) {\nearly();\ngo();"));
        assert!(page[waker..].contains(
            "f(\"./app-0123_bg.wasm\", 'preload');\nf(\"./app-0123.js\", 'modulepreload');"
        ));
        assert!(page[waker..].contains("t = {item:[1,4],card:[1],compare:[],metric:[2,3]};"));
        assert!(page[waker..].contains("f('./split_' + p + \"-abc.wasm\", 'preload');"));
        assert!(page[waker..].contains("f('./chunk_' + n + \"-abc.wasm\", 'preload');"));
    }

    fn when_the_app_starts(page: &str) {
        assert!(page.contains(&serde_json::to_string(t(Lang::En).app_load_failed).unwrap()));
        assert!(!page.contains("innerHTML"));
        assert!(page.contains("} else if (page.contains('embed')) for (const k of kinds)"));
        assert!(page.contains("else if (document.visibilityState === 'hidden') go();"));
        assert!(page.contains(&format!("setTimeout(go, {AFTER_LOAD_MS})")));
    }

    fn what_the_starter_does(start: &str) {
        assert!(start.contains(r#"const wasm = fetch("./app-0123_bg.wasm");"#));
        assert!(start.contains(r#"const bindings = await import("./app-0123.js");"#));
        assert!(start.contains("await bindings.default({ module_or_path: wasm })"));
        // What the app's first screen needs is asked for while the WASM
        // downloads: the index, and the years the query names or else the
        // page's own, as the build wrote them; not under a service worker.
        assert!(start.contains(r#"const files = {"2025":"2025.json","2026":"y2026.json"};"#));
        assert!(
            start.contains("const page = document.documentElement.dataset, first = page.first;")
        );
        assert!(start.contains("first === 'all' ? named : named.slice(-1)"));
        assert!(
            start.contains("if (!(navigator.serviceWorker && navigator.serviceWorker.controller))")
        );
    }

    #[test]
    fn the_starters_name_follows_its_content() {
        let other = TRUNK.replace("app-0123", "app-4567");
        assert_eq!(
            start_file_name(&start_of(TRUNK)),
            start_file_name(&start_of(TRUNK))
        );
        assert_ne!(
            start_file_name(&start_of(TRUNK)),
            start_file_name(&start_of(&other))
        );
    }

    #[test]
    fn a_data_file_name_is_a_string_in_the_starter() {
        let odd = DataFiles {
            files: vec![(2026, "</script><script>alert(1)//.json".into())],
        };
        let start = starter("./a.js", "./a_bg.wasm", &odd);
        assert!(start.contains(r#"{"2026":"\u003c/script>\u003cscript>alert(1)//.json"}"#));
    }

    #[test]
    fn an_unexpected_page_stops_the_build() {
        assert!(TrunkPage::read("<head></head>").is_err());
        let no_loader = TRUNK.replace("<script type=\"module\">", "<script>");
        assert!(TrunkPage::read(&no_loader).is_err());
        let other_js = TRUNK.replace("from './app-0123.js'", "from './other.js'");
        assert!(TrunkPage::read(&other_js).is_err());
        let two_sheets = TRUNK.replace("</head>", "<link rel=stylesheet href=b.css></head>");
        assert!(TrunkPage::read(&two_sheets).is_err());
        // A view part the split did not make (renamed in ui/parts.rs).
        let mut no_item = ahead();
        no_item.chunks.remove("item");
        let trunk = TrunkPage::read(TRUNK).unwrap();
        assert!(shell(TRUNK, &trunk, "", START, &no_item)
            .unwrap_err()
            .contains("no `item` part"));
    }
}
