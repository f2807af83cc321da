//! The split step: the app's WASM cut at its `#[wasm_split]` points
//! (`src/ui/parts.rs`) into a main module and modules fetched on demand.
//!
//! Trunk has no such step (trunk-rs/trunk#1022), so this one takes over
//! from its output: it splits the module Cargo linked (the workspace's
//! `.cargo/config.toml` has the linker keep the relocations the split
//! needs), runs wasm-bindgen and wasm-opt on the result as Trunk would have,
//! and puts the files in `dist/` in place of Trunk's JS and WASM, under
//! names that hash their content, so the server's `immutable` caching
//! stays right.
//!
//! The main module, its JS and the JS that loads the parts name each other,
//! so their names are written with a placeholder hash and all given one
//! hash of the whole set at the end. In the main WASM the placeholder is
//! replaced in place, which is why it has the same length as a hash.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::util::{cargo_bin, cmd, run, run_quiet, target_dir, tools_bin, Result};

const PLACEHOLDER: &str = "0000000000000000";
const STEM: &str = "yrd-pledges";
const LINK_STEM: &str = "yrd-split";

/// What the step wrote, for the build log.
pub struct Summary {
    pub parts: Vec<String>,
    pub main: String,
    /// What loading each part fetches, for the page to ask for ahead.
    pub ahead: Ahead,
}

/// Each part's files as the page names them: its own module
/// `split_<part><suffix>` and the shared chunks `chunk_<n><suffix>` it
/// needs, by number (every file of a build has the same suffix, `-<hash>.wasm`).
pub struct Ahead {
    pub suffix: String,
    pub chunks: BTreeMap<String, Vec<u32>>,
}

impl Ahead {
    /// From the split's map of each part to the stems it loads; a stem of
    /// another shape means the tool's naming changed, and the page's
    /// script would ask for files that do not exist.
    fn new(map: &HashMap<String, Vec<String>>, suffix: String) -> Result<Ahead> {
        let mut chunks = BTreeMap::new();
        for (part, stems) in map {
            let mut numbers = Vec::new();
            for stem in stems {
                if *stem == format!("split_{part}") {
                    continue;
                }
                let n = stem
                    .strip_prefix("chunk_")
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| {
                        format!("part {part} loads {stem}, neither its module nor a chunk")
                    })?;
                numbers.push(n);
            }
            numbers.sort_unstable();
            chunks.insert(part.clone(), numbers);
        }
        Ok(Ahead { suffix, chunks })
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "split step: main module {}; parts fetched on demand: {}",
            self.main,
            self.parts.join(", ")
        )
    }
}

/// Which build the step finishes: a debug one (`trunk serve`) is split
/// but neither optimised nor minified, as Trunk leaves its own.
#[derive(Clone, Copy)]
pub struct Profile {
    pub release: bool,
    /// Keep the WASM's function names (`wasm_opt`).
    pub names: bool,
}

