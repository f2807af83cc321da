//! `cargo xtask test`: every check CI runs, in order, stopping at the first
//! failure.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::server::{self, Config};
use crate::util::{cmd, describe, header, root, run, secs, Result};

/// Where the end-to-end tests find the same build mounted under a sub-path,
/// as a newsroom would host it (`SUBPATH_URL`).
pub const SUB_PATH: &str = "/news/pledges/";
/// The made-up address the release build is given (`--site-url`), so the
/// end-to-end tests see the tags that need one (`SITE_URL`).
pub const SITE_URL: &str = "https://pledges.example.org/";
/// A hung browser must not eat CI's 90 minutes.
const E2E_DEADLINE: Duration = Duration::from_secs(40 * 60);

struct Steps {
    done: Vec<(&'static str, Duration, bool)>,
}

impl Steps {
    fn step(&mut self, name: &'static str, f: impl FnOnce() -> Result) -> Result {
        header(name);
        let start = Instant::now();
        let result = f();
        self.done.push((name, start.elapsed(), result.is_ok()));
        result.map_err(|e| format!("step `{name}` failed: {e}"))
    }
}

pub fn run_all() -> Result {
    let start = Instant::now();
    let mut steps = Steps { done: Vec::new() };
    let mut counts = None;
    let result = run_steps(&mut steps, &mut counts);

    header("summary");
    for (name, time, ok) in &steps.done {
        println!(
            "  {:<4} {name:<28} {:>8}",
            if *ok { "ok" } else { "FAIL" },
            secs(*time)
        );
    }
    println!("  total {}", secs(start.elapsed()));
    match counts {
        Some((pass, fail)) => println!("{pass} passed, {fail} failed"),
        None if steps.done.iter().any(|(n, ..)| *n == E2E) => {
            println!("could not read the end-to-end test counts from node's output")
        }
        None => {}
    }
    result
}

const E2E: &str = "end-to-end tests (Chromium)";

fn cargo(args: &[&str]) -> Result {
    run(cmd("cargo").args(args))
}

fn run_steps(steps: &mut Steps, counts: &mut Option<(u64, u64)>) -> Result {
    steps.step("setup", crate::setup::run_setup)?;
    steps.step("format (cargo fmt --check)", || {
        cargo(&["fmt", "--all", "--", "--check"])
    })?;
    steps.step("clippy (native)", || {
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    steps.step("clippy (wasm32)", || {
        cargo(&[
            "clippy",
            "-p",
            "yrd-pledges",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    steps.step("unit tests (native)", || cargo(&["test", "--workspace"]))?;
    steps.step("validate data", crate::validate_data)?;
    steps.step("fuzz (a few seconds per target)", crate::fuzz::bounded)?;
    steps.step("release build", || {
        crate::build::build_release(Some(SITE_URL), false)
    })?;
    steps.step(E2E, || end_to_end(counts))
}

fn end_to_end(counts: &mut Option<(u64, u64)>) -> Result {
    let server = server::start(
        "127.0.0.1:0".parse().expect("valid address"),
        Config {
            dir: root().join("dist"),
            mounts: vec!["/".into(), SUB_PATH.into()],
            log: false,
        },
    )
    .map_err(|e| format!("cannot start the server: {e}"))?;
    let base = format!("http://127.0.0.1:{}/", server.port);
    let sub = format!("http://127.0.0.1:{}{SUB_PATH}", server.port);
    let dev = TrunkServe::start()?;
    let chrome = std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());

    let mut c = cmd("node");
    c.args([
        "--test",
        "--test-concurrency=1",
        "--test-reporter=spec",
        "e2e/",
    ])
    .env("BASE_URL", &base)
    .env("SUBPATH_URL", &sub)
    .env("SITE_URL", SITE_URL)
    .env("DEV_URL", &dev.url)
    .env("CHROME_PATH", &chrome)
    .stdout(Stdio::piped())
    // Its own process group, so a timeout can end the test files and their
    // browsers too, not just the runner.
    .process_group(0);
    println!(
        "$ BASE_URL={base} SUBPATH_URL={sub} SITE_URL={SITE_URL} DEV_URL={} CHROME_PATH={chrome} {}",
        dev.url,
        describe(&c)
    );
    let mut child = c.spawn().map_err(|e| format!("cannot start node: {e}"))?;

    // Echo node's report as it comes while picking out its summary lines
    // (`ℹ pass N` from the spec reporter, `# pass N` from TAP).
    let stdout = child.stdout.take().expect("piped");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let (mut pass, mut fail) = (None, None);
        for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
            println!("{line}");
            let t = line.trim();
            let t = t
                .strip_prefix("ℹ ")
                .or_else(|| t.strip_prefix("# "))
                .unwrap_or("");
            if let Some(n) = t.strip_prefix("pass ") {
                pass = n.trim().parse::<u64>().ok().or(pass);
            } else if let Some(n) = t.strip_prefix("fail ") {
                fail = n.trim().parse::<u64>().ok().or(fail);
            }
        }
        let _ = tx.send(pass.zip(fail));
    });

    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if start.elapsed() > E2E_DEADLINE => {
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .status();
                let _ = child.wait();
                break Err(format!(
                    "end-to-end tests still running after {}: stopped",
                    secs(E2E_DEADLINE)
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(200)),
            Err(e) => break Err(format!("waiting for node: {e}")),
        }
    };
    let _ = reader.join();
    *counts = rx.try_recv().ok().flatten();
    server.stop();
    dev.stop();
    let status = status?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(&c)))
    }
}

