//! `cargo xtask setup`: installs what the build and the tests need, and only
//! what is missing, so a second run takes seconds.

use std::fs;
use std::process::Command;
use std::time::Instant;

use crate::util::{cmd, output, root, run, secs, tools_bin, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
/// Trunk.toml pins `wasm_opt = "version_132"`; this is the npm release that
/// provides it (Debian's binaryen 108 rejects what current rustc emits).
pub const BINARYEN_VERSION: &str = "132";
/// Minifies wasm-bindgen's JS glue and the split loader (`split.rs`): the
/// glue is written for reading, and every first load carries it. From npm,
/// which ships its binary for this platform.
pub const ESBUILD_VERSION: &str = "0.24.2";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const APT_PACKAGES: &[&str] = &["chromium", "chromium-driver", "fonts-noto-cjk"];
const NODE_MIN_MAJOR: u32 = 20;

pub fn run_setup() -> Result {
    let start = Instant::now();
    println!("setup: checking tools; installing only what is missing");
    rust_toolchain()?;
    system_packages()?;
    node()?;
    trunk()?;
    wasm_bindgen()?;
    wasm_opt()?;
    esbuild()?;
    e2e_packages()?;
    println!("setup: done ({})", secs(start.elapsed()));
    Ok(())
}

fn ok(what: &str) {
    println!("  [ok]      {what}");
}

fn installing(what: &str, note: &str) {
    println!("  [install] {what}{note}");
}

fn rust_toolchain() -> Result {
    let installed = output(cmd("rustup").args(["target", "list", "--installed"])).ok_or(
        "`rustup target list --installed` failed: rustup is needed to add the wasm32 target \
         (https://rustup.rs)",
    )?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        ok(&format!("rust target {WASM_TARGET}"));
    } else {
        installing(&format!("rust target {WASM_TARGET}"), "");
        run(cmd("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    for (component, sub) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if output(cmd("cargo").args([sub, "--version"])).is_some() {
            ok(&format!("rust component {component}"));
        } else {
            installing(&format!("rust component {component}"), "");
            run(cmd("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

fn dpkg_installed(package: &str) -> bool {
    output(cmd("dpkg-query").args(["-W", "-f=${db:Status-Status}", package]))
        .is_some_and(|s| s.trim() == "installed")
}

fn on_path(program: &str) -> bool {
    output(cmd(program).arg("--version")).is_some()
}

fn system_packages() -> Result {
    let mut wanted: Vec<&str> = APT_PACKAGES.to_vec();
    // Only when Node is absent altogether: where a newer Node came from
    // elsewhere (e.g. NodeSource, which bundles npm), Debian's must not
    // replace it.
    if !on_path("node") {
        wanted.push("nodejs");
    }
    if !on_path("npm") {
        wanted.push("npm");
    }
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|p| !dpkg_installed(p))
        .collect();
    for p in wanted.iter().filter(|p| !missing.contains(p)) {
        ok(&format!("apt {p}"));
    }
    if missing.is_empty() {
        return Ok(());
    }
    installing(&format!("apt {}", missing.join(" ")), "");
    if !on_path("apt-get") {
        return Err(format!(
            "missing system packages {}: this machine has no apt-get; install them with its \
             package manager and re-run `cargo xtask setup`",
            missing.join(" ")
        ));
    }
    let root_user = output(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0");
    let apt = |args: &[&str]| {
        let mut c = if root_user {
            cmd("apt-get")
        } else {
            // Non-interactive: fail rather than wait for a password in CI.
            let mut c = cmd("sudo");
            c.args(["-n", "apt-get"]);
            c
        };
        c.args(args);
        c
    };
    run(&mut apt(&["update", "-q"]))
        .map_err(|e| format!("cannot install {}: {e}", missing.join(" ")))?;
    let mut install = apt(&["install", "-y", "-q"]);
    install.args(&missing);
    run(&mut install).map_err(|e| format!("cannot install {}: {e}", missing.join(" ")))
}

fn node() -> Result {
    let version = output(cmd("node").arg("--version")).ok_or(
        "`node --version` failed: Node.js is needed for the end-to-end tests (apt-get install nodejs npm)",
    )?;
    let version = version.trim();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < NODE_MIN_MAJOR {
        return Err(format!(
            "Node.js {version} is too old: the end-to-end tests need Node >= {NODE_MIN_MAJOR} \
             (`node --test --test-concurrency`, playwright-core). Debian 12's nodejs is 18; \
             install Node 20 or newer (e.g. NodeSource's nodejs package) and re-run `cargo xtask setup`"
        ));
    }
    ok(&format!("node {version}"));
    if !on_path("npm") {
        return Err("`npm --version` failed: npm is needed (apt-get install npm)".into());
    }
    Ok(())
}

/// The second word of `tool --version` ("trunk 0.21.14" → "0.21.14").
fn tool_version(program: &str) -> Option<String> {
    let out = output(cmd(program).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_string)
}

fn cargo_tool(program: &str, krate: &str, version: &str, locked: bool, eta: &str) -> Result {
    match tool_version(program) {
        Some(v) if v == version => {
            ok(&format!("{program} {version}"));
            return Ok(());
        }
        Some(v) => installing(
            &format!("{krate} {version}"),
            &format!(" (found {program} {v}; {eta})"),
        ),
        None => installing(&format!("{krate} {version}"), &format!(" ({eta})")),
    }
    let spec = format!("{krate}@{version}");
    let mut c = cmd("cargo");
    c.args(["install", &spec]);
    if locked {
        c.arg("--locked");
    }
    run(&mut c).map_err(|e| format!("cannot install {krate} {version}: {e}"))?;
    match tool_version(program) {
        Some(v) if v == version => Ok(()),
        other => Err(format!(
            "installed {krate} {version} but `{program} --version` reports {other:?}: \
             is another {program} earlier on PATH?"
        )),
    }
}

fn trunk() -> Result {
    cargo_tool(
        "trunk",
        "trunk",
        TRUNK_VERSION,
        true,
        "compiles from source, about 11 minutes on 2 cores",
    )
}

/// The one `wasm-bindgen` version in Cargo.lock: the CLI must match it
/// exactly or the generated JS glue and the module disagree.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock_path = root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let versions = locked_versions(&lock, "wasm-bindgen");
    match versions.as_slice() {
        [v] => Ok(v.clone()),
        [] => Err("Cargo.lock has no `wasm-bindgen` package: run `cargo generate-lockfile`".into()),
        many => Err(format!(
            "Cargo.lock has several `wasm-bindgen` versions ({}): pin one with `=x.y.z`",
            many.join(", ")
        )),
    }
}

pub fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut current_name: Option<&str> = None;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            current_name = None;
        } else if let Some(n) = line.strip_prefix("name = ") {
            current_name = Some(n.trim_matches('"'));
        } else if let Some(v) = line.strip_prefix("version = ") {
            if current_name == Some(name) {
                versions.push(v.trim_matches('"').to_string());
            }
        }
    }
    versions
}

fn wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen()?;
    // Without --locked: the CLI's own lock file pins a dependency version the
    // registry mirror here lacks.
    cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &version,
        false,
        "compiles from source, about 5 minutes on 2 cores",
    )
}

