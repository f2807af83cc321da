//! Embed mode (`?embed=1`): reporting the content height to the host page,
//! the compact footer with the source line and the "open full view" link,
//! and the "Embed" action that shows a ready-to-paste snippet.

use leptos::prelude::*;

use crate::url_state::State;

/// Starts reporting the page height to the parent frame (embed mode only).
pub fn install(_state: RwSignal<State>) {}

/// Footer shown in embed mode.
#[component]
pub fn EmbedFooter() -> impl IntoView {}

/// The "Embed" button for a view or card; `target` is what gets embedded.
#[component]
pub fn EmbedAction(#[prop(into)] target: Signal<State>) -> impl IntoView {
    let _ = target;
}
