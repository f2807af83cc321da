//! The page shell, after pre-rendering and before the CSP step (which
//! hashes what this writes inline). Two changes to what Trunk emits, both
//! for the first paint on a slow network:
//!
//! - The stylesheet goes into the page as a `<style>`: it is small (about
//!   5 KB gzip), every view needs it, and as a file it cost the first paint
//!   a round trip of its own (Lighthouse's "render-blocking" 150 ms).
//! - The app starts a few seconds after the load where the pre-rendered
//!   view is on screen (sooner if the reader reaches for a control), and
//!   at once everywhere else (`starter`). Trunk's preload tags are
//!   dropped: on the default view they took the network from the page
//!   before it could paint. On other views a small head script adds the
//!   same preloads (`early_downloads`), so those lose nothing, and asks
//!   for the opened view's own module and chunks beside them.
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
//! It also asks for what the first screen needs (the index and the view's
//! years, as `needs::years_needed` puts them first: an item's year, every
//! compared year, the chosen years or the default one; each page names its
//! own in `<html data-years>`) while the WASM downloads, for `ui/data.rs`
//! to take: a first visit
//! on a slow network waits for one or two round trips less. Not under a
//! service worker: the files are then on the device, and a worker's
//! "data updated" message for an early request would reach the page before
//! the app listens for it.

use std::fs;
use std::path::Path;

use yrd_pledges::i18n::t;
use yrd_pledges::model::Lang;

pub struct Summary {
    pub css_bytes: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "shell: stylesheet inlined ({} bytes); on a page that is its view the app starts {AFTER_LOAD_MS} ms after the load, or at the reader's first use of a control",
            self.css_bytes
        )
    }
}

pub fn post_build(dist: &Path, ahead: &crate::split::Ahead) -> Result<Summary, String> {
    let page_path = dist.join("index.html");
    let html =
        fs::read_to_string(&page_path).map_err(|e| format!("{}: {e}", page_path.display()))?;
    let (html, css_file, css_bytes) = inline_stylesheet(&html, |name| {
        fs::read_to_string(dist.join(name)).map_err(|e| format!("{name}: {e}"))
    })?;
    let index = crate::util::dist_index(dist)?;
    let data = DataFiles {
        files: index
            .years
            .iter()
            .map(|e| (e.year, e.file.clone()))
            .collect(),
    };
    let html = deferred_start(&html, &data, ahead)?;
    fs::write(&page_path, html).map_err(|e| format!("{}: {e}", page_path.display()))?;
    // Nothing refers to it any more; left, the service worker would cache it.
    fs::remove_file(dist.join(&css_file)).map_err(|e| format!("{css_file}: {e}"))?;
    Ok(Summary { css_bytes })
}

