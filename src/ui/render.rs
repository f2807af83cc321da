//! The app's views rendered to HTML natively (Leptos `ssr`), for the pages
//! the build writes: the same components as in the browser, under the same
//! context (`Ctx`), from data already loaded.
//!
//! Only in the native build with the `ssr` feature (the `pages` crate).
//! What runs here is the components' render code: effects and event
//! handlers do not run natively, so the document's title, `<html lang>` and
//! meta description are the build step's to write.

use leptos::prelude::*;

use super::app::{app_view, Ctx};
use crate::load::Dataset;
use crate::url_state::State;

/// The app's markup (`<div class="app">…</div>`) for `state`, as the browser
/// shows it at that URL once `data` has loaded. A state that names no
/// language is rendered in Chinese, the tree's root language. Values the
/// data does not have are dropped with a notice, as the app does.
pub fn render(data: &Dataset, state: &State) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let mut state = state.clone();
        let notices = data
            .index
            .as_ref()
            .map(|index| state.restrict_to(index))
            .unwrap_or_default();
        let ctx = Ctx::new(state, notices);
        ctx.store.data.set(data.clone());
        ctx.store.first_ready.set(true);
        provide_context(ctx);
        super::offline::provide_rendered();
        app_view(ctx, false).to_html()
    })
}

/// The module `state`'s view opens in, by the name the split gives it
/// (`#[wasm_split(…)]` in `ui/parts.rs`): the build's scripts ask for
/// `split_<name>…` ahead of the app. `None` for the lists, in the main module.
pub fn view_part(state: &State) -> Option<&'static str> {
    use super::parts::Part;
    super::parts::for_state(state).map(|part| match part {
        Part::Compare => "compare",
        Part::Metric => "metric",
        Part::Item => "item",
        Part::Card => "card",
        Part::YearExtras => "year_extras",
        Part::Qr => "qr",
    })
}
