//! `cargo xtask screenshots`: pictures of the product for reviewers, kept in
//! `docs/screenshots/`. Builds the release, serves it on a free loopback
//! port and lets `e2e/tools/screenshots.mjs` drive Chromium through the
//! views at phone and desktop widths, in both languages, light and dark.

use crate::server::{self, Config};
use crate::util::{cmd, header, root, run, Result};

pub fn run_screenshots(args: &[String]) -> Result {
    let mut build = true;
    for arg in args {
        match arg.as_str() {
            "--no-build" => build = false,
            other => return Err(format!("screenshots: unknown option `{other}`")),
        }
    }
    // Chromium, the CJK fonts and playwright-core come from setup.
    crate::setup::run_setup()?;
    if build {
        crate::build::build_release(None, false)?;
    }
    header("screenshots");
    let server = server::start(
        "127.0.0.1:0".parse().expect("valid address"),
        Config {
            dir: root().join("dist"),
            mounts: vec!["/".into()],
            log: false,
        },
    )
    .map_err(|e| format!("cannot start the server: {e}"))?;
    let out = root().join("docs").join("screenshots");
    let result = run(cmd("node")
        .arg("e2e/tools/screenshots.mjs")
        .env("BASE_URL", format!("http://127.0.0.1:{}/", server.port))
        .env("OUT_DIR", &out));
    server.stop();
    result?;
    println!("screenshots written to {}", out.display());
    Ok(())
}
