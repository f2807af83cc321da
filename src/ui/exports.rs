//! Downloads (CSV, JSON, SVG) of what the current view shows, and sharing
//! its link. The contents come from the core (`export`, `chart`); this only
//! hands them to the browser.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::app::use_ctx;
use crate::i18n::t;

/// Offers `text` as a file download named `file`.
pub fn download(file: &str, mime: &str, text: &str) {
    let result = (|| -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(file);
        a.set_attribute("hidden", "")?;
        doc.body().ok_or("no body")?.append_child(&a)?;
        a.click();
        a.remove();
        web_sys::Url::revoke_object_url(&url)?;
        Ok(())
    })();
    if let Err(e) = result {
        web_sys::console::warn_2(&"download failed".into(), &e);
    }
}

/// The page's own address, for sharing.
fn current_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Calls `navigator[name](arg)` if the browser has it; returns the promise.
/// Looked up at run time because Web Share and the async clipboard are not
/// everywhere (and not in web-sys' stable API).
fn call_navigator(object: Option<&str>, method: &str, arg: &JsValue) -> Option<js_sys::Promise> {
    let nav: JsValue = web_sys::window()?.navigator().into();
    let target = match object {
        Some(o) => js_sys::Reflect::get(&nav, &o.into())
            .ok()
            .filter(|v| !v.is_undefined())?,
        None => nav,
    };
    let f = js_sys::Reflect::get(&target, &method.into()).ok()?;
    let f: js_sys::Function = f.dyn_into().ok()?;
    f.call1(&target, arg).ok()?.dyn_into().ok()
}

#[component]
pub fn ShareButton() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let message = RwSignal::new(None::<&'static str>);
    let share = move |_| {
        let url = current_url();
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.clone().into());
        let _ = js_sys::Reflect::set(
            &data,
            &"title".into(),
            &t(lang.get_untracked()).app_title.into(),
        );
        leptos::task::spawn_local(async move {
            if let Some(p) = call_navigator(None, "share", &data) {
                // A cancelled share sheet rejects; that is the reader's choice, not an error.
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                return;
            }
            let copied = match call_navigator(Some("clipboard"), "writeText", &url.into()) {
                Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                None => false,
            };
            let l = lang.get_untracked();
            message.set(Some(if copied {
                t(l).link_copied
            } else {
                t(l).copy_failed
            }));
        });
    };
    view! {
        <button type="button" class="share" data-test="share" on:click=share>{move || t(lang.get()).share}</button>
        <span class="share-msg" role="status">{move || message.get()}</span>
    }
}

/// CSV and JSON downloads of a view's data, plus an optional chart SVG.
/// With `part`, `csv` and `json` are written by the list's export part,
/// fetched here before they are read (at once when the idle prefetch has
/// brought it); a failed fetch says so, and the next click tries again.
#[component]
pub fn ExportBar(
    name: &'static str,
    csv: Signal<String>,
    json: Signal<String>,
    #[prop(optional)] svg: Option<Signal<String>>,
    #[prop(optional)] part: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let failed = RwSignal::new(false);
    // Every export says which data it holds: the version in the file name,
    // and in JSON also inside, next to the date.
    let version = move || {
        ctx.store
            .data
            .with_untracked(|d| d.index.as_ref().map(|i| i.data_version.clone()))
            .unwrap_or_default()
    };
    let with_version = move |body: &str| {
        let (v, updated) = ctx
            .store
            .data
            .with_untracked(|d| {
                d.index
                    .as_ref()
                    .map(|i| (i.data_version.clone(), i.updated.clone()))
            })
            .unwrap_or_default();
        let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
        format!(
            "{{\"data_version\":{},\"data_updated\":{},\"data\":{body}}}",
            quoted(&v),
            quoted(&updated)
        )
    };
    let offer = move |ext: &'static str, mime: &'static str, text: Box<dyn Fn() -> String>| {
        let file = format!("{name}-{}.{ext}", version());
        if !part || super::parts::list_export_now().is_some() {
            return download(&file, mime, &text());
        }
        super::parts::with_tool(super::parts::list_export(), failed, move |_| {
            download(&file, mime, &text())
        });
    };
    view! {
        <div class="export" data-test="export">
            <button type="button" data-test="download-csv"
                on:click=move |_| offer("csv", "text/csv;charset=utf-8", Box::new(move || csv.get_untracked()))>
                {move || t(lang.get()).download_csv}
            </button>
            <button type="button" data-test="download-json"
                on:click=move |_| offer("json", "application/json", Box::new(move || with_version(&json.get_untracked())))>
                {move || t(lang.get()).download_json}
            </button>
            {svg.map(|svg| view! {
                <button type="button" data-test="download-svg"
                    on:click=move |_| offer("svg", "image/svg+xml", Box::new(move || svg.get_untracked()))>
                    {move || t(lang.get()).download_svg}
                </button>
            })}
            <super::parts::ToolFailed failed=failed test="export-failed"/>
            <ShareButton/>
            <super::share::QrBlock/>
        </div>
    }
}