fn wasm_opt() -> Result {
    let want = format!("version_{BINARYEN_VERSION}");
    npm_tool(
        "wasm-opt",
        &format!("wasm-opt {want}"),
        &format!("binaryen@{BINARYEN_VERSION}"),
        |found| found.contains(&want),
    )
}

fn esbuild() -> Result {
    npm_tool(
        "esbuild",
        &format!("esbuild {ESBUILD_VERSION}"),
        &format!("esbuild@{ESBUILD_VERSION}"),
        |found| found.trim() == ESBUILD_VERSION,
    )
}

/// A tool npm installs into `.tools/` (`package`, pinned), unless `bin`
/// there already reports a `--version` that `is_wanted` accepts.
fn npm_tool(bin: &str, what: &str, package: &str, is_wanted: impl Fn(&str) -> bool) -> Result {
    let bin = tools_bin().join(bin);
    let found = output(cmd(&bin).arg("--version"));
    if found.as_deref().is_some_and(&is_wanted) {
        ok(&format!("{what} (.tools/)"));
        return Ok(());
    }
    installing(&format!("{what} from npm {package} into .tools/"), "");
    let dir = root().join(".tools");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    run(cmd("npm").args([
        "install",
        "--prefix",
        ".tools",
        "--no-audit",
        "--no-fund",
        "--save-exact",
        package,
    ]))
    .map_err(|e| format!("cannot install {what}: {e}"))?;
    let found = output(cmd(&bin).arg("--version"));
    if found.as_deref().is_some_and(&is_wanted) {
        Ok(())
    } else {
        Err(format!(
            "installed {package} but `{} --version` reports {found:?}",
            bin.display()
        ))
    }
}

/// `npm ci` wipes and reinstalls node_modules, so it runs only when the lock
/// file changed since the last install (a copy is kept as a stamp).
fn e2e_packages() -> Result {
    let e2e = root().join("e2e");
    let lock_path = e2e.join("package-lock.json");
    let lock = fs::read(&lock_path).map_err(|e| {
        format!(
            "cannot read {}: {e} (create it with `npm install` in e2e/)",
            lock_path.display()
        )
    })?;
    let stamp = e2e.join("node_modules").join(".xtask-package-lock.json");
    let present = e2e
        .join("node_modules/playwright-core/package.json")
        .is_file();
    if present && fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        ok("e2e npm packages (e2e/node_modules)");
        return Ok(());
    }
    installing("e2e npm packages: npm ci in e2e/", " (no browser download)");
    run(cmd("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&e2e))
    .map_err(|e| format!("cannot install the e2e packages: {e}"))?;
    fs::write(&stamp, &lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

#[cfg(test)]
mod tests {
    use super::locked_versions;

    #[test]
    fn finds_the_locked_version_of_one_package() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.99"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;
        assert_eq!(locked_versions(lock, "wasm-bindgen"), vec!["0.2.130"]);
        assert!(locked_versions(lock, "leptos").is_empty());
    }
}
