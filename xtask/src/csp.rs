//! The Content-Security-Policy of a release, computed after Trunk and before
//! the offline step (which hashes the pages, so it must see them final). Trunk's page boots the WASM from an inline module script; the
//! policy allows exactly that script by its SHA-256, never `unsafe-inline`.
//!
//! One policy, three deliveries, all written into `dist/`:
//! - a `<meta http-equiv>` in every page, for hosts that cannot set headers
//!   (it cannot carry `frame-ancestors`, which browsers ignore there); each
//!   page's names only its own inline code;
//! - `_headers` (Netlify / Cloudflare Pages format), which the project's own
//!   server also reads, so what the tests check is what those hosts send;
//! - `_nginx.conf`, `add_header` lines to `include` (see DEPLOYING.md).
//!
//! The hash changes whenever the script names a new hashed file, i.e. with
//! every build that changes the WASM: the header must come from the same
//! build as the page, which is why it is generated, not written by hand.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::pwa::base64;

/// Build metadata in `dist/` that is not part of the site: hosts consume
/// it, the server does not serve it, the service worker does not cache it.
pub const HEADERS_FILE: &str = "_headers";
pub const NGINX_FILE: &str = "_nginx.conf";

const META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// Headers every response of the site carries.
const COMMON: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
];

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The policy for a page whose inline scripts and `<style>` elements have
/// these hashes (`sha256-…`). `frame_ancestors` is left out of the `<meta>`
/// copy.
pub fn policy(inline: &Inline, frame_ancestors: bool) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for h in &inline.scripts {
        let _ = write!(script, " '{h}'");
    }
    let mut style = String::from("'self'");
    for h in &inline.styles {
        let _ = write!(style, " '{h}'");
    }
    let mut directives = vec![
        "default-src 'self'".to_string(),
        format!("script-src {script}"),
        // Stylesheets from the site and the page's own `<style>` (the
        // build inlines the stylesheet, `shell.rs`) by its hash, and no
        // `style` attribute: the chart asks plotters to measure no text
        // (it would, for a right-hand axis, with a `<span style=…>`), and
        // the embed accent colour is set through the CSSOM, which CSP does
        // not govern.
        format!("style-src {style}"),
        // Charts and QR codes are SVG `data:` images.
        "img-src 'self' data:".into(),
        "connect-src 'self'".into(),
        "font-src 'self'".into(),
        "worker-src 'self'".into(),
        "manifest-src 'self'".into(),
        // The embed dialog previews the widget in an iframe of this site.
        "frame-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'self'".into(),
        "form-action 'self'".into(),
    ];
    if frame_ancestors {
        // Any news page may embed any view; the page is one file for all
        // views (and the service worker serves it for every query string),
        // so the full app cannot be restricted separately.
        directives.push("frame-ancestors *".into());
    }
    directives.join("; ")
}

/// The CSP hashes of a page's inline code.
#[derive(Debug, Default, PartialEq)]
pub struct Inline {
    pub scripts: Vec<String>,
    pub styles: Vec<String>,
}

impl Inline {
    pub fn of(html: &str) -> Inline {
        Inline {
            scripts: inline_hashes(html, "script"),
            styles: inline_hashes(html, "style"),
        }
    }
}

/// The text of every `<{element}>` without `src` in `html`, as CSP hashes.
fn inline_hashes(html: &str, element: &str) -> Vec<String> {
    let open = format!("<{element}");
    let close_tag = format!("</{element}");
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&open) {
        let start = from + at;
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let Some(close) = lower[tag_end..].find(&close_tag).map(|i| tag_end + i) else {
            break;
        };
        let tag = &lower[start..tag_end];
        if !has_src(tag) {
            // Browsers hash the text as parsed, and the parser turns CRLF
            // and lone CR into LF.
            let text = html[tag_end + 1..close]
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            out.push(format!(
                "sha256-{}",
                base64(&Sha256::digest(text.as_bytes()))
            ));
        }
        from = close + close_tag.len();
    }
    out
}

fn has_src(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace())
        .any(|attr| attr == "src" || attr.starts_with("src="))
}

/// `html` with the policy as its first `<head>` element (replacing one a
/// previous run wrote), so it governs every script after it.
fn with_meta(html: &str, policy: &str) -> String {
    let mut html = html.to_string();
    if let Some(at) = html.find(META_START) {
        if let Some(len) = html[at..].find('>') {
            let line = html[..at].trim_end_matches(' ');
            let from = line.strip_suffix('\n').unwrap_or(line).len();
            html.replace_range(from..at + len + 1, "");
        }
    }
    // After `<meta charset>` (which must stay within the first 1024 bytes),
    // or else right after `<head>`.
    let lower = html.to_ascii_lowercase();
    let at = lower
        .find("<meta charset")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
        .or_else(|| lower.find("<head>").map(|i| i + "<head>".len()))
        .unwrap_or(0);
    html.insert_str(
        at,
        &format!(
            "\n  {META_START}{}\">",
            html_escape::encode_double_quoted_attribute(policy)
        ),
    );
    html
}

