//! The page URL as the store of view state. Each page is a real file whose
//! `<base>` is the site's root (the build writes it), so a URL relative to
//! the root (`url_state::State::to_url`) is a link from any page, and the
//! History API moves between pages without a router.

/// The site's root, as the page's `<base>` gives it (natively, where the
/// build renders pages, none).
fn root() -> Option<String> {
    super::window()?.document()?.base_uri().ok().flatten()
}

/// This page's URL relative to the site's root (`en/2026/06/?q=x`).
pub fn current_url() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let path = location.pathname().unwrap_or_default();
    let root = root()
        .and_then(|r| web_sys::Url::new(&r).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    let within = path.strip_prefix(root.as_str()).unwrap_or(&path);
    format!("{within}{}", location.search().unwrap_or_default())
}

/// Writes `url` (relative to the site's root) into the address bar. `push`
/// makes a history entry (a deliberate navigation: open an item, change a
/// filter); otherwise the entry is replaced.
pub fn write_url(url: &str, push: bool) {
    // A typed search still waiting is written first, so Back returns to it.
    if let Some(typed) = take_typed() {
        write_now(&typed, false);
    }
    write_now(url, push);
}

/// Replaces the entry with `url` once the reader pauses typing: Chromium's
/// `replaceState` takes milliseconds, and a search keystroke has eight.
pub fn write_url_when_typing_pauses(url: String) {
    take_typed();
    let later = url.clone();
    match leptos::prelude::set_timeout_with_handle(
        move || {
            TYPED.set(None);
            write_now(&later, false);
        },
        TYPING_PAUSE,
    ) {
        Ok(handle) => TYPED.set(Some((handle, url))),
        Err(_) => write_now(&url, false),
    }
}

/// Drops a typed search not yet written: the reader has gone back or
/// forward, and the entry now shown is not the one typed into.
pub fn forget_typing() {
    take_typed();
}

/// The typed search still waiting, if any, its timer stopped.
fn take_typed() -> Option<String> {
    TYPED.take().map(|(handle, url)| {
        handle.clear();
        url
    })
}

const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

thread_local! {
    static TYPED: std::cell::Cell<Option<(leptos::prelude::TimeoutHandle, String)>> =
        const { std::cell::Cell::new(None) };
}

fn write_now(url: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let target = absolute_url(url);
    let here = window.location().href().unwrap_or_default();
    if here.split('#').next() == Some(target.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let r = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target))
        };
        if let Err(e) = r {
            web_sys::console::warn_2(&"could not update the address bar".into(), &e);
        }
    }
}

const LANG_KEY: &str = "yrd-pledges:lang";

fn storage() -> Option<web_sys::Storage> {
    // Storage can be absent or throw (private modes, sandboxed iframes);
    // the language then simply is not remembered.
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers a language the reader chose with the switch.
pub fn remember_lang(lang: crate::model::Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// `url` (relative to the site's root) as an absolute URL, for QR codes
/// and snippets that leave the page. Natively (a page rendered at build
/// time, where the site's address is not known) `url` itself.
pub fn absolute_url(url: &str) -> String {
    root()
        .and_then(|r| web_sys::Url::new_with_base(url, &r).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string())
}
