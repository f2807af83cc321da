//! Hostile and random input: the URL parser and the data loader must turn
//! anything into a usable value or a typed error, never a panic.

use proptest::prelude::*;
use yrd_pledges::load::{parse_index, parse_year};
use yrd_pledges::url_state::parse_url;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_url_gives_a_state(url in ".{0,200}") {
        let (state, _) = parse_url(&url);
        // Whatever was accepted survives a round trip through a link.
        let (again, notices) = parse_url(&state.to_url());
        prop_assert_eq!(again, state);
        prop_assert!(notices.is_empty());
    }

    #[test]
    fn path_like_strings_give_a_state(
        segments in prop::collection::vec(
            prop::sample::select(vec!["en", "embed", "2026", "06", "x1", "card", "compare", "2025-2026", "metric", "remote-windows", "index.html", "", "."]),
            0..6),
        q in "[a-z=&]{0,12}"
    ) {
        let (state, _) = parse_url(&format!("{}?{q}", segments.join("/")));
        let (again, notices) = parse_url(&state.to_url());
        prop_assert_eq!(again, state);
        prop_assert!(notices.is_empty());
    }

    #[test]
    fn query_like_strings_give_a_state(
        pairs in prop::collection::vec(
            (prop::sample::select(vec!["year", "theme", "lead", "status", "q", "item", "view", "metric", "lang", "embed", "dark", "theme-color", "x"]),
             "[a-z0-9,#%<>\"'&=+ -]{0,20}"),
            0..8)
    ) {
        let q: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let (state, _) = parse_url(&format!("?{}", q.join("&")));
        let (again, _) = parse_url(&state.to_url());
        prop_assert_eq!(again, state);
    }

    #[test]
    fn any_text_as_a_data_file_is_a_value_or_an_error(text in ".{0,400}") {
        let _ = parse_year(&text, 2026);
        let _ = parse_index(&text);
    }

    #[test]
    fn damaged_real_files_never_panic(cut in 0usize..30_000, byte in any::<u8>(), pos in 0usize..30_000) {
        for name in ["2024.json", "2025.json", "2026.json", "index.json"] {
            let path = format!("{}/public/data/{name}", env!("CARGO_MANIFEST_DIR"));
            let Ok(text) = std::fs::read(&path) else { continue };
            let mut bytes = text.clone();
            bytes.truncate(cut.min(bytes.len()));
            let _ = parse_year(&String::from_utf8_lossy(&bytes), 2026);
            let mut bytes = text;
            if !bytes.is_empty() {
                let p = pos % bytes.len();
                bytes[p] = byte;
            }
            let s = String::from_utf8_lossy(&bytes);
            let _ = parse_year(&s, 2026);
            let _ = parse_index(&s);
        }
    }
}
