//! The way forward offered with a data file that could not be used. Most
//! failures may pass (a dropped connection, a server mid-deploy), so the
//! reader can try again; a file written for a newer app will not parse
//! however often it is fetched, so the page offers to reload instead.

use leptos::prelude::*;

use super::app::use_ctx;
use crate::i18n::t;
use crate::load::LoadError;

#[component]
pub fn RetryOrReload(error: LoadError, retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let lang = use_ctx().lang;
    if matches!(error, LoadError::SchemaTooNew { .. }) {
        view! {
            <button type="button" data-test="reload" on:click=move |_| {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }>{move || t(lang.get()).reload}</button>
        }
        .into_any()
    } else {
        view! {
            <button type="button" data-test="retry" on:click=move |_| retry()>{move || t(lang.get()).retry}</button>
        }
        .into_any()
    }
}
