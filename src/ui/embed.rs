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

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::mount::UnmountHandle;
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use wasm_bindgen::{JsCast, JsValue};

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

/// The embed dialog, mounted into `<body>` when an editor asks for it and
/// removed when it closes, from the part that holds it (`parts::open_embed`).
///
/// Native `<dialog>` opened with `showModal()`: focus moves in, the page
/// behind is inert, Escape closes; focus then returns to the opener.
pub(super) fn open_dialog(
    target: &State,
    ui: Lang,
    store: Store,
    opener: Option<web_sys::HtmlElement>,
) -> Result<(), JsValue> {
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .ok_or("no body")?;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // The handle is the dialog: dropping it removes the view and its signals.
    let handle: Rc<RefCell<Option<UnmountHandle<AnyViewState>>>> = Rc::new(RefCell::new(None));
    let closed = {
        let handle = handle.clone();
        move || {
            // Once the close event has been handled: the view it would
            // remove holds the handler.
            let handle = handle.clone();
            let opener = opener.clone();
            set_timeout(
                move || {
                    handle.borrow_mut().take();
                    if let Some(opener) = opener {
                        let _ = opener.focus();
                    }
                },
                Duration::ZERO,
            );
        }
    };
    let target = target.clone();
    // Erased (`into_any`): the handle's type would otherwise name the close
    // callback's, which holds the handle, a type that contains itself.
    let mounted = leptos::mount::mount_to(body, move || {
        view! { <EmbedDialog target ui store node=dialog on_close=closed/> }.into_any()
    });
    *handle.borrow_mut() = Some(mounted);
    let dialog = dialog.get_untracked().ok_or("the dialog was not mounted")?;
    if dialog.show_modal().is_err() {
        dialog.set_open(true);
    }
    Ok(())
}

/// The dialog's content: the options, the snippet they make, a copy button
/// and a live preview.
#[component]
fn EmbedDialog(
    target: State,
    ui: Lang,
    store: Store,
    node: NodeRef<leptos::html::Dialog>,
    on_close: impl Fn() + 'static,
) -> impl IntoView {
    let tr = t(ui);
    let id = DIALOG_IDS.fetch_add(1, Ordering::Relaxed);
    let (title_id, code_id) = (format!("embed-h-{id}"), format!("embed-code-{id}"));
    let (labelled_by, code_label_for) = (title_id.clone(), code_id.clone());
    let lang = RwSignal::new(ui);
    let dark = RwSignal::new(false);
    let use_accent = RwSignal::new(false);
    let accent = RwSignal::new(LIGHT.accent.to_string());
    let copied = RwSignal::new(None::<&'static str>);
    let state = Memo::new(move |_| {
        embed_state(
            &target,
            lang.get(),
            dark.get(),
            use_accent.get().then(|| accent.get()),
        )
    });
    // A memo: the preview reloads only when its address changes.
    let url = Memo::new(move |_| super::location::absolute_url(&state.get().to_url()));
    let title = Memo::new(move |_| frame_title(&state.get(), store, lang.get()));
    let code = move || {
        snippet(
            &url.get(),
            &title.get(),
            default_height(&state.get()),
            &loader_url(),
        )
    };
    let code_ref = NodeRef::<leptos::html::Textarea>::new();
    let copy = move |_: web_sys::MouseEvent| {
        let Some(area) = code_ref.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let ok = match clipboard_write(&area.value()) {
                Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                None => false,
            };
            if !ok {
                // Selected for Ctrl+C instead.
                let _ = area.focus();
                area.select();
            }
            copied.set(Some(if ok {
                tr.embed_copied
            } else {
                tr.embed_copy_fallback
            }));
        });
    };
    view! {
        <dialog class="embed-dialog" data-test="embed-dialog" aria-labelledby=labelled_by
            node_ref=node
            on:close=move |_| on_close()
            // A click on the backdrop lands on the dialog element itself.
            on:click=move |ev| {
                if ev.target() == ev.current_target() {
                    if let Some(d) = node.get_untracked() {
                        d.close();
                    }
                }
            }
            on:input=move |_| copied.set(None)>
            <div class="embed-dialog-body">
                <div class="embed-dialog-head">
                    <h2 id=title_id>{tr.embed_dialog_title}</h2>
                    <button type="button" class="embed-close" data-test="embed-close"
                        on:click=move |_| {
                            if let Some(d) = node.get_untracked() {
                                d.close();
                            }
                        }>
                        {tr.close}
                    </button>
                </div>
                <p class="embed-help">{tr.embed_help}</p>
                {options(tr, ui, lang, dark, use_accent, accent)}
                <label class="embed-field" for=code_label_for>{tr.embed_code}</label>
                <textarea class="embed-code" id=code_id readonly rows="5" spellcheck="false"
                    data-test="embed-code" node_ref=code_ref prop:value=code></textarea>
                <p class="embed-copy-row">
                    <button type="button" data-test="embed-copy" on:click=copy>{tr.embed_copy}</button>
                    <span role="status" data-test="embed-copy-status">{move || copied.get()}</span>
                </p>
                <h3>{tr.embed_preview}</h3>
                <iframe class="embed-preview" data-test="embed-preview" src=move || url.get()
                    title=move || format!("{} · {}", tr.embed_preview, title.get())></iframe>
            </div>
        </dialog>
    }
}

/// The widget's appearance: its language, dark mode and accent colour.
fn options(
    tr: &'static i18n::Strings,
    ui: Lang,
    lang: RwSignal<Lang>,
    dark: RwSignal<bool>,
    use_accent: RwSignal<bool>,
    accent: RwSignal<String>,
) -> AnyView {
    view! {
        <fieldset class="embed-options">
            <legend>{tr.embed_appearance}</legend>
            <label class="embed-field">
                <span>{tr.embed_lang}</span>
                <select data-test="embed-lang-select"
                    on:change=move |ev| {
                        lang.set(if event_target_value(&ev) == "en" { Lang::En } else { Lang::Zh });
                    }>
                    {[Lang::Zh, Lang::En].into_iter().map(|l| view! {
                        <option value=l.code() lang=l.code() selected=l == ui>{i18n::lang_name(l)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="embed-check">
                <input type="checkbox" data-test="embed-dark"
                    on:change=move |ev| dark.set(event_target_checked(&ev))/>
                <span>{tr.embed_dark}</span>
            </label>
            <label class="embed-check">
                <input type="checkbox" data-test="embed-use-accent"
                    on:change=move |ev| use_accent.set(event_target_checked(&ev))/>
                <span>{tr.embed_use_accent}</span>
            </label>
            <label class="embed-field">
                <span>{tr.embed_accent}</span>
                <input type="color" data-test="embed-accent" value=LIGHT.accent
                    prop:disabled=move || !use_accent.get()
                    on:input=move |ev| accent.set(event_target_value(&ev))/>
            </label>
        </fieldset>
    }
    .into_any()
}
