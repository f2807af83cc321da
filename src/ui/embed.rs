//! Embeds (`embed/…`): the compact footer with the source line, the "open
//! full view" link and the other language, and the "Embed" action that
//! shows a ready-to-paste snippet.
//!
//! What a widget does without the app lives in the embed page's own head
//! script (`pages/src/embed.js`): the host's styling (`dark`,
//! `theme-color`), and the height posted to the host page,
//! `{ type: "yrd-pledges:resize", height, id? }`, whenever it changes
//! (DESIGN.md, EMBEDDING.md). Nothing in a widget listens for messages: a
//! host page, or anything else that can reach the frame, cannot steer it.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use super::app::use_ctx;
use super::data::Store;
use crate::i18n::{self, t};
use crate::model::Lang;
use crate::palette::LIGHT;
use crate::url_state::{State, View};

/// The loader script shipped at the site's root (`public/embed.js`).
fn loader_url() -> String {
    super::location::absolute_url("embed.js")
}

/// Footer shown in embed mode. The other language is a link to its page,
/// so it works before the app (the page's head script keeps the styling
/// and replaces the history entry); the app switches in place.
#[component]
pub fn EmbedFooter() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    // The reader keeps the language they are reading in.
    let full = move || {
        super::location::absolute_url(
            &State {
                lang: Some(lang.get()),
                ..ctx.state.with(State::full_view)
            }
            .to_url(),
        )
    };
    let dated = move || {
        ctx.store.data.with(|d| {
            d.index.as_ref().map(|i| {
                format!(
                    " · {}",
                    i18n::data_as_of(&i.updated, &i.data_version, lang.get())
                )
            })
        })
    };
    let other = move || lang.get().other();
    let other_page = move || {
        State {
            lang: Some(other()),
            ..ctx.state.get()
        }
        .to_url()
    };
    view! {
        <div class="embed-foot" data-test="embed-foot">
            <p class="embed-source" data-test="data-version">{move || t(lang.get()).embed_source}{dated}</p>
            <p class="embed-links">
                <a href=full target="_blank" rel="noopener" data-test="full-view">
                    {move || t(lang.get()).open_full_view}
                    <span aria-hidden="true">" ↗"</span>
                    <span class="embed-vh">{move || t(lang.get()).opens_new_tab}</span>
                </a>
                // Replaces the history entry: in a frame, a pushed entry
                // would hijack the host page's Back button.
                <a class="embed-lang" data-test="embed-lang" href=other_page
                    lang=move || other().code() hreflang=move || other().code()
                    on:click=move |ev| {
                        ev.prevent_default();
                        ctx.update(false, |s| s.lang = Some(lang.get_untracked().other()));
                    }>
                    {move || i18n::lang_name(other())}
                </a>
            </p>
        </div>
    }
}

/// The "Embed" button for a view or card; `target` is what gets embedded.
/// The dialog's code is fetched on the first click (`parts::open_embed`);
/// if it cannot be, the button says so and the next click tries again.
#[component]
pub fn EmbedAction(#[prop(into)] target: Signal<State>) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let failed = RwSignal::new(false);
    view! {
        <button type="button" class="embed-btn" data-test="embed" aria-haspopup="dialog"
            on:click=move |ev| {
                let opener = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
                let target = target.get_untracked();
                super::parts::with_tool(super::parts::open_embed(), failed, move |open| {
                    if let Err(e) = open(&target, lang.get_untracked(), ctx.store, opener) {
                        web_sys::console::warn_2(&"could not open the embed dialog".into(), &e);
                    }
                });
            }>
            {move || t(lang.get()).embed}
        </button>
        <super::parts::ToolFailed failed=failed test="embed-failed"/>
    }
}

