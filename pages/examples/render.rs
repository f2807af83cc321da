//! Prints the HTML the app's components render for a URL's query, from
//! `public/data/`: `cargo run -p pages --example render -- '?item=2026-06'`.

use std::path::Path;

fn main() {
    let query = std::env::args().nth(1).unwrap_or_default();
    let data = pages::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data"))
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1)
        });
    let (state, _) = yrd_pledges::url_state::parse(&query);
    println!("{}", pages::render(&data, &state));
}