pub fn post_build(dist: &Path, profile: Profile) -> Result<Summary> {
    let target = target_dir()?;
    let cargo_profile = if profile.release { "release" } else { "debug" };
    let input = target.join(format!(
        "wasm32-unknown-unknown/{cargo_profile}/yrd-pledges.wasm"
    ));
    let input_wasm =
        fs::read(&input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let work = target.join("split");
    let _ = fs::remove_dir_all(&work);
    let chunks = work.join("chunks");
    fs::create_dir_all(&chunks).map_err(|e| format!("cannot create {}: {e}", work.display()))?;

    // (1) Split the linked module.
    let main_js = format!("./{STEM}-{PLACEHOLDER}.js");
    let link_js = format!("./{LINK_STEM}-{PLACEHOLDER}.js");
    let main_split = work.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input_wasm);
        opts.output_dir = &chunks;
        opts.main_out_path = &main_split;
        opts.main_module = &main_js;
        opts.link_name = &link_js;
        opts
    })
    .map_err(|e| format!("wasm-split: {e:?}"))?;

    // (2) wasm-bindgen on the main module, keeping the exports the parts
    // link against (the names stay mangled for the same reason).
    let bindgen = work.join("bindgen");
    run(cmd(cargo_bin().join("wasm-bindgen"))
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle"])
        .arg("--out-name")
        .arg(format!("{STEM}-{PLACEHOLDER}"))
        .arg("--out-dir")
        .arg(&bindgen)
        .arg(&main_split))?;

    // (3) wasm-opt on every module, in a release. (index.html has Trunk skip it,
    // `data-wasm-opt="0"`: its unsplit output is replaced anyway.)
    let main_wasm = bindgen.join(format!("{STEM}-{PLACEHOLDER}_bg.wasm"));
    let mut modules = vec![main_wasm.clone()];
    modules.extend(split.split_modules.iter().cloned());
    // (4) The two JS files minified, as wasm-opt did the modules.
    let glue = bindgen.join(format!("{STEM}-{PLACEHOLDER}.js"));
    let link = chunks.join(link_js.trim_start_matches("./"));
    if profile.release {
        for m in &modules {
            wasm_opt(m, profile.names)?;
        }
        for js in [&glue, &link] {
            minify_js(js)?;
        }
    }

    // (5) One hash over the set, then the final names.
    let mut all: Vec<PathBuf> = vec![glue.clone(), link.clone()];
    all.extend(modules.iter().cloned());
    let hash = hash_files(&all)?;
    let named = |stem: &str| format!("{stem}-{PLACEHOLDER}");
    let renamed = |stem: &str| format!("{stem}-{hash}");

    let mut link_text = read_text(&link)?;
    let mut parts = Vec::new();
    for m in &split.split_modules {
        let stem = m
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("odd module name {}", m.display()))?;
        let from = format!("\"./{stem}.wasm\"");
        if !link_text.contains(&from) {
            return Err(format!("the split loader does not load {stem}.wasm"));
        }
        link_text = link_text.replace(&from, &format!("\"./{}.wasm\"", renamed(stem)));
        let bytes = fs::read(m).map_err(|e| format!("cannot read {}: {e}", m.display()))?;
        write(&dist.join(format!("{}.wasm", renamed(stem))), &bytes)?;
        parts.push(format!("{stem} {}", crate::build::kb_gzip(&bytes)));
    }
    let ahead = Ahead::new(&split.prefetch_map, format!("-{hash}.wasm"))?;
    let link_text = replace_once(&link_text, &named(STEM), &renamed(STEM), "split loader")?;
    write(
        &dist.join(format!("{}.js", renamed(LINK_STEM))),
        link_text.as_bytes(),
    )?;

    let glue_text = read_text(&glue)?;
    let glue_text = replace_once(
        &glue_text,
        &named(LINK_STEM),
        &renamed(LINK_STEM),
        "JS glue",
    )?
    .replace(&named(STEM), &renamed(STEM));
    write(
        &dist.join(format!("{}.js", renamed(STEM))),
        glue_text.as_bytes(),
    )?;

    let main_bytes = fs::read(&main_wasm).map_err(|e| format!("cannot read main module: {e}"))?;
    // The module's imports are named by module path: the loader's, and
    // wasm-bindgen's own (`./<out-name>_bg.js`).
    let main_bytes = replace_bytes(&main_bytes, &named(LINK_STEM), &renamed(LINK_STEM))?;
    let main_bytes = replace_bytes(&main_bytes, &named(STEM), &renamed(STEM))?;
    write(
        &dist.join(format!("{}_bg.wasm", renamed(STEM))),
        &main_bytes,
    )?;

    // (6) Trunk's unsplit output out, the page pointed at this.
    replace_trunk_output(dist, &renamed(STEM))?;

    Ok(Summary {
        parts,
        main: crate::build::kb_gzip(&main_bytes),
        ahead,
    })
}

/// `names`: keep the name section (`-g`), so a profile names the app's
/// functions instead of `wasm-function[N]`.
fn wasm_opt(module: &Path, names: bool) -> Result {
    let bin = tools_bin().join("wasm-opt");
    let mut c = cmd(bin);
    if names {
        c.arg("-g");
    }
    run_quiet(
        c.args([
            "-Oz",
            // Nothing reads these once wasm-bindgen has run; in a chunk
            // of a few hundred bytes they were half the file.
            "--strip-producers",
            "--strip-target-features",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
        ])
        .arg(module)
        .arg("-o")
        .arg(module),
    )
}

