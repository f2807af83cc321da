//! One pledge in full (`./YYYY/NN/`): content, every figure with its
//! source sentence, progress wording, sources, and the curated links to
//! the items it continues or that continue it, each with the reason of
//! its link.

use leptos::prelude::*;

use super::app::use_ctx;
use super::cards::{StatusBadge, ThemeTags};
use super::embed::EmbedAction;
use super::provenance::{
    FigureView, Highlighted, Reason, SourceLine, StandingText, StandingWithReason,
};
use crate::i18n::{self, t};
use crate::model::{parse_item_id, Item};
use crate::url_state::State;

#[component]
pub fn Detail() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let store = ctx.store;
    let id = move || ctx.state.with(|s| s.item.clone()).unwrap_or_default();
    let found = Memo::new(move |_| {
        let id = id();
        store
            .data
            .with(|d| d.find_item(&id).map(|(y, i)| (y, i.clone())))
    });
    let back = move || State {
        item: None,
        ..ctx.state.get()
    };
    let back2 = back;
    // A pledge's widget is its card: compact, the full pledge a tap away.
    if ctx.embed.get_untracked() {
        let card = move || match found.get() {
            Some((year, item)) => {
                view! { <super::cards::ItemCard year=year item=item/> }.into_any()
            }
            None => view! { <ItemAbsent id=Signal::derive(id)/> }.into_any(),
        };
        return card.into_any();
    }

    view! {
        <nav class="crumbs">
            <a href=move || ctx.href(&back()) data-test="back"
               on:click=move |ev| { ev.prevent_default(); ctx.navigate(back2(), true); }>
                <span aria-hidden="true">"← "</span>{move || t(lang.get()).back_to_list}
            </a>
        </nav>
        {move || {
            match found.get() {
                Some((year, item)) => view! { <ItemDetail year=year item=item/> }.into_any(),
                None => view! { <ItemAbsent id=Signal::derive(id)/> }.into_any(),
            }
        }}
    }
    .into_any()
}

/// What stands where item `id` cannot be shown (yet): its year's failure
/// with a retry, "loading" while the year is on its way, else "not found".
#[component]
pub fn ItemAbsent(id: Signal<String>) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let store = ctx.store;
    move || {
        let l = lang.get();
        let y = parse_item_id(&id.get()).map(|(y, _)| y);
        let err = y.and_then(|y| store.data.with(|d| d.error_for(y).cloned()));
        let loading = y.is_some_and(|y| {
            !store.data.with(|d| d.is_loaded(y)) || store.pending.with(|p| p.contains(&y))
        });
        if let (Some(e), Some(y)) = (err, y) {
            view! {
                <div class="error" role="alert" data-test="error">
                    <p>{e.message(l)}</p>
                    <super::failure::RetryOrReload error=e retry=move || store.retry_year(y)/>
                </div>
            }
            .into_any()
        } else if loading {
            view! { <p class="loading" role="status">{t(l).loading_year}</p> }.into_any()
        } else {
            view! { <p class="empty" role="alert" data-test="not-found">{t(l).item_not_found}" ("{id.get()}")"</p> }
                .into_any()
        }
    }
}

