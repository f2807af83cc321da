//! What a year has besides its items: the forum where the list was
//! announced, the overall outcome, progress reports, the 数说 statistics,
//! the best-practice cases and the cooperation agreements.

use leptos::prelude::*;

use super::app::use_ctx;
use super::parts::{Deferred, Part};
use super::provenance::{FigureView, SourceLine};
use crate::i18n::{self, t};
use crate::model::YearData;

#[component]
pub fn YearPanel(year: u16) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let data = ctx.store.data.with_untracked(|d| d.year(year).cloned());
    data.map(|y| {
        let y = StoredValue::new(y);
        // For `YearExtras`, which a part of its own builds.
        provide_context(PanelYear(y));
        let opened = RwSignal::new(false);
        let known = y.with_value(|y| y.items.len());
        let published = y.with_value(|y| y.items_published);
        // Built once per language, from the data the panel was built
        // with: another year arriving does not change this year's summary.
        let summary = move || {
            ctx.store.data.with_untracked(|d| {
                let index = d.index.as_ref()?;
                let this = d.year(year)?;
                Some(crate::summary::summary_listed(index, this, lang.get()))
            })
        };
        view! {
            <div class="year-panel" data-test="year-panel">
                <p class="summary" data-test="summary">{summary}</p>
                <p class="year-list-title">
                    {move || y.with_value(|y| y.list_title.in_lang(lang.get()).to_string())}
                    {move || y.with_value(|y| y.forum.clone()).map(|f| {
                        let l = lang.get();
                        format!(" · {}", i18n::forum_line(f.edition, f.name.in_lang(l), f.city.in_lang(l), f.date.as_deref(), l))
                    })}
                </p>
                {(known < published as usize).then(|| view! {
                    <p class="incomplete" data-test="incomplete">
                        <strong>{move || t(lang.get()).list_incomplete}</strong>" "
                        {move || i18n::items_known(known, published, lang.get())}" "
                        {move || y.with_value(|y| y.completeness_note.as_ref().map(|n| n.in_lang(lang.get()).to_string()))}
                    </p>
                })}
                {move || y.with_value(|y| y.outcome.clone()).map(|o| view! {
                    <div class="outcome" data-test="year-outcome">
                        <p><strong>{move || o.text.in_lang(lang.get()).to_string()}</strong></p>
                        <blockquote lang="zh-CN">{o.quote.clone()}</blockquote>
                        <p class="src"><SourceLine source=o.source.clone() quote=o.quote.clone()/></p>
                    </div>
                })}
                <details class="year-more" data-test="year-more"
                    on:toggle=move |ev| {
                        if event_target::<web_sys::HtmlDetailsElement>(&ev).open() {
                            opened.set(true);
                        }
                    }>
                    <summary>{move || t(lang.get()).about_year}</summary>
                    // Built when first opened, from its own module: it is
                    // closed on every list, and large.
                    {move || opened.get().then(|| view! { <Deferred part=Part::YearExtras/> })}
                </details>
            </div>
        }
    })
}

/// The year a panel shows, for what it builds in a part (`YearExtras`).
#[derive(Clone, Copy)]
struct PanelYear(StoredValue<YearData>);

