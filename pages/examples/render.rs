//! Prints the HTML the app's components render for a URL (relative to the
//! site's root), from `public/data/`:
//! `cargo run -p pages --example render -- 'en/2026/06/'`.

use std::path::Path;

fn main() {
    let url = std::env::args().nth(1).unwrap_or_default();
    let data = pages::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data"))
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let (state, _) = yrd_pledges::url_state::parse_url(&url);
    println!("{}", pages::render(&data, &state));
}
