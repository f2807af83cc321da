//! `?view=metric&metric=KEY`: one quantity across years, charted.

use leptos::prelude::*;

#[component]
pub fn MetricView() -> impl IntoView {
    view! { <p class="loading">"…"</p> }
}
