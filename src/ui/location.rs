//! The page URL as the store of view state. No router: all state is in the
//! query string of one page, so the app works under any sub-path with no
//! rewrite rules, and the History API is all that is needed.

pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Writes `query` (with its `?`, or empty) into the address bar. `push`
/// makes a history entry (a deliberate navigation: open an item, change a
/// filter); otherwise the entry is replaced (each keystroke of a search).
pub fn write_query(query: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().search().ok().as_deref() == Some(query) {
        return;
    }
    let path = window.location().pathname().unwrap_or_default();
    let hash = window.location().hash().unwrap_or_default();
    let url = format!("{path}{query}{hash}");
    if let Ok(history) = window.history() {
        let r = if push {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
        if let Err(e) = r {
            web_sys::console::warn_2(&"could not update the address bar".into(), &e);
        }
    }
}

/// The browser's preferred language, for a first visit without `lang=`.
pub fn browser_prefers_english() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|l| l.to_ascii_lowercase().starts_with("en"))
        .unwrap_or(false)
}
