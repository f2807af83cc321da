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

const LANG_KEY: &str = "yrd-pledges:lang";

fn storage() -> Option<web_sys::Storage> {
    // Storage can be absent or throw (private modes, sandboxed iframes);
    // the language then simply is not remembered.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language for a page without `lang=`: the reader's earlier choice,
/// else the browser's preferred language, else Chinese.
pub fn preferred_lang() -> crate::model::Lang {
    use crate::model::Lang;
    if let Some(saved) = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()) {
        match saved.as_str() {
            "en" => return Lang::En,
            "zh" => return Lang::Zh,
            _ => {}
        }
    }
    let english = web_sys::window()
        .and_then(|w| w.navigator().language())
        .is_some_and(|l| l.to_ascii_lowercase().starts_with("en"));
    if english {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// Remembers a language the reader chose with the switch.
pub fn remember_lang(lang: crate::model::Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// `query` on this page as an absolute URL, for QR codes and snippets that
/// leave the page. Natively (a page rendered at build time, where the
/// site's address is not known) the link relative to the page.
pub fn absolute_url(query: &str) -> String {
    let Some(location) = super::window().map(|w| w.location()) else {
        return if query.is_empty() {
            "./".into()
        } else {
            query.to_string()
        };
    };
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        query
    )
}
