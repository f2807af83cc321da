//! Polite notices: that the page's copy was written from older data than
//! the view now shows, and which parts of the URL were ignored. The page
//! still shows everything it can; these only explain.

use leptos::prelude::*;

use super::app::use_ctx;
use crate::i18n::t;

#[component]
pub fn Notices() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let notices = ctx.notices;
    let any = Memo::new(move |_| notices.with(|n| !n.is_empty()));
    // Natively (a page being written) there is nothing newer.
    let refreshed = use_context::<super::app::Refreshed>().map(|r| r.0);
    let refreshed = move || {
        refreshed.is_some_and(|r| r.get()).then(|| view! {
            <p class="notice" role="status" data-test="data-refreshed">{move || t(lang.get()).data_refreshed}</p>
        })
    };
    let url_notices = move || {
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
    };
    view! { {refreshed} {url_notices} }
}
