//! Paths, child processes and output shared by the subcommands.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

pub type Result<T = ()> = std::result::Result<T, String>;

/// `s` as a JS string literal for a script in a page: JSON's, with `<`
/// escaped, so no `</script>` in it can end the script.
pub fn js_string(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// Every file under `dir`, by its path from `dir` with `/` between parts.
pub fn files_under(dir: &Path) -> Result<Vec<String>> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) -> Result {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else {
                let rel = path.strip_prefix(base).unwrap_or(&path);
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    Ok(out)
}

/// The workspace root, fixed at compile time so the tasks work from any
/// current directory.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Cargo's target folder for this workspace, wherever `CARGO_TARGET_DIR`
/// or a Cargo config puts it (Trunk's build follows the same settings).
pub fn target_dir() -> Result<PathBuf> {
    let out = cmd(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    meta["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata names no target_directory".to_string())
}

/// Where `setup` installs npm-provided binaries (wasm-opt).
pub fn tools_bin() -> PathBuf {
    root().join(".tools").join("node_modules").join(".bin")
}

/// Where `cargo install` puts binaries: a fresh shell may not have it on
/// `PATH` yet, and Trunk must find `wasm-bindgen` there.
pub fn cargo_bin() -> PathBuf {
    if let Some(root) = std::env::var_os("CARGO_INSTALL_ROOT") {
        return PathBuf::from(root).join("bin");
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// `PATH` with the project's tool directories in front, so the versions
/// `setup` checked are the ones the build uses.
pub fn path_env() -> OsString {
    let mut dirs = vec![tools_bin(), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

/// A command that never waits for a terminal: CI runs with no standard input.
pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", path_env())
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdin(Stdio::null())
        .current_dir(root());
    c
}

pub fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains(char::is_whitespace) {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

/// Runs with inherited output; the error names the command so a failure in CI
/// says what to re-run by hand.
pub fn run(c: &mut Command) -> Result {
    let line = describe(c);
    println!("$ {line}");
    match c.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("`{line}` failed ({s})")),
        Err(e) => Err(format!("could not start `{line}`: {e}")),
    }
}

/// Like `run`, but silent unless the command fails, when its output goes
/// with the error: for a step run once per module, whose lines would
/// bury the build log (wasm-opt also warns about the split's name
/// sections, harmlessly).
pub fn run_quiet(c: &mut Command) -> Result {
    let line = describe(c);
    match c.output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "`{line}` failed ({}):\n{}{}",
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => Err(format!("could not start `{line}`: {e}")),
    }
}

/// Stdout of a command that succeeded, or `None` (not installed, failed).
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn header(title: &str) {
    println!("\n==== {title} ====");
}

pub fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// The built site's `data/index.json`, read through the app's loader.
pub fn dist_index(dist: &Path) -> std::result::Result<yrd_pledges::model::Index, String> {
    let path = dist.join("data/index.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    yrd_pledges::load::parse_index(&text).map_err(|e| format!("data/index.json: {e}"))
}

/// Whether the file at `path` (a name, or a path whose last part is the
/// name) is one of the build's content-hashed outputs, which never change
/// under their name: `name-<hash>[_bg].ext`, as Trunk and the split step
/// name them. The hash is a 64-bit number in hex without leading zeros, so
/// usually 16 digits but sometimes fewer.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| {
        (12..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn a_js_string_is_json_with_no_tag_in_it() {
        assert_eq!(super::js_string("a\"b\\c</"), r#""a\"b\\c\u003c/""#);
        assert_eq!(super::js_string("长三角\n"), r#""长三角\n""#);
    }

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed("sub/app-7253bbd404773830.css"));
        assert!(!is_hashed("icons/icon-512.png"));
        assert!(!is_hashed("manifest.webmanifest"));
        assert!(is_hashed("yrd-pledges-954f7f571179b757_bg.wasm"));
        assert!(is_hashed("yrd-pledges-954f7f571179b757.js"));
        assert!(is_hashed("app-7253bbd404773830.css"));
        // The split step's parts and their loader.
        assert!(is_hashed("split_compare-0649f8c051b71068.wasm"));
        assert!(is_hashed("chunk_5-0649f8c051b71068.wasm"));
        assert!(is_hashed("yrd-split-0649f8c051b71068.js"));
        // A hash with a leading zero is printed one digit shorter.
        assert!(is_hashed("yrd-pledges-54f7f571179b757_bg.wasm"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("2026.json"));
        assert!(!is_hashed("yrd-pledges-954f7f57.js"));
    }
}