#[component]
fn ItemLink(id: String) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let target = State {
        item: Some(id.clone()),
        ..ctx.state.get_untracked()
    };
    let href = ctx.href(&target);
    let id2 = id.clone();
    let title = move || {
        ctx.store.data.with(|d| {
            d.find_item(&id2)
                .map(|(_, i)| i.title.in_lang(lang.get()).to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <a href=href on:click=move |ev| { ev.prevent_default(); ctx.navigate(target.clone(), true); }>
            <span class="num">{id}</span>" "{title}
        </a>
    }
}

#[component]
fn ItemDetail(year: u16, item: Item) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let item = StoredValue::new(item);
    let iv = move |f: fn(&Item) -> String| item.with_value(f);
    // The later items linking here, each with its link's reason.
    let continued_by = move || {
        let id = iv(|i| i.id.clone());
        ctx.store.data.with(|d| {
            d.years
                .iter()
                .flat_map(|y| &y.items)
                .flat_map(|i| {
                    i.continues
                        .iter()
                        .filter(|l| l.item == id)
                        .map(|l| (i.id.clone(), l.reason.clone()))
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <article class="detail" data-test="detail" data-id=iv(|i| i.id.clone())>
            <p class="card-meta">
                <span class="num">{move || format!("{year} · {}", i18n::item_number(item.with_value(|i| i.number), lang.get()))}</span>
                <StatusBadge status=item.with_value(|i| i.status)/>
            </p>
            <h2 tabindex="-1" data-test="detail-title"
                lang=move || item.with_value(|i| i.title.get(lang.get()).1.then_some("zh-CN"))><Highlighted text=Signal::derive(move || item.with_value(|i| i.title.in_lang(lang.get()).to_string()))/></h2>
            {move || item.with_value(|i| {
                let l = lang.get();
                let (_, fell_back) = i.title.get(l);
                fell_back.then(|| view! { <p class="fallback">{t(l).english_missing}</p> })
            })}
            <ThemeTags themes=item.with_value(|i| i.themes.clone())/>
            <Show when=move || !ctx.embed.get()>
                <div class="actions">
                    <EmbedAction target=Signal::derive(move || ctx.state.get())/>
                    <super::exports::ShareButton/>
                    <super::share::QrBlock/>
                </div>
            </Show>
            <dl class="facts">
                <dt>{move || t(lang.get()).leads_label}</dt>
                <dd>{move || item.with_value(|i| match &i.lead_text {
                    Some(x) => x.in_lang(lang.get()).to_string(),
                    None => t(lang.get()).not_in_sources.to_string(),
                })}</dd>
                <dt>{move || t(lang.get()).content}</dt>
                <dd class="content"><Highlighted text=Signal::derive(move || item.with_value(|i| match &i.content {
                    Some(x) => x.in_lang(lang.get()).to_string(),
                    None => t(lang.get()).not_in_sources.to_string(),
                }))/></dd>
            </dl>
            {move || item.with_value(|i| i.status_quote.clone()).map(|q| view! {
                <section class="block">
                    <h3>{move || t(lang.get()).year_outcome}</h3>
                    <p>{move || q.text.in_lang(lang.get()).to_string()}</p>
                    <blockquote lang="zh-CN">{q.quote.clone()}</blockquote>
                    <p class="src"><SourceLine source=q.source.clone() quote=q.quote.clone()/></p>
                </section>
            })}
            {move || {
                let progress = item.with_value(|i| i.progress.clone());
                (!progress.is_empty()).then(|| view! {
                    <section class="block" data-test="progress">
                        <h3>{move || t(lang.get()).progress}</h3>
                        {progress.into_iter().map(|p| view! {
                            <div class="progress">
                                <p><strong lang="zh-CN">"“"{p.wording.zh.clone()}"”"</strong>
                                   {p.wording.en.clone().map(|e| format!(" ({e})"))}
                                   {p.date.clone().map(|d| move || format!(" · {}", i18n::format_date(&d, lang.get())))}</p>
                                <blockquote lang="zh-CN">{p.quote.clone()}</blockquote>
                                <p class="src"><SourceLine source=p.source.clone() quote=p.quote.clone()/></p>
                            </div>
                        }).collect_view()}
                    </section>
                })
            }}
            <FigureBlock title=move || t(lang.get()).targets figures=item.with_value(|i| i.targets.clone())/>
            <FigureBlock title=move || t(lang.get()).outcomes figures=item.with_value(|i| i.outcomes.clone())/>
            {
                let standings = item.with_value(StandingText::of_item);
                (!standings.is_empty()).then(|| view! {
                    <section class="block" data-test="against-targets">
                        <h3>{move || t(lang.get()).against_targets}</h3>
                        <ul class="standings">
                            {standings.into_iter().map(|s| view! { <li><StandingWithReason standing=s/></li> }).collect_view()}
                        </ul>
                    </section>
                })
            }
            {move || {
                // Links to other years come from those years' files: until
                // they are in, the page says so rather than list none.
                let waiting = ctx.store.data.with(|d| !d.unsettled(&d.listed_years()).is_empty());
                waiting.then(|| view! {
                    <p class="loading" role="status" data-test="links-loading">{move || t(lang.get()).loading_links}</p>
                })
            }}
            {move || {
                let cont = item.with_value(|i| i.continues.clone());
                let by = continued_by();
                (!cont.is_empty() || !by.is_empty()).then(|| view! {
                    <section class="block links" data-test="links">
                        {(!cont.is_empty()).then(|| view! {
                            <h3>{move || t(lang.get()).continues}</h3>
                            <ul>{cont.into_iter().map(|l| view! { <li><ItemLink id=l.item/><Reason reason=l.reason why=|s| s.link_reason test="link-reason"/></li> }).collect_view()}</ul>
                        })}
                        {(!by.is_empty()).then(|| view! {
                            <h3>{move || t(lang.get()).continued_by}</h3>
                            <ul>{by.into_iter().map(|(id, reason)| view! { <li><ItemLink id=id/><Reason reason=reason why=|s| s.link_reason test="link-reason"/></li> }).collect_view()}</ul>
                        })}
                    </section>
                })
            }}
            {move || item.with_value(|i| i.note.clone()).map(|n| view! {
                <section class="block"><h3>{move || t(lang.get()).note}</h3><p>{move || n.in_lang(lang.get()).to_string()}</p></section>
            })}
            <section class="block">
                <h3>{move || t(lang.get()).sources}</h3>
                <ul class="sources">
                    {item.with_value(|i| i.sources.clone()).into_iter().map(|s| view! { <li><SourceLine source=s/></li> }).collect_view()}
                </ul>
            </section>
        </article>
    }
}

#[component]
fn FigureBlock(
    title: impl Fn() -> &'static str + Send + Sync + 'static,
    figures: Vec<crate::model::Figure>,
) -> impl IntoView {
    (!figures.is_empty()).then(|| {
        view! {
            <section class="block">
                <h3>{title}</h3>
                <div class="figs open">
                    {figures.into_iter().map(|f| view! { <FigureView figure=f open=true/> }).collect_view()}
                </div>
            </section>
        }
    })
}
