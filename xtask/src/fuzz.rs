//! `cargo xtask fuzz`: coverage-guided fuzzing (cargo-fuzz, libFuzzer) of the
//! two parsers that take input from outside, the URL-state parser and the
//! data loader (see `fuzz/`). `cargo xtask test` runs each target for a few
//! seconds; `cargo xtask fuzz --secs N` for as long as you like.
//!
//! Without a sanitizer (`-s none`) cargo-fuzz needs no nightly compiler: the
//! code fuzzed is safe Rust, so what there is to find is panics (and, with
//! `-a`, arithmetic overflow), which libFuzzer reports as crashes.

use std::path::Path;
use std::time::Instant;

use crate::util::{cmd, output, root, run, secs, Result};

pub const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Per target, in `cargo xtask test`: enough to catch a parser that panics
/// on anything odd, short enough for every run.
pub const BOUNDED_SECS: u64 = 12;

/// Each target with the folders of real inputs it starts from (read only;
/// what the fuzzer finds goes to `fuzz/corpus/<target>`, git-ignored).
const TARGETS: &[(&str, &[&str])] = &[("url_state", &[]), ("load", &["public/data"])];

/// Links as people share them: a starting point for the URL fuzzer.
const URL_SEEDS: &[&str] = &[
    "?year=2025,2026&theme=health,gov-services&lead=health-commissions&status=completed",
    "en/?q=%E5%8C%BB%E4%BF%9D",
    "embed/2026/01/?dark=1&theme-color=ffb000",
    "metric/remote-windows/?year=2024,2025,2026",
    "compare/2025-2026/",
    "en/2024/x2/card/",
    "?item=2026-01&embed=1&lang=en",
];

pub fn ensure_cargo_fuzz() -> Result {
    let have = output(cmd("cargo").args(["fuzz", "--version"]));
    if have
        .as_deref()
        .is_some_and(|v| v.contains(CARGO_FUZZ_VERSION))
    {
        println!("  [ok]      cargo-fuzz {CARGO_FUZZ_VERSION}");
        return Ok(());
    }
    println!("  [install] cargo-fuzz {CARGO_FUZZ_VERSION} (about 3 minutes on 2 cores)");
    run(cmd("cargo").args([
        "install",
        &format!("cargo-fuzz@{CARGO_FUZZ_VERSION}"),
        "--locked",
    ]))
}

/// `cargo xtask fuzz [--secs N] [TARGET…]`
pub fn run_cli(args: &[String]) -> Result {
    let mut secs_each = 300;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--secs" => {
                let v = it.next().ok_or("--secs needs a number")?;
                secs_each = v
                    .parse()
                    .map_err(|_| format!("--secs: not a number: {v}"))?;
            }
            t if TARGETS.iter().any(|(n, _)| *n == t) => targets.push(t.to_string()),
            other => {
                return Err(format!(
                    "fuzz: unknown option or target `{other}` (targets: {})",
                    TARGETS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        }
    }
    ensure_cargo_fuzz()?;
    for (name, seeds) in TARGETS {
        if targets.is_empty() || targets.iter().any(|t| t == name) {
            fuzz(name, seeds, secs_each)?;
        }
    }
    Ok(())
}

/// The short run of every target that `cargo xtask test` does.
pub fn bounded() -> Result {
    ensure_cargo_fuzz()?;
    for (name, seeds) in TARGETS {
        fuzz(name, seeds, BOUNDED_SECS)?;
    }
    Ok(())
}

fn fuzz(target: &str, seeds: &[&str], secs_each: u64) -> Result {
    let corpus = root().join("fuzz").join("corpus").join(target);
    std::fs::create_dir_all(&corpus)
        .map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    if target == "url_state" {
        write_seeds(&corpus)?;
    }
    let start = Instant::now();
    // Built first, so a target that no longer compiles is not reported as
    // an input that fails.
    run(cmd("cargo").args(["fuzz", "build", "-s", "none", "-a", target])).map_err(|e| {
        format!(
            "{e}
the fuzz target `{target}` does not build (fuzz/fuzz_targets/)"
        )
    })?;
    let mut c = cmd("cargo");
    c.args(["fuzz", "run", "-s", "none", "-a", target])
        .arg(&corpus)
        .args(seeds.iter().map(|s| root().join(s)))
        .args([
            "--",
            &format!("-max_total_time={secs_each}"),
            // One input taking seconds is a bug too (a parser gone quadratic).
            "-timeout=10",
            "-rss_limit_mb=2048",
            "-print_final_stats=1",
        ]);
    run(&mut c).map_err(|e| {
        format!(
            "{e}\nthe fuzzer found an input that fails: it is saved under \
             fuzz/artifacts/{target}/; replay it with \
             `cargo fuzz run -s none -a {target} fuzz/artifacts/{target}/<file>`"
        )
    })?;
    println!("fuzz {target}: {}", secs(start.elapsed()));
    Ok(())
}

fn write_seeds(corpus: &Path) -> Result {
    for (i, seed) in URL_SEEDS.iter().enumerate() {
        let path = corpus.join(format!("seed-{i}"));
        if !path.exists() {
            std::fs::write(&path, seed)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
