//! `cargo xtask build`: the release build with Trunk, and its size report.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::setup::{locked_wasm_bindgen, BINARYEN_VERSION};
use crate::util::{cmd, root, run, secs, Result};

/// How `cargo xtask build` hands its options to the post-build step, which
/// Trunk runs as a separate process (`Trunk.toml`'s hook).
const SITE_URL_VAR: &str = "YRD_PLEDGES_SITE_URL";
const NAMES_VAR: &str = "YRD_PLEDGES_WASM_NAMES";

/// The release build into `dist/`: `trunk build --release`, whose
/// post-build hook runs the project's steps (`post_build`), then the size
/// report. `site_url`, the site's address (`--site-url`), is checked before
/// anything is built. `names` keeps the WASM's function names, for
/// profiling (`--names`).
pub fn build_release(site_url: Option<&str>, names: bool) -> Result {
    let site_url = site_url
        .map(yrd_pledges::url_state::site_address)
        .transpose()
        .map_err(|e| format!("--site-url: {e}"))?;
    check_trunk_tools(&root().join("Trunk.toml"), &locked_wasm_bindgen()?)?;
    let start = Instant::now();
    let mut trunk = cmd("trunk");
    trunk
        .args(["build", "--release"])
        // Trunk reports errors through anyhow, which with RUST_BACKTRACE set
        // buries the compiler's message under a stack trace of Trunk itself.
        .env("RUST_BACKTRACE", "0")
        .env_remove(SITE_URL_VAR)
        .env_remove(NAMES_VAR);
    if let Some(url) = &site_url {
        trunk.env(SITE_URL_VAR, url);
    }
    if names {
        trunk.env(NAMES_VAR, "1");
    }
    run(&mut trunk)?;
    println!("release build: {}", secs(start.elapsed()));
    size_report(&root().join("dist"))
}

/// `cargo xtask post-build`, run by Trunk after each build (`trunk build`,
/// `trunk serve`, `cargo xtask build`) on the folder it is about to publish
/// (`TRUNK_STAGING_DIR`), with the site's address from `YRD_PLEDGES_SITE_URL`
/// if set. A debug build skips what only a release needs: wasm-opt, the
/// minifier, the content security policy and the compressed twins.
pub fn post_build_hook() -> Result {
    let staging = std::env::var_os("TRUNK_STAGING_DIR").ok_or(
        "post-build is Trunk's hook (Trunk.toml) and runs on its staging folder; \
         for a release build use `cargo xtask build`",
    )?;
    let release = std::env::var("TRUNK_PROFILE").as_deref() == Ok("release");
    let site_url = std::env::var(SITE_URL_VAR).ok().filter(|u| !u.is_empty());
    let site_url = site_url
        .map(|u| yrd_pledges::url_state::site_address(&u))
        .transpose()
        .map_err(|e| format!("{SITE_URL_VAR}: {e}"))?;
    let profile = crate::split::Profile {
        release,
        names: std::env::var(NAMES_VAR).as_deref() == Ok("1"),
    };
    post_build(Path::new(&staging), profile, site_url.as_deref())
}

/// The project's steps on Trunk's output, in their order.
fn post_build(dist: &Path, profile: crate::split::Profile, site_url: Option<&str>) -> Result {
    // First: it replaces Trunk's JS and WASM, which the later steps name.
    let start = Instant::now();
    let split = crate::split::post_build(dist, profile).map_err(|e| format!("split step: {e}"))?;
    println!("{split} ({})", secs(start.elapsed()));
    // The page shell comes first of the steps that change the page: every
    // page is written into the shell it makes, and the CSP step hashes the
    // inline style and starter it writes.
    println!(
        "{}",
        crate::shell::post_build(dist, &split.ahead).map_err(|e| format!("shell step: {e}"))?
    );
    // The pages, rendered by the app's own components (`pages/`, the one
    // crate built with `ssr`), so xtask itself stays free of the UI.
    let mut pages = cmd("cargo");
    pages
        .args(["run", "--quiet", "-p", "pages", "--"])
        .arg(dist)
        .arg(root().join("sources"));
    if let Some(url) = site_url {
        pages.args(["--site-url", url]);
    }
    run(&mut pages).map_err(|e| format!("pages step: {e}"))?;
    // Before the offline step: it hashes the pages this step changes. Not
    // in a debug build: `trunk serve` writes the server's address into its
    // reload script as it sends each page, so no hash could allow it.
    if profile.release {
        println!(
            "{}",
            crate::csp::post_build(dist).map_err(|e| format!("csp step: {e}"))?
        );
    }
    println!(
        "{}",
        crate::pwa::post_build(dist).map_err(|e| format!("offline step: {e}"))?
    );
    if profile.release {
        // Last: it compresses the files the steps above wrote.
        let start = Instant::now();
        let compressed =
            crate::compress::post_build(dist).map_err(|e| format!("compress step: {e}"))?;
        println!("{compressed} ({})", secs(start.elapsed()));
    }
    Ok(())
}

/// With `offline = true` Trunk stops on a version mismatch with a terse
/// message; saying which file to change is kinder.
fn check_trunk_tools(trunk_toml: &Path, wasm_bindgen: &str) -> Result {
    let text =
        fs::read_to_string(trunk_toml).map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let value = |key: &str| {
        text.lines().find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
    };
    if let Some(v) = value("wasm_bindgen") {
        if v != wasm_bindgen {
            return Err(format!(
                "Trunk.toml [tools] wasm_bindgen = \"{v}\" but Cargo.lock has wasm-bindgen \
                 {wasm_bindgen}: make them equal"
            ));
        }
    }
    let opt = format!("version_{BINARYEN_VERSION}");
    if let Some(v) = value("wasm_opt") {
        if v != opt {
            return Err(format!(
                "Trunk.toml [tools] wasm_opt = \"{v}\" but setup installs {opt}: make them equal"
            ));
        }
    }
    Ok(())
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

/// `bytes`' gzip size, as the size report prints it.
pub fn kb_gzip(bytes: &[u8]) -> String {
    format!("{} gzip", kb(gzip_len(bytes)))
}

fn kb(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

/// Every file as the server sends it (`bench::file_sizes`: the twins the
/// compress step wrote), the first load, and the main module against its
/// budget.
pub fn size_report(dist: &Path) -> Result {
    let files = crate::bench::file_sizes(dist)?;
    let width = files
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(4)
        .max(10);
    println!(
        "\n{:<width$}  {:>10}  {:>10}  {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let mut total = crate::bench::Sizes::default();
    for f in &files {
        total += f.sizes;
        println!(
            "{:<width$}  {:>10}  {:>10}  {:>10}",
            f.name,
            kb(f.sizes.raw),
            kb(f.sizes.gzip),
            kb(f.sizes.brotli)
        );
    }
    println!(
        "{:<width$}  {:>10}  {:>10}  {:>10}",
        format!("total ({} files)", files.len()),
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli)
    );
    let first = crate::bench::first_load(dist)?;
    println!(
        "{:<width$}  {:>10}  {:>10}  {:>10}",
        "first load",
        kb(first.total.raw),
        kb(first.total.gzip),
        kb(first.total.brotli),
    );
    println!(
        "main module {} gzip (budget {} gzip)",
        kb(first.main_module_gzip()),
        kb(crate::bench::MAIN_MODULE_BUDGET_GZIP)
    );
    Ok(())
}
