//! YRD Pledges: the pure core (data model, loading, validation, query,
//! comparison, charts, URL state) and, in the browser build only, the UI.
//!
//! Everything outside `ui` is plain Rust with no DOM and no I/O, so it is
//! tested natively with `cargo test`.

pub mod archive;
pub mod chart;
pub mod compare;
pub mod export;
pub mod highlight;
pub mod i18n;
pub mod load;
pub mod model;
pub mod needs;
pub mod prerender;
pub mod qr;
pub mod query;
pub mod summary;
pub mod url_state;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod ui;