/// Minifies an ES module in place. Names the module exports and the
/// strings it holds (the modules' paths, the imports' names) stay as they
/// are; the steps after this find them by those.
fn minify_js(file: &Path) -> Result {
    run_quiet(
        cmd(tools_bin().join("esbuild"))
            .arg(file)
            .args([
                "--minify",
                "--format=esm",
                "--allow-overwrite",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", file.display())),
    )
}

fn hash_files(files: &[PathBuf]) -> Result<String> {
    let mut h = Sha256::new();
    for f in files {
        h.update(fs::read(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?);
    }
    Ok(crate::pwa::hex(&h.finalize()[..8]))
}

/// `text` with `from` replaced, which must occur: a silent miss would ship
/// a page that loads files under names that do not exist.
fn replace_once(text: &str, from: &str, to: &str, what: &str) -> Result<String> {
    if !text.contains(from) {
        return Err(format!("{what} does not mention {from}"));
    }
    Ok(text.replace(from, to))
}

fn replace_bytes(bytes: &[u8], from: &str, to: &str) -> Result<Vec<u8>> {
    assert_eq!(
        from.len(),
        to.len(),
        "in-place replacement keeps the length"
    );
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut out = bytes.to_vec();
    let mut found = false;
    let mut i = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from {
            out[i..i + from.len()].copy_from_slice(to);
            found = true;
            i += from.len();
        } else {
            i += 1;
        }
    }
    if !found {
        return Err(format!(
            "the main module does not import {}",
            String::from_utf8_lossy(from)
        ));
    }
    Ok(out)
}

/// Removes Trunk's `<stem>-<hash>.js` and `_bg.wasm` and makes the page
/// name `ours` instead.
fn replace_trunk_output(dist: &Path, ours: &str) -> Result {
    let index = dist.join("index.html");
    let mut html = read_text(&index)?;
    let mut trunk_names = Vec::new();
    for entry in fs::read_dir(dist).map_err(|e| format!("cannot list dist: {e}"))? {
        let name = entry
            .map_err(|e| format!("cannot list dist: {e}"))?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.starts_with(&format!("{STEM}-")) && !name.starts_with(ours) {
            trunk_names.push(name);
        }
    }
    trunk_names.sort();
    let [js, wasm] = trunk_names.as_slice() else {
        return Err(format!(
            "expected Trunk's one .js and one _bg.wasm in dist, found {trunk_names:?}"
        ));
    };
    for (old, new) in [
        (js, format!("{ours}.js")),
        (wasm, format!("{ours}_bg.wasm")),
    ] {
        html = replace_once(&html, old, &new, "index.html")?;
        fs::remove_file(dist.join(old)).map_err(|e| format!("cannot remove {old}: {e}"))?;
    }
    write(&index, html.as_bytes())
}

fn read_text(p: &Path) -> Result<String> {
    fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

fn write(p: &Path, bytes: &[u8]) -> Result {
    fs::write(p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_names_its_chunks_by_number() {
        let map = |stems: &[&str]| {
            HashMap::from([(
                "item".to_string(),
                stems.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )])
        };
        let ahead = Ahead::new(
            &map(&["chunk_12", "split_item", "chunk_9"]),
            "-ab.wasm".into(),
        )
        .unwrap();
        assert_eq!(ahead.chunks["item"], [9, 12]);
        assert_eq!(ahead.suffix, "-ab.wasm");
        // A file the page's script could not name.
        let odd = Ahead::new(&map(&["split_item", "shared_0"]), String::new());
        assert!(odd.err().unwrap().contains("loads shared_0"));
        let other = Ahead::new(&map(&["split_compare"]), String::new());
        assert!(other.is_err());
    }

    #[test]
    fn the_placeholder_is_as_long_as_a_hash() {
        let dir = std::env::temp_dir().join(format!("split-hash-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a");
        fs::write(&f, b"x").unwrap();
        let h = hash_files(&[f]).unwrap();
        fs::remove_dir_all(&dir).ok();
        assert_eq!(h.len(), PLACEHOLDER.len());
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn names_are_replaced_in_place_in_the_module() {
        let module = b"\0asm....yrd-split-0000000000000000.js....".to_vec();
        let out = replace_bytes(
            &module,
            "yrd-split-0000000000000000",
            "yrd-split-0123456789abcdef",
        )
        .unwrap();
        assert_eq!(out.len(), module.len());
        assert!(String::from_utf8_lossy(&out).contains("yrd-split-0123456789abcdef.js"));
        assert!(replace_bytes(
            &module,
            "yrd-split-ffffffffffffffff",
            "yrd-split-0000000000000000"
        )
        .is_err());
    }
}
