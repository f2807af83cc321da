//! The browser UI: Leptos components reading signals derived from the core.
//! This is the only module that knows the DOM; it owns no logic the core
//! already has (filtering, URL parsing, number formatting live there).

mod app;
mod boot;
mod cards;
mod compare_view;
mod data;
mod detail;
mod embed;
mod exports;
mod failure;
mod filters;
mod focus;
mod location;
mod metric_view;
mod notices;
mod offline;
mod parts;
mod provenance;
mod reactive;
#[cfg(feature = "ssr")]
pub mod render;
mod share;
mod year_panel;

use wasm_bindgen::JsCast;

/// Entry point called by `main` in the browser build.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // Log for developers, then replace the frozen app with a message and
        // a way out: after a panic the reactive system is no longer trusted,
        // so this talks to the DOM directly.
        web_sys::console::error_1(&info.to_string().into());
        show_panic_message();
    }));
    boot::keep_for();
    leptos::mount::mount_to_body(app::App);
}

/// The browser's window, for render code: natively, where the build renders
/// pages (`render`), there is none (`web_sys::window()` would panic there),
/// and the caller falls back as it does when a browser withholds one.
fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    return None;
}

/// `encodeURIComponent`, for data URLs in render code. Natively the same
/// escaping by percent-encoding: every byte of UTF-8 but
/// `A–Z a–z 0–9 - _ . ! ~ * ' ( )` as `%XX`.
fn encode_uri_component(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::encode_uri_component(text).into();
    #[cfg(not(target_arch = "wasm32"))]
    {
        use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
        const COMPONENT: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'!')
            .remove(b'~')
            .remove(b'*')
            .remove(b'\'')
            .remove(b'(')
            .remove(b')');
        utf8_percent_encode(text, COMPONENT).to_string()
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser page has a document")
}

fn show_panic_message() {
    let doc = document();
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default();
    let strings = crate::i18n::t(if lang.starts_with("en") {
        crate::model::Lang::En
    } else {
        crate::model::Lang::Zh
    });
    let Some(body) = doc.body() else { return };
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    panel.set_class_name("panic");
    panel.set_attribute("role", "alert").ok();
    let Ok(p) = doc.create_element("p") else {
        return;
    };
    p.set_text_content(Some(strings.panic_message));
    let Ok(button) = doc.create_element("button") else {
        return;
    };
    button.set_text_content(Some(strings.reload));
    let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            w.location().reload().ok();
        }
    });
    if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
        b.set_onclick(Some(reload.as_ref().unchecked_ref()));
    }
    reload.forget();
    panel.append_child(&p).ok();
    panel.append_child(&button).ok();
    body.set_inner_html("");
    body.append_child(&panel).ok();
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_as_encode_uri_component_does() {
        // The expected text is what Node's `encodeURIComponent` gives.
        assert_eq!(
            super::encode_uri_component("<svg a=\"1\">长三角 & 50%!~*()'-_.#?/</svg>\n"),
            "%3Csvg%20a%3D%221%22%3E%E9%95%BF%E4%B8%89%E8%A7%92%20%26%2050%25!~*()'-_.%23%3F%2F%3C%2Fsvg%3E%0A"
        );
    }
}