#[component]
pub fn YearExtras() -> impl IntoView {
    let lang = use_ctx().lang;
    let PanelYear(y) = expect_context::<PanelYear>();
    view! {
        {move || y.with_value(|y| y.forum.clone()).map(|f| view! {
            <section class="block">
                <h3>{move || t(lang.get()).forum}</h3>
                <p>{move || { let l = lang.get(); i18n::forum_line(f.edition, f.name.in_lang(l), f.city.in_lang(l), f.date.as_deref(), l) }}</p>
                <blockquote lang="zh-CN">{f.quote.clone()}</blockquote>
                <p class="src"><SourceLine source=f.source.clone() quote=f.quote.clone()/></p>
            </section>
        })}
        {move || {
            let p = y.with_value(|y| y.progress.clone());
            (!p.is_empty()).then(|| view! {
                <section class="block" data-test="year-progress">
                    <h3>{move || t(lang.get()).progress}</h3>
                    {p.into_iter().map(|p| view! {
                        <blockquote lang="zh-CN">{p.quote.clone()}</blockquote>
                        <p class="src">{p.date.clone().map(|d| move || format!("{} · ", i18n::format_date(&d, lang.get())))}<SourceLine source=p.source.clone() quote=p.quote.clone()/></p>
                    }).collect_view()}
                </section>
            })
        }}
        {move || {
            let figs = y.with_value(|y| y.figures.clone());
            (!figs.is_empty()).then(|| view! {
                <section class="block">
                    <h3>{move || t(lang.get()).year_figures}</h3>
                    <div class="figs">{figs.into_iter().map(|f| view! { <FigureView figure=f/> }).collect_view()}</div>
                </section>
            })
        }}
        {move || {
            let stats = y.with_value(|y| y.stats.clone());
            (!stats.is_empty()).then(|| view! {
                <section class="block" data-test="stats">
                    <h3>{move || format!("{} {}", t(lang.get()).stats, y.with_value(|y| y.year))}</h3>
                    <div class="stat-areas">
                        {stats.into_iter().map(|area| {
                            let area = StoredValue::new(area);
                            view! {
                                <section class="stat-area" data-area=area.with_value(|a| a.key.clone())>
                                    <h4>
                                        {move || area.with_value(|a| a.name.in_lang(lang.get()).to_string())}
                                        <span class="sub">{move || area.with_value(|a| a.headline.in_lang(lang.get()).to_string())}</span>
                                    </h4>
                                    <ul class="tiles">
                                        {area.with_value(|a| a.facts.clone()).into_iter().map(|fact| {
                                            let fact = StoredValue::new(fact);
                                            view! {
                                                <li class="tile">
                                                    <p>{move || fact.with_value(|f| f.text.in_lang(lang.get()).to_string())}</p>
                                                    <details class="fig">
                                                        <summary>{move || t(lang.get()).show_source}</summary>
                                                        <div class="quote-box">
                                                            <blockquote lang="zh-CN">{fact.with_value(|f| f.quote.clone())}</blockquote>
                                                            <p class="src"><SourceLine source=fact.with_value(|f| f.source.clone()) quote=fact.with_value(|f| f.quote.clone())/></p>
                                                        </div>
                                                    </details>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </section>
                            }
                        }).collect_view()}
                    </div>
                </section>
            })
        }}
        {move || y.with_value(|y| y.best_practices.clone()).map(|b| view! {
            <NamedListView title=move || t(lang.get()).best_practices list=b/>
        })}
        {move || y.with_value(|y| y.cooperation.clone()).map(|b| view! {
            <NamedListView title=move || t(lang.get()).cooperation list=b/>
        })}
    }
}

#[component]
fn NamedListView(
    title: impl Fn() -> &'static str + Send + Sync + 'static,
    list: crate::model::NamedList,
) -> impl IntoView {
    let lang = use_ctx().lang;
    let total = list.total;
    let named = list.named.len();
    view! {
        <section class="block">
            <h3>{title}" ("{total}")"</h3>
            {(named < total as usize).then(|| view! {
                <p class="incomplete">{move || i18n::named_of_total(total, named, lang.get())}</p>
            })}
            <ul>
                {list.named.into_iter().map(|q| view! { <li>{move || q.text.in_lang(lang.get()).to_string()}</li> }).collect_view()}
            </ul>
            <details class="fig">
                <summary>{move || t(lang.get()).show_source}</summary>
                <div class="quote-box">
                    <blockquote lang="zh-CN">{list.quote.clone()}</blockquote>
                    <p class="src"><SourceLine source=list.source.clone() quote=list.quote.clone()/></p>
                </div>
            </details>
        </section>
    }
}
