//! `?view=compare&year=…`: the theme × year matrix and what changed.

use leptos::prelude::*;

#[component]
pub fn CompareView() -> impl IntoView {
    view! { <p class="loading">"…"</p> }
}
