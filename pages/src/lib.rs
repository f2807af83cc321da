//! Build-time pages: the app's own components rendered to HTML natively.
//!
//! This crate exists so that the app's `ssr` feature is turned on only in
//! native builds: it depends on the app with `features = ["ssr"]`, and no
//! WASM build ever compiles it (Trunk builds the app's own manifest).

pub use yrd_pledges as app;
