//! Polite notices about parts of the URL that were ignored. The page still
//! shows everything it can; this only explains what was left out.

use leptos::prelude::*;

use super::app::use_ctx;
use crate::i18n::t;

#[component]
pub fn Notices() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let notices = ctx.notices;
    let any = Memo::new(move |_| notices.with(|n| !n.is_empty()));
    move || {
        any.get().then(|| view! {
            <div class="notice" role="status" data-test="notice">
                <p class="notice-title">{move || t(lang.get()).notices_title}</p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li>{n.message(lang.get())}</li> }).collect_view()}
                </ul>
                <button type="button" class="dismiss" on:click=move |_| notices.set(Vec::new())>
                    {move || t(lang.get()).dismiss}
                </button>
            </div>
        })
    }
}
