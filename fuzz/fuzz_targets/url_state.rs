//! Any URL (relative to the site's root) yields a usable state (and notices), never a panic; what
//! was accepted survives a round trip through a link unchanged; and checking
//! it against the real data never panics either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yrd_pledges::load::parse_index;
use yrd_pledges::url_state::parse_url;

const INDEX: &str = include_str!("../../public/data/index.json");

fuzz_target!(|data: &[u8]| {
    let url = String::from_utf8_lossy(data);
    let (mut state, _notices) = parse_url(&url);
    let link = state.to_url();
    let (again, notices) = parse_url(&link);
    assert_eq!(again, state, "{link}");
    assert!(notices.is_empty(), "{link}: {notices:?}");
    let index = parse_index(INDEX).expect("the real index parses");
    let _ = state.restrict_to(&index);
    let _ = state.filter();
});
