//! Build-time pages: the app's own components rendered to HTML natively.
//!
//! This crate exists so that the app's `ssr` feature is turned on only in
//! native builds: it depends on the app with `features = ["ssr"]`, and no
//! WASM build ever compiles it (Trunk builds the app's own manifest).
//! `render` is the app's `ui::render::render`: any view, from a loaded
//! `Dataset` and a URL state (`url_state::State`).

use std::path::Path;

use yrd_pledges::load::{self, Dataset};
pub use yrd_pledges::ui::render::render;

/// The data folder (`public/data/`) as the app loads it: the index, then
/// every year it lists. Unlike the browser, which shows the years that did
/// load, a build stops at the first file that does not: a page must not be
/// published without a year the data names.
pub fn load_dir(dir: &Path) -> Result<Dataset, String> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let index = load::parse_index(&read("index.json")?).map_err(|e| format!("index.json: {e}"))?;
    let mut data = Dataset::new(index.clone());
    for entry in &index.years {
        let year = load::parse_year(&read(&entry.file)?, entry.year)
            .map_err(|e| format!("{}: {e}", entry.file))?;
        data.put(entry.year, Ok(year));
    }
    Ok(data)
}