/// Trunk's content-hashed outputs, which never change under their name.
fn hashed_files(dist: &Path) -> io::Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(dist)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| crate::util::is_hashed(n))
        .collect();
    names.sort();
    Ok(names)
}

/// `_headers` for Netlify and Cloudflare Pages. Only hashed files get a
/// `Cache-Control` (those hosts merge the values of every matching rule, so
/// a `/*` default would be appended to it); everything else keeps the
/// hosts' default, which revalidates.
pub fn headers_file(policy: &str, hashed: &[String]) -> String {
    let mut out = String::from(
        "# Generated by `cargo xtask build` (xtask/src/csp.rs) for this build only:\n\
         # the policy allows the page's inline script by its hash. See DEPLOYING.md.\n/*\n",
    );
    let _ = writeln!(out, "  Content-Security-Policy: {policy}");
    for (k, v) in COMMON {
        let _ = writeln!(out, "  {k}: {v}");
    }
    for name in hashed {
        let _ = writeln!(out, "/{name}\n  Cache-Control: {IMMUTABLE}");
    }
    out
}

fn nginx_file(policy: &str) -> String {
    let mut out = String::from(
        "# Generated by `cargo xtask build` (xtask/src/csp.rs) for this build only.\n\
         # `include` it in every location that serves the site: nginx drops the\n\
         # server's add_header lines in a location that has its own. See DEPLOYING.md.\n",
    );
    let _ = writeln!(
        out,
        "add_header Content-Security-Policy \"{policy}\" always;"
    );
    for (k, v) in COMMON {
        let _ = writeln!(out, "add_header {k} \"{v}\" always;");
    }
    out
}

/// What one run produced, for the build log.
pub struct Summary {
    pub policy: String,
    pub pages: usize,
    pub scripts: usize,
    pub styles: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "csp: {} page(s); {} inline script(s) and {} style element(s) allowed by hash; policy: {}",
            self.pages, self.scripts, self.styles, self.policy
        )
    }
}

/// `cargo xtask csp [DIR]`: the step on its own, for a folder built or
/// changed by other means.
pub fn run(args: &[String]) -> crate::util::Result {
    let dir = match args {
        [] => crate::util::root().join("dist"),
        [dir] => std::path::PathBuf::from(dir),
        _ => return Err("usage: cargo xtask csp [DIR]".into()),
    };
    let summary = post_build(&dir).map_err(|e| format!("csp step: {e}"))?;
    println!("{summary}");
    Ok(())
}

