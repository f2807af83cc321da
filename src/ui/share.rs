//! Sharing off screen: a QR code and short link for any view, and a share
//! card (`./YYYY/NN/card/`) sized for a phone screenshot.

use leptos::prelude::*;

use super::app::use_ctx;
use super::location::absolute_url;
use super::parts::{Deferred, Part};
use super::provenance::{figure_value, SourceLine};
use crate::i18n::{self, t};
use crate::url_state::{State, View};

/// The shortest link to what `s` shows: the view's own page and filters in
/// its language, no embed styling.
pub fn short_state(s: &State) -> State {
    State {
        view: if s.view == View::Card {
            View::List
        } else {
            s.view
        },
        ..s.full_view()
    }
}

fn qr_data_url(url: &str, label: &str) -> Option<String> {
    let svg = crate::qr::qr_svg(url, label)?;
    let encoded = super::encode_uri_component(&svg);
    Some(format!("data:image/svg+xml;charset=utf-8,{encoded}"))
}

/// A QR code and the short link of the view on screen, folded away until
/// asked for. What it folds is a part (`QrBody`), built on first opening.
#[component]
pub fn QrBlock() -> impl IntoView {
    let lang = use_ctx().lang;
    let open = RwSignal::new(false);
    let opened = RwSignal::new(false);
    provide_context(QrOpen(open.read_only()));
    view! {
        <details class="qr" data-test="qr"
            on:toggle=move |ev| {
                let now = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                open.set(now);
                if now {
                    opened.set(true);
                }
            }>
            <summary>{move || t(lang.get()).qr_code}</summary>
            <div class="qr-body">
                {move || opened.get().then(|| view! { <Deferred part=Part::Qr/> })}
            </div>
        </details>
    }
}

/// Whether the QR block around a `QrBody` is open.
#[derive(Clone, Copy)]
struct QrOpen(ReadSignal<bool>);

#[component]
pub fn QrBody() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let QrOpen(open) = expect_context::<QrOpen>();
    let url = Memo::new(move |_| absolute_url(&short_state(&ctx.state.get()).to_url()));
    let card = move || {
        ctx.state.with(|s| s.item.clone()).map(|id| State {
            view: View::Card,
            item: Some(id),
            lang: ctx.state.with(|s| s.lang),
            ..State::default()
        })
    };
    view! {
        // Drawn only while open: the block sits under every list, and a
        // keystroke in search would otherwise redraw a code nobody is
        // looking at.
        {move || open.get().then(|| qr_data_url(&url.get(), t(lang.get()).qr_code)).flatten().map(|src| view! {
            <img class="qr-img" data-test="qr-img" src=src width="176" height="176"
                 alt=move || format!("{}: {}", t(lang.get()).qr_code, url.get())/>
        })}
        <p class="short-link">{move || t(lang.get()).short_link}": "
            <a href=move || url.get() data-test="short-link">{move || url.get()}</a></p>
        {move || card().map(|c| {
            let c2 = c.clone();
            view! {
                <a class="card-link" href=ctx.href(&c) data-test="share-card-link"
                   on:click=move |ev| { ev.prevent_default(); ctx.navigate(c2.clone(), true); }>
                    {move || t(lang.get()).share_card}
                </a>
            }
        })}
    }
}

/// One item as a card for a phone screenshot: title, key target, source
/// line, QR code and data date.
#[component]
pub fn ShareCard() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let store = ctx.store;
    let found = Memo::new(move |_| {
        let id = ctx.state.with(|s| s.item.clone()).unwrap_or_default();
        store
            .data
            .with(|d| d.find_item(&id).map(|(y, i)| (y, i.clone())))
    });
    let back = move || State {
        view: View::List,
        ..ctx.state.get()
    };
    move || {
        let l = lang.get();
        match found.get() {
            None => view! {
                <super::detail::ItemAbsent id=Signal::derive(move || ctx.state.with(|s| s.item.clone()).unwrap_or_default())/>
            }
            .into_any(),
            Some((year, item)) => {
                let key = item.targets.first().or(item.outcomes.first()).cloned();
                let url = absolute_url(
                    &State {
                        item: Some(item.id.clone()),
                        lang: Some(l),
                        ..State::default()
                    }
                    .to_url(),
                );
                let source = key
                    .as_ref()
                    .map(|f| f.source.clone())
                    .or(item.sources.first().cloned());
                let as_of = store
                    .data
                    .with(|d| d.index.as_ref().map(|i| i.updated.clone()))
                    .unwrap_or_default();
                let back_state = back();
                view! {
                    <article class="share-card" data-test="share-card">
                        <p class="card-meta">{format!("{} · {year} · {}", t(l).app_title, i18n::item_number(item.number, l))}</p>
                        <h2>{item.title.in_lang(l).to_string()}</h2>
                        {key.map(|f| view! {
                            <p class="key-target"><span class="fig-value">{figure_value(&f, l)}</span>" "{f.label.in_lang(l).to_string()}</p>
                            <blockquote lang="zh-CN">{f.quote.clone()}</blockquote>
                        })}
                        <p class="src">{source.map(|s| view! { <SourceLine source=s/> })}</p>
                        {qr_data_url(&url, &item.title.zh).map(|src| view! {
                            <img class="qr-img" data-test="qr-img" src=src width="160" height="160" alt=format!("{}: {url}", t(l).qr_code)/>
                        })}
                        <p class="src">{format!("{} {}", t(l).data_as_of, i18n::format_date(&as_of, l))}</p>
                    </article>
                    <p><a href=ctx.href(&back_state) on:click=move |ev| { ev.prevent_default(); ctx.navigate(back_state.clone(), true); }>
                        "← "{t(l).back_to_list}</a></p>
                }.into_any()
            }
        }
    }
}
