//! The hand-over from the page's placeholder (`#boot`) to the app, and the
//! timing of work that must not compete with the first screen.
//!
//! The placeholder stays on screen while the app loads its data out of
//! sight (`hidden`); when the app's first screen is ready, the placeholder
//! is removed and the app shown in the same frame, so nothing moves. Where
//! the URL is the view the page was rendered for (`pages/` writes a page
//! for each path at build time with the app's own components), the
//! placeholder is that copy; elsewhere it is a neutral "Loading…" line (the
//! page's head script chooses so before the first paint; `keep_for`
//! follows it).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

fn boot_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("boot")
}

/// Called before mounting: where the page's head script found that the
/// pre-rendered copy is not what this URL shows (it marks `<html>` with
/// `other-view`: a query the copy was not rendered with, or a page served
/// for another path), only the "Loading…" line stays. The script decides,
/// before the first paint; the app follows it, so the two cannot disagree.
pub fn keep_for() {
    let Some(boot) = boot_element() else {
        return;
    };
    // A build without the pages step has only a "Loading…" line there.
    let Some(copy) = boot.query_selector(".app").ok().flatten() else {
        return;
    };
    let other = copy
        .owner_document()
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.class_list().contains("other-view"));
    if other {
        // The copy is of no use here, and its ids (the search box's, say)
        // would be duplicated while the app loads behind it.
        copy.remove();
    }
}

/// Whether the pre-rendered copy of this view is on screen: the app then
/// takes over only once it can show all of it.
pub fn copy_kept() -> bool {
    boot_element().is_some_and(|b| b.query_selector(".app").ok().flatten().is_some())
}

/// The data version the page's copy was rendered from (`<html
/// data-version>`, written by the build), while the copy is kept.
pub fn copy_version() -> Option<String> {
    copy_kept().then_some(())?;
    let root = boot_element()?.owner_document()?.document_element()?;
    root.get_attribute("data-version")
}

/// Whether the placeholder is still on screen (the app then starts hidden).
pub fn present() -> bool {
    boot_element().is_some()
}

/// The app's first screen is ready: the placeholder makes way. What the
/// reader did on the copy meanwhile carries over to the app's element of
/// the same id (a link: of the same `href`): text typed, boxes ticked, and
/// the focus, so taking over loses neither.
pub fn remove() {
    let Some(boot) = boot_element() else {
        return;
    };
    let changed = changed_fields(&boot);
    let focused = boot.owner_document().and_then(|d| d.active_element());
    let focused = focused
        .filter(|el| boot.contains(Some(el)))
        .and_then(|el| match el.id() {
            id if !id.is_empty() => Some(format!("#{}", css_ident(&id)?)),
            _ => Some(format!(
                "a[href=\"{}\"]",
                el.get_attribute("href")?.replace('"', "")
            )),
        });
    boot.remove();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (id, value, checked) in changed {
        let Some(input) = doc
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        input.set_value(&value);
        input.set_checked(checked);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        for kind in ["input", "change"] {
            if let Ok(ev) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                let _ = input.dispatch_event(&ev);
            }
        }
    }
    // The app is shown by the effect this turn schedules; focus once it is.
    if let Some(selector) = focused {
        after_frame(move || {
            let target = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&format!(".app {selector}")).ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = target {
                let _ = el.focus();
            }
        });
    }
}

/// The copy's fields with an id whose value or tick the reader changed.
fn changed_fields(boot: &web_sys::Element) -> Vec<(String, String, bool)> {
    let Ok(inputs) = boot.query_selector_all("input[id]") else {
        return Vec::new();
    };
    (0..inputs.length())
        .filter_map(|i| inputs.item(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter(|el| el.value() != el.default_value() || el.checked() != el.default_checked())
        .map(|el| (el.id(), el.value(), el.checked()))
        .collect()
}

/// `id` where a selector can name it as is (the app's ids are plain).
fn css_ident(id: &str) -> Option<&str> {
    id.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .then_some(id)
}

/// Runs `f` in the next animation frame, before its paint.
fn after_frame(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(callback.unchecked_ref());
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
