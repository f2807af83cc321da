//! YRD Pledges: the pure core (data model, loading, validation, query,
//! comparison, charts, URL state) and the UI: in the browser build, and
//! natively with the `ssr` feature, where it renders pages to HTML at build
//! time (`ui::render`, used by the `pages` crate).
//!
//! Everything outside `ui` is plain Rust with no DOM and no I/O, so it is
//! tested natively with `cargo test`.

// Natively, without the WASM build's `erase_components`, the detail and
// metric views' types are too deep for the default limit of 128.
#![cfg_attr(feature = "ssr", recursion_limit = "256")]

pub mod archive;
pub mod chart;
pub mod compare;
pub mod export;
pub mod head;
pub mod highlight;
pub mod i18n;
pub mod load;
pub mod model;
pub mod needs;
pub mod paging;
pub mod palette;
pub mod qr;
pub mod query;
pub mod standing;
pub mod summary;
pub mod url_state;
pub mod validate;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod ui;

// The WASM build is Leptos csr; csr and ssr in one build are not supported,
// and server-side code has no place in a reader's download.
#[cfg(all(target_arch = "wasm32", feature = "ssr"))]
compile_error!(
    "the `ssr` feature is for the native build-time renderer (the `pages` crate); \
     it must never reach the WASM build"
);
