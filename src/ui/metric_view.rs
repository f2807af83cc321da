//! `?view=metric&metric=KEY`: one quantity across years, drawn by the core
//! (`chart`, plotters' SVG backend) with its data table beside it as the
//! text alternative; without `metric`, the list of all metrics with a
//! sparkline each.

use leptos::prelude::*;

use super::app::use_ctx;
use super::compare_view::{ItemLink, ViewTabs, YearPicker, YearsLoading};
use super::embed::EmbedAction;
use super::exports::ExportBar;
use super::provenance::{SourceLine, StandingText, StandingWithReason};
use crate::chart::{self, ChartOptions};
use crate::compare::{self, Point, Series};
use crate::i18n::{self, t};
use crate::model::{Lang, YearData};
use crate::url_state::State;

/// An SVG string shown as an image. Going through `<img>` means nothing in
/// the SVG can run or touch the page, whatever text the data carried.
fn svg_data_url(svg: &str) -> String {
    let encoded = super::encode_uri_component(svg);
    format!("data:image/svg+xml;charset=utf-8,{encoded}")
}

#[component]
pub fn MetricView() -> impl IntoView {
    let ctx = use_ctx();
    let store = ctx.store;
    let years = Memo::new(move |_| {
        let listed = store.data.with(|d| d.listed_years());
        ctx.state.with(|s| s.compare_years(&listed))
    });
    // A series with a year still on its way would draw a gap and check
    // starting points against the wrong year: it waits for every year.
    let unsettled = Memo::new(move |_| store.data.with(|d| d.unsettled(&years.get())));
    let series_for = move |key: &str| -> Option<Series> {
        let ys = years.get();
        if !unsettled.with(Vec::is_empty) {
            return None;
        }
        store.data.with(|d| {
            let index = d.index.as_ref()?;
            let data: Vec<(u16, &YearData)> = ys
                .iter()
                .filter_map(|y| d.year(*y).map(|yd| (*y, yd)))
                .collect();
            Some(compare::metric_series(index, &data, key))
        })
    };
    let metric = move || ctx.state.with(|s| s.metric.clone());

    view! {
        <ViewTabs/>
        <YearsLoading years=unsettled test="metric-loading"/>
        {move || match metric() {
            None => view! { <MetricList series_for=series_for/> }.into_any(),
            Some(key) => {
                let series = Memo::new(move |_| series_for(&key));
                view! { <MetricChart series=series years=years/> }.into_any()
            }
        }}
    }
}