/// Runs the step on a finished Trunk output folder: each page gets the
/// policy for its own inline code, and the header files the policy for
/// all of them (one rule covers every path).
pub fn post_build(dist: &Path) -> io::Result<Summary> {
    let pages: Vec<String> = crate::util::files_under(dist)
        .map_err(io::Error::other)?
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    let mut all = Inline::default();
    for rel in &pages {
        let path = dist.join(rel);
        let html = fs::read_to_string(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let inline = Inline::of(&html);
        fs::write(&path, with_meta(&html, &policy(&inline, false)))?;
        for (into, from) in [
            (&mut all.scripts, inline.scripts),
            (&mut all.styles, inline.styles),
        ] {
            for h in from {
                if !into.contains(&h) {
                    into.push(h);
                }
            }
        }
    }
    let full = policy(&all, true);
    fs::write(
        dist.join(HEADERS_FILE),
        headers_file(&full, &hashed_files(dist)?),
    )?;
    fs::write(dist.join(NGINX_FILE), nginx_file(&full))?;
    Ok(Summary {
        policy: full,
        pages: pages.len(),
        scripts: all.scripts.len(),
        styles: all.styles.len(),
    })
}

/// The headers `_headers` gives a site path (`/index.html`, `/data/x.json`):
/// the rules whose pattern is the path, or a prefix of it ending in `*`.
pub fn headers_for(file: &str, path: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut applies = false;
    for line in file.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            applies = match trimmed.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => path == trimmed,
            };
        } else if applies {
            if let Some((k, v)) = trimmed.split_once(':') {
                out.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html>\n<head>\n  <meta charset=\"utf-8\">\n  <title>t</title>\n\n<script type=\"module\">\nimport init from './app-0123456789abcdef.js';\nawait init();\n</script>\n<script src=\"./x.js\"></script>\n<link rel=\"modulepreload\" href=\"./app-0123456789abcdef.js\"></head>\n<body></body></html>\n";

    #[test]
    fn hashes_inline_scripts_only() {
        let hashes = inline_hashes(PAGE, "script");
        // printf '\nimport init from …;\nawait init();\n' | openssl dgst -sha256 -binary | base64
        let text = "\nimport init from './app-0123456789abcdef.js';\nawait init();\n";
        assert_eq!(
            hashes,
            vec![format!("sha256-{}", base64(&Sha256::digest(text)))]
        );
        assert_eq!(
            inline_hashes("<SCRIPT>a</SCRIPT><script>b</script>", "script").len(),
            2
        );
        assert_eq!(
            inline_hashes("<script>a\r\nb</script>", "script"),
            inline_hashes("<script>a\nb</script>", "script"),
            "CRLF is hashed as the parser sees it"
        );
        assert!(inline_hashes("<script defer src=\"a.js\"></script>", "script").is_empty());
        let both = Inline::of("<style>a{}</style><script>x</script>");
        assert_eq!(both.scripts.len(), 1);
        assert_eq!(
            both.styles,
            vec![format!("sha256-{}", base64(&Sha256::digest("a{}")))]
        );
        assert_eq!(
            inline_hashes("<script data-source=\"x\">a</script>", "script").len(),
            1
        );
    }

    #[test]
    fn the_policy_is_strict() {
        let p = policy(
            &Inline {
                scripts: vec!["sha256-abc".into()],
                styles: vec!["sha256-def".into()],
            },
            true,
        );
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'"));
        assert!(p.contains("connect-src 'self'"));
        assert!(p.contains("frame-ancestors *"));
        assert!(p.contains("object-src 'none'"));
        let script = p.split("; ").find(|d| d.starts_with("script-src")).unwrap();
        assert!(!script.contains("unsafe-inline"), "{p}");
        assert!(p.contains("style-src 'self' 'sha256-def';"), "{p}");
        assert!(!policy(&Inline::default(), false).contains("frame-ancestors"));
    }

    #[test]
    fn the_meta_comes_first_and_is_replaced_on_a_rerun() {
        let once = with_meta(PAGE, "default-src 'self'");
        let meta = once.find(META_START).unwrap();
        assert!(meta > once.find("<meta charset").unwrap());
        assert!(meta < once.find("<script").unwrap());
        assert_eq!(with_meta(&once, "default-src 'self'"), once);
        let other = with_meta(&once, "default-src 'none'");
        assert_eq!(other.matches(META_START).count(), 1);
        assert!(other.contains("content=\"default-src 'none'\""));
        // The page's scripts are untouched, so their hashes still hold.
        assert_eq!(
            inline_hashes(&once, "script"),
            inline_hashes(PAGE, "script")
        );
    }

    #[test]
    fn writes_the_page_and_the_header_files() {
        let dir = std::env::temp_dir().join(format!("yrd-csp-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), PAGE).unwrap();
        fs::write(dir.join("app-0123456789abcdef.js"), "").unwrap();
        fs::write(dir.join("sw.js"), "").unwrap();
        let s = post_build(&dir).unwrap();
        assert_eq!(s.scripts, 1);
        let page = fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(page.contains(&inline_hashes(PAGE, "script")[0]));
        assert!(!page.contains("frame-ancestors"), "ignored in <meta>");
        let headers = fs::read_to_string(dir.join(HEADERS_FILE)).unwrap();
        let all = headers_for(&headers, "/index.html");
        assert!(all
            .iter()
            .any(|(k, v)| k == "Content-Security-Policy" && v == &s.policy));
        assert!(all.iter().all(|(k, _)| k != "Cache-Control"));
        let js = headers_for(&headers, "/app-0123456789abcdef.js");
        assert!(js.contains(&("Cache-Control".into(), IMMUTABLE.into())));
        assert!(!headers.contains("/sw.js"));
        let nginx = fs::read_to_string(dir.join(NGINX_FILE)).unwrap();
        assert!(nginx.contains(&format!(
            "add_header Content-Security-Policy \"{}\" always;",
            s.policy
        )));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn header_rules_match_like_netlify() {
        let file = "# c\n/*\n  A: 1\n/data/*\n  B: 2\n/index.html\n  C: 3\n";
        let names = |p| {
            headers_for(file, p)
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        };
        assert_eq!(names("/index.html"), ["A", "C"]);
        assert_eq!(names("/data/2026.json"), ["A", "B"]);
        assert_eq!(names("/"), ["A"]);
    }
}