/// Each `<link …>` tag of `html` with its byte range.
fn link_tags(html: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find("<link ") {
        let start = from + at;
        let Some(end) = html[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        out.push((start, end, &html[start..end]));
        from = end;
    }
    out
}

/// The value of `name="…"` in `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// `html` with Trunk's stylesheet link replaced by a `<style>` holding the
/// file (read through `read`), the file's name and its size.
fn inline_stylesheet(
    html: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<(String, String, usize), String> {
    let mut sheets = link_tags(html)
        .into_iter()
        .filter(|(_, _, t)| attr(t, "rel") == Some("stylesheet"));
    let (start, end, tag) = sheets
        .next()
        .ok_or("index.html links no stylesheet (did Trunk's output change?)")?;
    if sheets.next().is_some() {
        return Err("index.html links more than one stylesheet; inline them all or none".into());
    }
    let name = attr(tag, "href")
        .map(|h| h.trim_start_matches("./").to_string())
        .filter(|n| !n.contains('/') && n.ends_with(".css"))
        .ok_or_else(|| format!("unexpected stylesheet link {tag}"))?;
    let css = read(&name)?;
    // The HTML parser ends the element at the first `</style`.
    if css.to_ascii_lowercase().contains("</style") {
        return Err(format!("{name} contains `</style`; it cannot be inlined"));
    }
    let css = without_comments(&css);
    let page = format!("{}<style>{css}</style>{}", &html[..start], &html[end..]);
    Ok((page, name, css.len()))
}

/// `css` without its comments, indentation and blank lines: they explain
/// the stylesheet to its authors and were 1.3 KB gzip of every first load.
/// Quoted strings are kept as written (a `/*` in one is no comment).
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/*") {
            rest = rest[2..].find("*/").map_or("", |end| &rest[2 + end + 2..]);
        } else if c == '"' || c == '\'' {
            // To the closing quote, past escaped ones (or to the end).
            let mut len = 1;
            let mut chars = rest[1..].char_indices();
            while let Some((i, ch)) = chars.next() {
                len = 1 + i + ch.len_utf8();
                if ch == '\\' {
                    if let Some((j, e)) = chars.next() {
                        len = 1 + j + e.len_utf8();
                    }
                } else if ch == c {
                    break;
                }
            }
            out.push_str(&rest[..len]);
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the starter may fetch ahead of the app: each listed year's file.
/// Which of them a page's first screen needs, each page says itself
/// (`<html data-years>`, written by the pages step).
pub struct DataFiles {
    pub files: Vec<(u16, String)>,
}

/// `html` with Trunk's loader and preloads replaced by the starter.
fn deferred_start(
    html: &str,
    data: &DataFiles,
    ahead: &crate::split::Ahead,
) -> Result<String, String> {
    let tags = link_tags(html);
    let find = |rel: &str, ext: &str| {
        tags.iter()
            .find(|(_, _, t)| {
                attr(t, "rel") == Some(rel) && attr(t, "href").is_some_and(|h| h.ends_with(ext))
            })
            .copied()
            .ok_or_else(|| format!("index.html has no <link rel=\"{rel}\"> of a {ext} file"))
    };
    let js = find("modulepreload", ".js")?;
    let wasm = find("preload", "_bg.wasm")?;
    let js_href = attr(js.2, "href").unwrap_or_default().to_string();
    let wasm_href = attr(wasm.2, "href").unwrap_or_default().to_string();

    let loader_start = html
        .find("<script type=\"module\">")
        .ok_or("index.html has no Trunk loader (<script type=\"module\">)")?;
    let loader_end = html[loader_start..]
        .find("</script>")
        .map(|i| loader_start + i + "</script>".len())
        .ok_or("Trunk's loader is not closed")?;
    let loader = &html[loader_start..loader_end];
    if !loader.contains(&format!("from '{js_href}'")) || !loader.contains(&wasm_href) {
        return Err(format!(
            "Trunk's loader does not load {js_href} and {wasm_href}: {loader}"
        ));
    }

    let mut cuts = [
        (
            loader_start,
            loader_end,
            starter(&js_href, &wasm_href, data),
        ),
        (js.0, js.1, String::new()),
        (wasm.0, wasm.1, String::new()),
    ];
    cuts.sort_by_key(|c| c.0);
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end, with) in cuts {
        out.push_str(&html[at..start]);
        out.push_str(&with);
        at = end;
    }
    out.push_str(&html[at..]);
    // After the page's own head script, which decides `other-view`.
    let head_end = out.rfind("</head>").ok_or("index.html has no </head>")?;
    out.insert_str(head_end, &early_downloads(&js_href, &wasm_href, ahead)?);
    Ok(out)
}

/// The parts whose view a page opens on, as `ui::parts::for_state` picks
/// them; the pages step names each page's in `<html data-part>`.
const VIEW_PARTS: [&str; 4] = ["item", "card", "compare", "metric"];

/// A classic script in the head: on a view the pre-rendered list is not,
/// the app's files are wanted at once, so their downloads start while the
/// rest of the page is still arriving (as Trunk's preloads did), and the
/// starter's requests then find them. So is the module of the view the URL
/// opens (an item, a card, the comparison, a chart) with its shared chunks,
/// which the app would otherwise ask for only once the main module runs: a
/// second round of requests after the largest download. On the list they
/// are left to the starter, after the first paint.
fn early_downloads(js: &str, wasm: &str, ahead: &crate::split::Ahead) -> Result<String, String> {
    let mut table = String::new();
    for part in VIEW_PARTS {
        let chunks = ahead
            .chunks
            .get(part)
            .ok_or_else(|| format!("the split made no `{part}` part (see ui/parts.rs)"))?;
        let list: Vec<String> = chunks.iter().map(u32::to_string).collect();
        if !table.is_empty() {
            table.push(',');
        }
        table.push_str(&format!("{part}:[{}]", list.join(",")));
    }
    let suffix = &ahead.suffix;
    Ok(format!(
        "<script>if(document.documentElement.classList.contains('other-view')){{\
const f=(href,rel)=>{{const l=document.createElement('link');l.rel=rel;l.href=href;l.crossOrigin='anonymous';if(rel==='preload'){{l.as='fetch';l.type='application/wasm';}}document.head.append(l);}};\
f('{wasm}','preload');f('{js}','modulepreload');\
const p=document.documentElement.dataset.part,t={{{table}}};\
if(t[p]){{f('./split_'+p+'{suffix}','preload');for(const n of t[p])f('./chunk_'+n+'{suffix}','preload');}}}}</script>"
    ))
}

/// How long after the page's load the app starts on a page that is its
/// own view, unless the reader reaches for a control first. Its start
/// blocks the main thread for hundreds of milliseconds on a slow phone
/// (WASM functions compiled on first call, the view rendered), and the page
/// is readable and its links work without it, so it waits for the load's
/// first quiet seconds to pass.
const AFTER_LOAD_MS: u32 = 3000;

/// The module script that starts the app. `other-view` is set by the
/// page's first inline script when the pre-rendered view is not what this
/// URL shows: the app starts at once. Where the page is its view, the app
/// starts `AFTER_LOAD_MS` after the load, or as soon as the reader reaches
/// for a control (a button or a field), which needs it (a fold opens
/// without it). A hidden tab
/// paints nothing, so waiting for it would be for nothing. An embed
/// (`<html class="embed">`, from its own head script) is read from its
/// page alone: its reader came for the host's article, so the app starts
/// only when they reach for a control.
fn starter(js: &str, wasm: &str, data: &DataFiles) -> String {
    let (zh, en) = (t(Lang::Zh), t(Lang::En));
    // Literals safe in a script: a data file's name comes from the index.
    let said = crate::util::js_string;
    let (failed_zh, failed_en) = (said(zh.app_load_failed), said(en.app_load_failed));
    let reload = said(&format!("{} · {}", zh.reload, en.reload));
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
    format!(
        "<script type=\"module\">\n\
const failed = (e) => {{\n\
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
  document.documentElement.classList.add('app-failed');\n\
}};\n\
const prefetch = () => {{\n\
  if (navigator.serviceWorker && navigator.serviceWorker.controller) return;\n\
  const files = {files};\n\
  const get = (f) => fetch('data/' + f).catch(() => null);\n\
  const ahead = {{ 'index.json': get('index.json') }};\n\
  const page = document.documentElement.dataset;\n\
  const mine = (page.years || '').split(',');\n\
  const q = new URLSearchParams(location.search);\n\
  const asked = q.has('year') ? q.get('year').split(',') : [];\n\
  const one = page.part === 'item' || page.part === 'card';\n\
  const all = page.part === 'compare' || page.part === 'metric';\n\
  const listed = asked.filter((y) => files[y]).sort();\n\
  // A list opens on its newest year (`needs::years_needed`).\n\
  const years = one || listed.length < (all ? 2 : 1) ? mine : all ? listed : listed.slice(-1);\n\
  for (const y of years) if (files[y] && !ahead[files[y]]) ahead[files[y]] = get(files[y]);\n\
  window.yrdPrefetch = ahead;\n\
}};\n\
const start = () => {{\n\
  prefetch();\n\
  const wasm = fetch('{wasm}');\n\
  import('{js}').then(async (bindings) => {{\n\
    const instance = await bindings.default({{ module_or_path: wasm }});\n\
    window.wasmBindings = bindings;\n\
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm: instance }} }}));\n\
  }}).catch(failed);\n\
}};\n\
const page = document.documentElement.classList;\n\
const kinds = ['pointerdown', 'focusin', 'keydown'];\n\
let started = false;\n\
const go = () => {{\n\
  if (started) return;\n\
  started = true;\n\
  for (const k of kinds) removeEventListener(k, wake, true);\n\
  start();\n\
}};\n\
const wake = (e) => {{\n\
  if (e.target.closest && e.target.closest('button, input, select, textarea')) go();\n\
}};\n\
const later = () => setTimeout(go, {AFTER_LOAD_MS});\n\
if (page.contains('other-view')) go();\n\
else if (page.contains('embed')) for (const k of kinds) addEventListener(k, wake, true);\n\
else if (document.visibilityState === 'hidden') go();\n\
else {{\n\
  for (const k of kinds) addEventListener(k, wake, true);\n\
  if (document.readyState === 'complete') later();\n\
  else addEventListener('load', later, {{ once: true }});\n\
}}\n\
</script>"
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

    #[test]
    fn the_stylesheet_goes_inline() {
        let (page, name, len) = inline_stylesheet(TRUNK, |n| {
            assert_eq!(n, "app-abcd.css");
            Ok("body{color:red}\n".into())
        })
        .unwrap();
        assert_eq!(name, "app-abcd.css");
        assert_eq!(len, 15);
        assert!(page.contains("<style>body{color:red}</style>"));
        assert!(!page.contains("rel=\"stylesheet\""));
        assert!(page.contains("rel=\"manifest\""));
        let commented = inline_stylesheet(TRUNK, |_| {
            Ok("/* why */\nbody {\n  /* a note */ color: red;\n\n  content: \"/* kept */\" '\\'/*'\n}\n/* unclosed".into())
        })
        .unwrap();
        assert!(
            commented
                .0
                .contains("<style>body {\ncolor: red;\ncontent: \"/* kept */\" '\\'/*'\n}</style>"),
            "{}",
            commented.0
        );
        let closing = inline_stylesheet(TRUNK, |_| Ok("a{}</STYLE><script>".into()));
        assert!(closing.unwrap_err().contains("</style"));
    }

    #[test]
    fn the_app_starts_from_the_starter_only() {
        let page = deferred_start(TRUNK, &data(), &ahead()).unwrap();
        // Trunk's preload tags are gone (the early-download script makes its
        // own, on other views only).
        assert!(!page.contains("<link rel=\"modulepreload\""));
        assert!(!page.contains("rel=\"preload\""));
        assert!(!page.contains("import init"));
        assert_eq!(page.matches("<script").count(), 2);
        // The early downloads, for other views, come last in the head.
        let early = page
            .rfind("<script>if(document.documentElement.classList.contains('other-view'))")
            .unwrap();
        assert!(early > page.find("<script type=\"module\">").unwrap());
        assert!(page[early..]
            .contains("f('./app-0123_bg.wasm','preload');f('./app-0123.js','modulepreload');"));
        // With the view's part and its chunks, the views' only (a fold's
        // part, like the QR code, is not opened by a URL).
        assert!(page[early..].contains(
            "t={item:[1,4],card:[1],compare:[],metric:[2,3]};if(t[p]){f('./split_'+p+'-abc.wasm','preload');for(const n of t[p])f('./chunk_'+n+'-abc.wasm','preload')"
        ));
        assert!(page[early..].contains("f('./split_'+p+'-abc.wasm','preload')"));
        assert!(page.contains("const wasm = fetch('./app-0123_bg.wasm');"));
        assert!(page.contains("import('./app-0123.js')"));
        assert!(page.contains(".catch(failed)"));
        assert!(page.contains(&serde_json::to_string(t(Lang::En).app_load_failed).unwrap()));
        assert!(!page.contains("innerHTML"));
        // What the app's first screen needs is asked for while the WASM
        // downloads: the index, and the year of the view.
        assert!(page.contains(r#"const files = {"2025":"2025.json","2026":"y2026.json"};"#));
        assert!(page.contains("const mine = (page.years || '').split(',');"));
        assert!(page.contains("prefetch();"));
        assert!(page.contains("navigator.serviceWorker.controller) return;"));
        assert!(page.contains("if (page.contains('other-view')) go();"));
        assert!(page.contains("else if (page.contains('embed')) for (const k of kinds)"));
        assert!(page.contains("else if (document.visibilityState === 'hidden') go();"));
        assert!(page.contains(&format!("setTimeout(go, {AFTER_LOAD_MS})")));
        // Untouched around it.
        assert!(page.contains("rel=\"stylesheet\""));
        assert!(page.ends_with("</script></head>"));
    }

    #[test]
    fn a_data_file_name_cannot_end_the_starter_script() {
        let odd = DataFiles {
            files: vec![(2026, "</script><script>alert(1)//.json".into())],
        };
        let page = deferred_start(TRUNK, &odd, &ahead()).unwrap();
        assert!(page.contains(r#"{"2026":"\u003c/script>\u003cscript>alert(1)//.json"}"#));
        assert_eq!(
            page.matches("</script>").count(),
            2,
            "only the page's own two scripts end"
        );
    }

    #[test]
    fn an_unexpected_page_stops_the_build() {
        assert!(deferred_start("<head></head>", &data(), &ahead()).is_err());
        let no_loader = TRUNK.replace("<script type=\"module\">", "<script>");
        assert!(deferred_start(&no_loader, &data(), &ahead()).is_err());
        let other_js = TRUNK.replace("from './app-0123.js'", "from './other.js'");
        assert!(deferred_start(&other_js, &data(), &ahead()).is_err());
        assert!(inline_stylesheet("<head></head>", |_| Ok(String::new())).is_err());
        // A view part the split did not make (renamed in ui/parts.rs).
        let mut no_item = ahead();
        no_item.chunks.remove("item");
        assert!(deferred_start(TRUNK, &data(), &no_item)
            .unwrap_err()
            .contains("no `item` part"));
    }
}