#[component]
fn MetricList(
    series_for: impl Fn(&str) -> Option<Series> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let metrics = move || {
        ctx.store.data.with(|d| {
            d.index
                .as_ref()
                .map(|i| i.metrics.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="metrics" data-test="metric-list" aria-labelledby="metrics-h">
            <h2 id="metrics-h">{move || t(lang.get()).metrics_title}</h2>
            <ul class="metric-list">
                <For each=metrics key=|m| m.key.clone() let:m>
                    {
                        let key = m.key.clone();
                        let target = move || State { metric: Some(key.clone()), ..ctx.state.get() };
                        let target2 = target.clone();
                        let target3 = target.clone();
                        let key2 = m.key.clone();
                        let spark = move || series_for(&key2).filter(|s| !s.points.is_empty()).map(|s| {
                            let latest = s.points.last().map(|p| p.qualified(lang.get())).unwrap_or_default();
                            view! {
                                <img class="spark" alt="" width="96" height="28" src=svg_data_url(&chart::sparkline_image(&s, 96, 28))/>
                                <span class="latest">{latest}</span>
                            }
                        });
                        view! {
                            <li>
                                <a href=move || ctx.href(&target()) target=move || ctx.link_target(&target3()) data-metric=m.key.clone()
                                   on:click=move |ev| { ev.prevent_default(); ctx.navigate(target2(), true); }>
                                    <span class="metric-name">{move || m.name.in_lang(lang.get()).to_string()}</span>
                                    {spark}
                                </a>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}

#[component]
fn MetricChart(series: Memo<Option<Series>>, years: Memo<Vec<u16>>) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    // Drawn at each of the sizes, the browser showing the one for its
    // window, so labels keep their size on a phone.
    let svgs = Memo::new(move |_| {
        series.get().map(|s| {
            chart::SIZES.map(|size| {
                chart::metric_chart_svg(
                    &s,
                    &ChartOptions {
                        width: size.width,
                        height: size.height,
                        lang: lang.get(),
                    },
                )
            })
        })
    });
    let url =
        move |i: usize| svgs.with(|v| v.as_ref().map(|v| svg_data_url(&v[i])).unwrap_or_default());
    let csv = Signal::derive(move || {
        series.with(|s| {
            s.as_ref()
                .map(|s| crate::export::series_csv(s, lang.get()))
                .unwrap_or_default()
        })
    });
    let json = Signal::derive(move || {
        series.with(|s| s.as_ref().map(crate::export::to_json).unwrap_or_default())
    });
    // The widest, for the download.
    let svg_text = Signal::derive(move || {
        svgs.with(|v| {
            v.as_ref()
                .map(|v| v[v.len() - 1].clone())
                .unwrap_or_default()
        })
    });
    let back = move || State {
        metric: None,
        ..ctx.state.get()
    };
    let back2 = back;

    view! {
        <nav class="crumbs">
            <a href=move || ctx.href(&back()) on:click=move |ev| { ev.prevent_default(); ctx.navigate(back2(), true); }>
                <span aria-hidden="true">"← "</span>{move || t(lang.get()).metrics_title}
            </a>
        </nav>
        {move || series.get().map(|s| {
            let l = lang.get();
            let title = i18n::chart_title(s.name.in_lang(l), l);
            let empty = s.points.is_empty();
            let baselines: Vec<_> = compare::implied_baselines(&s).iter().map(|b| compare::check_baseline(b, &s)).collect();
            let standings: Vec<StandingText> = s.points.iter().filter_map(standing_of).collect();
            view! {
                <section class="metric" data-test="metric" data-metric=s.metric.clone() aria-labelledby="metric-h">
                    <h2 id="metric-h">{s.name.in_lang(l).to_string()}</h2>
                    <YearPicker years=years/>
                    {if empty {
                        view! { <p class="empty">{t(l).no_metric_points}</p> }.into_any()
                    } else {
                        view! {
                            <figure class="chart" data-test="chart">
                                <ChartPicture url=url alt=title.clone()/>
                                <figcaption>{title.clone()}</figcaption>
                            </figure>
                        }.into_any()
                    }}
                    {(!baselines.is_empty()).then(|| view! {
                        <section class="block" data-test="baselines">
                            <h3>{t(l).baselines}</h3>
                            <ul>{baselines.iter().map(|c| view! { <li>{i18n::baseline_sentence(c, l)}</li> }).collect_view()}</ul>
                        </section>
                    })}
                    {(!standings.is_empty()).then(|| view! {
                        <section class="block" data-test="standings">
                            <h3>{t(l).against_targets}</h3>
                            <ul class="standings">
                                {standings.into_iter().map(|s| view! { <li><StandingWithReason standing=s/></li> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    <SeriesTable series=s.clone() lang=l/>
                </section>
            }
        })}
        <div class="actions">
            <ExportBar name="yrd-pledges-metric" csv=csv json=json svg=svg_text/>
            <Show when=move || !ctx.embed.get()>
                <EmbedAction target=Signal::derive(move || ctx.state.get())/>
            </Show>
        </div>
    }
}

/// A chart at each of its sizes (`chart::SIZES`), each `<source>` with the
/// size it is drawn at, so the page reserves the chosen one's shape.
#[component]
fn ChartPicture(
    url: impl Fn(usize) -> String + Copy + Send + Sync + 'static,
    alt: String,
) -> impl IntoView {
    let last = chart::SIZES.len() - 1;
    let widest = chart::SIZES[last];
    view! {
        <picture>
            {chart::SIZES[..last].iter().enumerate().map(|(i, size)| view! {
                <source media=size.media() srcset=move || url(i) width=size.width height=size.height/>
            }).collect_view()}
            <img src=move || url(last) alt=alt width=widest.width height=widest.height/>
        </picture>
    }
}

/// How a series' outcome stands against the target the data pairs it
/// with, in both languages, numbers as the series shows them.
fn standing_of(p: &Point) -> Option<StandingText> {
    let a = p.against.as_deref()?;
    let text = |l| {
        i18n::standing_text(
            a.target.label.in_lang(l),
            &a.target.qualified(l),
            &p.qualified(l),
            &p.unit,
            &a.standing,
            l,
        )
    };
    Some(StandingText {
        verdict: a.standing.verdict,
        zh: text(Lang::Zh),
        en: text(Lang::En),
        reason: a.reason.clone(),
    })
}

/// The chart's text alternative: every point, with its qualifier and its
/// source sentence one tap (or Enter) away.
#[component]
fn SeriesTable(series: Series, lang: Lang) -> impl IntoView {
    let l = lang;
    view! {
        <div class="table-wrap">
            <table class="series" data-test="series-table">
                <caption>{t(l).chart_table_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(l).year}</th>
                        <th scope="col">{t(l).kind_col}</th>
                        <th scope="col">{t(l).value_col}</th>
                        <th scope="col">{t(l).item_col}</th>
                    </tr>
                </thead>
                <tbody>
                    {series.points.iter().map(|p| view! {
                        <tr data-kind=format!("{:?}", p.kind).to_lowercase()>
                            <th scope="row">{p.year}</th>
                            <td>{i18n::kind_name(p.kind, l)}</td>
                            <td>
                                <details class="fig">
                                    <summary><span class="fig-value" data-test="point-value">{p.qualified(l)}</span></summary>
                                    <div class="quote-box">
                                        <p class="quote-head">{t(l).source_sentence}</p>
                                        <blockquote lang="zh-CN" data-test="quote">{p.quote.clone()}</blockquote>
                                        <p class="src"><SourceLine source=p.source.clone() quote=p.quote.clone()/></p>
                                    </div>
                                </details>
                                {standing_of(p).map(|s| view! {
                                    <p class=format!("standing standing-{}", s.verdict.key()) data-test="point-standing">
                                        <strong class="verdict">{s.get(l).0}</strong>
                                    </p>
                                })}
                            </td>
                            <td>{p.item.clone().map(|id| view! { <ItemLink id=id title=String::new()/> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