/// What the widget shows for `target`: the view's own parameters only (a
/// card's embed does not carry the list filters it was found with), in
/// embed mode with the chosen styling.
fn embed_state(target: &State, lang: Lang, dark: bool, accent: Option<String>) -> State {
    let base = match (&target.item, target.view) {
        (Some(item), _) => State {
            item: Some(item.clone()),
            ..State::default()
        },
        (None, View::Compare) => State {
            view: View::Compare,
            years: target.years.clone(),
            ..State::default()
        },
        (None, View::Metric) => State {
            view: View::Metric,
            metric: target.metric.clone(),
            years: target.years.clone(),
            ..State::default()
        },
        // The list, and any view that has no parameters of its own.
        (None, _) => State {
            years: target.years.clone(),
            themes: target.themes.clone(),
            lead: target.lead.clone(),
            status: target.status,
            q: target.q.clone(),
            ..State::default()
        },
    };
    State {
        lang: Some(lang),
        embed: true,
        dark,
        accent,
        ..base
    }
}

/// The iframe's `title`, in the widget's language.
fn frame_title(s: &State, store: Store, l: Lang) -> String {
    let subject = store.data.with(|d| {
        let index = d.index.as_ref();
        if let Some(id) = &s.item {
            return d
                .find_item(id)
                .map(|(_, i)| i.title.in_lang(l).to_string())
                .unwrap_or_else(|| id.clone());
        }
        let years = |ys: &[u16]| {
            ys.iter()
                .map(|y| i18n::year_heading(*y, l))
                .collect::<Vec<_>>()
                .join(t(l).list_separator)
        };
        match s.view {
            View::Compare => format!(
                "{} {}",
                t(l).view_compare,
                years(&s.compare_years(&d.listed_years()))
            ),
            View::Metric => {
                let name = s.metric.as_ref().and_then(|m| {
                    index?
                        .metrics
                        .iter()
                        .find(|v| &v.key == m)
                        .map(|v| v.name.in_lang(l).to_string())
                });
                name.unwrap_or_else(|| t(l).metrics_title.to_string())
            }
            _ => {
                let mut parts = vec![if s.years.is_empty() {
                    t(l).all_years.to_string()
                } else {
                    years(&s.years)
                }];
                let name = |vocab: &[crate::model::Vocab], key: &str| {
                    vocab
                        .iter()
                        .find(|v| v.key == key)
                        .map_or(key.to_string(), |v| v.name.in_lang(l).to_string())
                };
                if let Some(index) = index {
                    if !s.themes.is_empty() {
                        let names: Vec<String> =
                            s.themes.iter().map(|k| name(&index.themes, k)).collect();
                        parts.push(names.join(t(l).list_separator));
                    }
                    if let Some(lead) = &s.lead {
                        parts.push(name(&index.leads, lead));
                    }
                }
                if let Some(st) = s.status {
                    parts.push(i18n::status_name(st, l).to_string());
                }
                if !s.q.is_empty() {
                    parts.push(format!("“{}”", s.q));
                }
                parts.join(" · ")
            }
        }
    });
    i18n::embed_frame_title(&subject, l)
}

/// A starting height for the iframe: used as is without the loader, and
/// until the first resize message with it.
fn default_height(s: &State) -> u32 {
    match (&s.item, s.view) {
        (Some(_), _) => 640,
        (None, View::Metric) => 720,
        (None, _) => 800,
    }
}

fn snippet(url: &str, title: &str, height: u32, loader: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"{height}\" \
         style=\"width:100%;border:0\" data-yrd-pledges></iframe>\n\
         <script src=\"{}\" defer></script>",
        html_escape::encode_double_quoted_attribute(url),
        html_escape::encode_double_quoted_attribute(title),
        html_escape::encode_double_quoted_attribute(loader)
    )
}

/// `navigator.clipboard.writeText(text)`, if the browser offers it here.
fn clipboard_write(text: &str) -> Option<js_sys::Promise> {
    let nav: JsValue = web_sys::window()?.navigator().into();
    let clipboard = js_sys::Reflect::get(&nav, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined())?;
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into()
        .ok()?;
    write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()
}