/// `trunk serve`, as a developer starts it, for `e2e/dev.test.js`: its
/// debug build goes into `target/dev-dist`, so the release is untouched,
/// and is waited for before any test runs (it would take the CPU from them).
struct TrunkServe {
    url: String,
    child: std::process::Child,
}

impl TrunkServe {
    fn start() -> Result<TrunkServe> {
        let dist = root().join("target").join("dev-dist");
        // The test waits for this build's pages, not an earlier one's.
        let _ = std::fs::remove_dir_all(&dist);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port for trunk serve: {e}"))?
            .port();
        let log_path = root().join("target").join("trunk-serve.log");
        let log =
            std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let mut c = cmd("trunk");
        c.args([
            "serve",
            "--address",
            "127.0.0.1",
            "--port",
            &port.to_string(),
        ])
        .arg("--dist")
        .arg(&dist)
        .env("RUST_BACKTRACE", "0")
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        // Its own group: stopping it stops its cargo and hook too.
        .process_group(0);
        println!("$ {} > {}", describe(&c), log_path.display());
        let child = c
            .spawn()
            .map_err(|e| format!("cannot start trunk serve: {e}"))?;
        let serve = TrunkServe {
            url: format!("http://127.0.0.1:{port}/"),
            child,
        };
        match serve.built(&dist.join("2026").join("index.html"), &log_path) {
            Ok(()) => Ok(serve),
            Err(e) => {
                serve.stop();
                Err(e)
            }
        }
    }

    /// Until Trunk has put its first build in place (`page` is one of the
    /// pages the hook writes), its log says it failed, or it is late.
    fn built(&self, page: &std::path::Path, log: &std::path::Path) -> Result {
        let start = Instant::now();
        while !page.exists() {
            let said = std::fs::read_to_string(log).unwrap_or_default();
            if said.contains(" ERROR ") || start.elapsed() > Duration::from_secs(15 * 60) {
                let tail: Vec<&str> = said.lines().rev().take(30).collect();
                return Err(format!(
                    "trunk serve did not build the site ({}):\n{}",
                    log.display(),
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                ));
            }
            std::thread::sleep(Duration::from_secs(1));
        }
        println!("trunk serve built the site ({})", secs(start.elapsed()));
        Ok(())
    }

    fn stop(mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}
