//! Project tooling, run as `cargo xtask <command>` (see README.md).

mod bench;
mod build;
mod ci;
mod compress;
mod csp;
mod fuzz;
mod pwa;
mod screenshots;
mod server;
mod setup;
mod shell;
mod split;
mod util;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use util::{root, Result};

const HELP: &str = "\
usage: cargo xtask <command>

commands:
  setup           install what is missing (Rust target, trunk, wasm-bindgen-cli,
                  wasm-opt, Chromium, e2e npm packages); quick when all is present
  build           setup, then the release build into dist/ with a size report
                  (`trunk build --release`, whose hook runs post-build)
                    --site-url URL  the site's address (https://host/path/):
                                    canonical links, language alternates and
                                    preview tags in every page, sitemap.xml,
                                    robots.txt (all left out without it)
                    --names  keep the WASM's function names, for a
                             profile (a larger module: not for release)
  serve           build, then serve dist/ on http://127.0.0.1:8080
                    --port N     port (default 8080)
                    --dir D      directory to serve (default dist)
                    --base /p/   serve under a sub-path (default /)
                    --site-url URL  as for build
                    --no-build   serve what is already built
  post-build      the project's steps on Trunk's output (split WASM, page shell,
                  pages, CSP, offline, compression): Trunk.toml's hook, so
                  `trunk build` and `trunk serve` give a working site; the
                  site's address comes from YRD_PLEDGES_SITE_URL if set
  validate-data   check public/data/ and list every problem
  csp [DIR]       redo the security-headers step on a built folder (default
                  dist): CSP hashes into DIR/index.html, DIR/_headers,
                  DIR/_nginx.conf; run `pwa` after it
  pwa [DIR]       redo the offline step on a built folder (default dist):
                  icons, precache list and version in DIR/sw.js
  screenshots     build, then write docs/screenshots/*.png (--no-build: as built)
  fuzz            fuzz the URL parser and the data loader (cargo-fuzz)
                    --secs N     per target (default 300)
                    TARGET…      url_state, load (default: both)
  bench           build, serve and measure: sizes against the budget, Lighthouse,
                  interaction timing on 10,000 generated items, query-engine
                  benchmarks, and two references (see BENCHMARKS.md)
                    --no-build   measure what is already in dist/
                    --skip P,…   leave out references, lighthouse, pages,
                                 interaction or native
                    --reps N     repetitions per interaction (default 50)
                    --lh-runs N  Lighthouse runs per page (default 3)
                    --pages P,…  only these entry pages, by path (en/,2026/)
  test            every check CI runs: setup, fmt, clippy, unit tests,
                  validate-data, release build (with the made-up site address
                  https://pledges.example.org/), end-to-end tests in Chromium
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run_setup(),
        Some("build") => build(&args[1..]),
        Some("serve") => serve(&args[1..]),
        Some("post-build") => build::post_build_hook(),
        Some("validate-data") => validate_data(),
        Some("test") => ci::run_all(),
        Some("bench") => bench::run_bench(&args[1..]),
        Some("pwa") => pwa::run(&args[1..]),
        Some("csp") => csp::run(&args[1..]),
        Some("fuzz") => fuzz::run_cli(&args[1..]),
        Some("screenshots") => screenshots::run_screenshots(&args[1..]),
        None | Some("help" | "-h" | "--help") => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}

pub fn validate_data() -> Result {
    let dir = root().join("public").join("data");
    let problems = yrd_pledges::validate::validate_dir(&dir);
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        println!("data OK ({})", dir.display());
        Ok(())
    } else {
        Err(format!(
            "{} problem(s) in {}",
            problems.len(),
            dir.display()
        ))
    }
}

/// `--site-url URL` or `--site-url=URL` at `args[i]`: the address, and how
/// many arguments it took.
fn site_url_option(args: &[String], i: usize) -> Option<Result<(String, usize)>> {
    let arg = &args[i];
    if let Some(url) = arg.strip_prefix("--site-url=") {
        return Some(Ok((url.to_string(), 1)));
    }
    (arg == "--site-url").then(|| {
        args.get(i + 1)
            .map(|url| (url.clone(), 2))
            .ok_or_else(|| "--site-url needs a value".to_string())
    })
}

fn build(args: &[String]) -> Result {
    let mut site_url = None;
    let mut names = false;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--names" {
            names = true;
            i += 1;
            continue;
        }
        match site_url_option(args, i) {
            Some(found) => {
                let (url, taken) = found?;
                site_url = Some(url);
                i += taken;
            }
            None => return Err(format!("build: unknown option `{}`\n\n{HELP}", args[i])),
        }
    }
    setup::run_setup()?;
    build::build_release(site_url.as_deref(), names)
}

fn serve(args: &[String]) -> Result {
    let mut port: u16 = 8080;
    let mut dir = PathBuf::from("dist");
    let mut base = String::from("/");
    let mut build = true;
    let mut site_url = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or(format!("{flag} needs a value"))
        };
        match flag {
            "--port" => {
                let v = value()?;
                port = v.parse().map_err(|_| format!("--port: not a port: {v}"))?;
            }
            "--dir" => dir = PathBuf::from(value()?),
            "--base" => base = value()?,
            "--site-url" => site_url = Some(value()?),
            "--no-build" => build = false,
            other => return Err(format!("serve: unknown option `{other}`\n\n{HELP}")),
        }
    }
    if build {
        setup::run_setup()?;
        build::build_release(site_url.as_deref(), false)?;
    } else if site_url.is_some() {
        return Err(
            "serve: --site-url is for a build; with --no-build the pages are as built".into(),
        );
    }
    let dir = if dir.is_absolute() {
        dir
    } else {
        root().join(dir)
    };
    let base = server::mount_path(&base);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let server = server::start(
        addr,
        server::Config {
            dir: dir.clone(),
            mounts: vec![base.clone()],
            log: true,
        },
    )
    .map_err(|e| format!("cannot serve {} on {addr}: {e}", dir.display()))?;
    println!(
        "\nserving {} at http://127.0.0.1:{}{base}  (Ctrl-C to stop)",
        dir.display(),
        server.port
    );
    server.wait().map_err(|e| format!("server stopped: {e}"))
}