static DIALOG_IDS: AtomicU32 = AtomicU32::new(0);

/// The embed dialog, built on demand with plain DOM calls and removed when
/// it closes. Only editors open it, and as a `view!` tree it cost three
/// times the WASM (measured): every reader would download that.
///
/// Native `<dialog>` opened with `showModal()`: focus moves in, the page
/// behind is inert, Escape closes; focus then returns to the opener. Data
/// (an item's title) reaches the DOM only as property or attribute values.
pub(super) fn open_dialog(
    target: &State,
    ui: Lang,
    store: Store,
    opener: Option<web_sys::HtmlElement>,
) -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let body = doc.body().ok_or("no body")?;
    let tr = t(ui);
    let id = DIALOG_IDS.fetch_add(1, Ordering::Relaxed);
    let el = |parent: &web_sys::Element, tag: &str, class: &str, text: &str| {
        child(&doc, parent, tag, class, text)
    };

    let dialog: web_sys::HtmlDialogElement = doc.create_element("dialog")?.dyn_into()?;
    dialog.set_class_name("embed-dialog");
    let title_id = format!("embed-h-{id}");
    let code_id = format!("embed-code-{id}");
    set(
        &dialog,
        &[
            ("data-test", "embed-dialog"),
            ("aria-labelledby", &title_id),
        ],
    )?;
    let root = el(&dialog, "div", "embed-dialog-body", "")?;
    let head = el(&root, "div", "embed-dialog-head", "")?;
    el(&head, "h2", "", tr.embed_dialog_title)?.set_id(&title_id);
    let close_button = el(&head, "button", "embed-close", tr.close)?;
    set(
        &close_button,
        &[("type", "button"), ("data-test", "embed-close")],
    )?;
    el(&root, "p", "embed-help", tr.embed_help)?;

    let options = el(&root, "fieldset", "embed-options", "")?;
    el(&options, "legend", "", tr.embed_appearance)?;
    let field = el(&options, "label", "embed-field", "")?;
    el(&field, "span", "", tr.embed_lang)?;
    let select: web_sys::HtmlSelectElement = el(&field, "select", "", "")?.dyn_into()?;
    set(&select, &[("data-test", "embed-lang-select")])?;
    for l in [Lang::Zh, Lang::En] {
        let option = el(&select, "option", "", i18n::lang_name(l))?;
        set(&option, &[("value", l.code()), ("lang", l.code())])?;
    }
    select.set_value(ui.code());
    let checkbox = |test: &str, label: &str| {
        let wrap = el(&options, "label", "embed-check", "")?;
        let input: web_sys::HtmlInputElement = el(&wrap, "input", "", "")?.dyn_into()?;
        set(&input, &[("type", "checkbox"), ("data-test", test)])?;
        el(&wrap, "span", "", label)?;
        Ok::<_, JsValue>(input)
    };
    let dark = checkbox("embed-dark", tr.embed_dark)?;
    let use_accent = checkbox("embed-use-accent", tr.embed_use_accent)?;
    let field = el(&options, "label", "embed-field", "")?;
    el(&field, "span", "", tr.embed_accent)?;
    let colour: web_sys::HtmlInputElement = el(&field, "input", "", "")?.dyn_into()?;
    set(&colour, &[("type", "color"), ("data-test", "embed-accent")])?;
    colour.set_value(LIGHT.accent);

    let label = el(&root, "label", "embed-field", tr.embed_code)?;
    set(&label, &[("for", &code_id)])?;
    let code: web_sys::HtmlTextAreaElement = el(&root, "textarea", "embed-code", "")?.dyn_into()?;
    code.set_id(&code_id);
    set(
        &code,
        &[
            ("readonly", ""),
            ("rows", "5"),
            ("spellcheck", "false"),
            ("data-test", "embed-code"),
        ],
    )?;
    let row = el(&root, "p", "embed-copy-row", "")?;
    let copy_button = el(&row, "button", "", tr.embed_copy)?;
    set(
        &copy_button,
        &[("type", "button"), ("data-test", "embed-copy")],
    )?;
    let status = el(&row, "span", "", "")?;
    set(
        &status,
        &[("role", "status"), ("data-test", "embed-copy-status")],
    )?;
    el(&root, "h3", "", tr.embed_preview)?;
    let preview = el(&root, "iframe", "embed-preview", "")?;
    set(&preview, &[("data-test", "embed-preview")])?;

    // The snippet and the preview follow the options.
    let target = target.clone();
    let (code2, status2) = (code.clone(), status.clone());
    let refresh = move || {
        let lang = if select.value() == "en" {
            Lang::En
        } else {
            Lang::Zh
        };
        colour.set_disabled(!use_accent.checked());
        let accent = use_accent.checked().then(|| colour.value());
        let s = embed_state(&target, lang, dark.checked(), accent);
        let url = super::location::absolute_url(&s.to_url());
        let title = frame_title(&s, store, lang);
        code2.set_value(&snippet(&url, &title, default_height(&s), &loader_url()));
        status2.set_text_content(None);
        if preview.get_attribute("src").as_deref() != Some(url.as_str()) {
            let _ = preview.set_attribute("src", &url);
        }
        let _ = preview.set_attribute("title", &format!("{} · {title}", tr.embed_preview));
    };
    refresh();
    let on_input = Closure::<dyn FnMut()>::new(refresh);
    dialog.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())?;
    dialog.add_event_listener_with_callback("change", on_input.as_ref().unchecked_ref())?;

    let dialog2 = dialog.clone();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(target) = ev.target().map(JsValue::from) else {
            return;
        };
        // A click on the backdrop lands on the dialog element itself.
        if target == JsValue::from(&dialog2) || target == JsValue::from(&close_button) {
            dialog2.close();
        } else if target == JsValue::from(&copy_button) {
            copy(code.clone(), status.clone(), tr);
        }
    });
    dialog.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;

    let dialog3 = dialog.clone();
    let on_close = Closure::once_into_js(move || {
        dialog3.remove();
        if let Some(opener) = opener {
            let _ = opener.focus();
        }
        // The listeners go with the dialog.
        drop((on_input, on_click));
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    dialog.add_event_listener_with_callback_and_add_event_listener_options(
        "close",
        on_close.unchecked_ref(),
        &options,
    )?;

    body.append_child(&dialog)?;
    if dialog.show_modal().is_err() {
        dialog.set_open(true);
    }
    Ok(())
}

/// Appends a new `<tag class=class>text</tag>` to `parent`. Out of line on
/// purpose: inlined at each of its call sites it costs kilobytes of WASM.
#[inline(never)]
fn child(
    doc: &web_sys::Document,
    parent: &web_sys::Element,
    tag: &str,
    class: &str,
    text: &str,
) -> Result<web_sys::Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    parent.append_child(&e)?;
    Ok(e)
}

#[inline(never)]
fn set(e: &web_sys::Element, attrs: &[(&str, &str)]) -> Result<(), JsValue> {
    attrs.iter().try_for_each(|(k, v)| e.set_attribute(k, v))
}

/// Copies the snippet; where the clipboard is not available (permissions,
/// older browsers) selects it for Ctrl+C instead, and says which happened.
fn copy(code: web_sys::HtmlTextAreaElement, status: web_sys::Element, tr: &'static i18n::Strings) {
    leptos::task::spawn_local(async move {
        let ok = match clipboard_write(&code.value()) {
            Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
            None => false,
        };
        if !ok {
            let _ = code.focus();
            code.select();
        }
        status.set_text_content(Some(if ok {
            tr.embed_copied
        } else {
            tr.embed_copy_fallback
        }));
    });
}
