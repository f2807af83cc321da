//! The hand-over from the page's placeholder (`#boot`) to the app, and the
//! timing of work that must not compete with the first screen.
//!
//! The placeholder stays on screen while the app loads its data out of
//! sight (`hidden`); when the app's first screen is ready, the placeholder
//! is removed and the app shown in the same frame, so nothing moves. Where
//! the URL is the view the page was rendered for (`pages/` writes it at
//! build time with the app's own components), in the reader's language,
//! the placeholder is that copy; elsewhere it is a neutral "Loading…" line
//! (the page's inline script has chosen so before any WASM loaded;
//! `keep_for` makes sure).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

fn boot_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("boot")
}

/// Called before mounting: where the pre-rendered copy is not this view
/// (another URL, or a reader whose language is not the copy's), only the
/// "Loading…" line stays.
pub fn keep_for(query: &str) {
    let Some(boot) = boot_element() else {
        return;
    };
    // A build without the pages step has only a "Loading…" line there.
    let Some(copy) = boot.query_selector(".app").ok().flatten() else {
        return;
    };
    if shows(&boot.get_attribute("data-view").unwrap_or_default(), query) {
        return;
    }
    // The page's own script has usually done this already; this covers a
    // reader whose saved choice it could not read.
    if let Some(root) = copy.owner_document().and_then(|d| d.document_element()) {
        let _ = root.class_list().add_1("other-view");
    }
    // The copy is of no use here, and its ids (the search box's, say) would
    // be duplicated while the app loads behind it.
    copy.remove();
}

/// Whether the copy rendered for `rendered` (its query) is what this reader
/// sees at `query`: the same state, in the same language (a URL that names
/// none is in the reader's preferred one, a copy that names none in
/// Chinese), and nothing in the URL the app would have to tell them about.
fn shows(rendered: &str, query: &str) -> bool {
    use crate::url_state::parse;
    let (mut seen, notices) = parse(query);
    let mut copy = parse(rendered).0;
    seen.lang = Some(seen.lang.unwrap_or_else(super::location::preferred_lang));
    copy.lang = Some(copy.lang.unwrap_or(crate::model::Lang::Zh));
    notices.is_empty() && seen == copy
}

/// Whether the pre-rendered copy of this view is on screen: the app then
/// takes over only once it can show all of it.
pub fn copy_kept() -> bool {
    boot_element().is_some_and(|b| b.query_selector(".app").ok().flatten().is_some())
}

/// Whether the placeholder is still on screen (the app then starts hidden).
pub fn present() -> bool {
    boot_element().is_some()
}

/// The app's first screen is ready: the placeholder makes way.
pub fn remove() {
    if let Some(boot) = boot_element() {
        boot.remove();
    }
}

/// Runs `f` once the next frame has been painted.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // A timeout queued from an animation frame runs after that frame's paint.
    let next = Closure::once_into_js(move || {
        let run = Closure::once_into_js(f);
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 0);
        }
    });
    if window
        .request_animation_frame(next.unchecked_ref())
        .is_err()
    {
        // No frames (a hidden tab may get none for long): do not wait for one.
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0);
    }
}

/// Runs `f` when the browser is idle (`requestIdleCallback`, within two
/// seconds), or after a short timeout where there is no such call.
pub fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(f);
    let ric = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(ric) = ric {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"timeout".into(), &JsValue::from_f64(2000.0));
        if ric.call2(&window, &callback, &options).is_ok() {
            return;
        }
    }
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200);
}

/// The next idle period, as a future: background work awaits it between
/// steps, so that each step is a short task of its own rather than one
/// long one the reader's first taps wait behind.
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        when_idle(move || {
            let _ = resolve.call0(&JsValue::NULL);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whether fetching what the reader has not asked for is welcome: online,
/// and the reader has not asked the browser to save data
/// (`navigator.connection.saveData`, where the browser has it).
pub fn prefetch_welcome() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    if !navigator.on_line() {
        return false;
    }
    let save_data = js_sys::Reflect::get(&navigator, &JsValue::from_str("connection"))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("saveData")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    !save_data
}
