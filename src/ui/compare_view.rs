//! `?view=compare&year=…`: the theme × year matrix (a real table; stacked
//! on a phone) and, per pair of years, what continues, what is new and
//! what was not continued — all from the core's `compare` module.

use leptos::prelude::*;

use super::app::use_ctx;
use super::embed::EmbedAction;
use super::exports::ExportBar;
use crate::compare::{self, ChangeKind};
use crate::i18n::t;
use crate::model::{Lang, YearData};
use crate::url_state::{State, View};

#[component]
pub fn ViewTabs() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let tab = move |view: View, label: fn(Lang) -> &'static str| {
        let target = move || State {
            view,
            item: None,
            metric: None,
            ..ctx.state.get()
        };
        let target2 = target;
        view! {
            <a href=move || ctx.href(&target()) class="tab"
               aria-current=move || (ctx.state.with(|s| s.view) == view).then_some("page")
               on:click=move |ev| { ev.prevent_default(); ctx.navigate(target2(), true); }>
                {move || label(lang.get())}
            </a>
        }
    };
    view! {
        <Show when=move || !ctx.embed.get()>
            <nav class="tabs" aria-label=move || t(lang.get()).views>
                {tab(View::List, |l| t(l).view_list)}
                {tab(View::Compare, |l| t(l).view_compare)}
                {tab(View::Metric, |l| t(l).view_metric)}
            </nav>
        </Show>
    }
}

#[component]
pub fn CompareView() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let store = ctx.store;
    let years = Memo::new(move |_| {
        let listed = store.data.with(|d| d.listed_years());
        ctx.state.with(|s| s.compare_years(&listed))
    });
    // Years still loading or failed are named; the comparison uses the rest.
    let loaded = move || -> Vec<YearData> {
        store.data.with(|d| {
            years
                .get()
                .iter()
                .filter_map(|y| d.year(*y).cloned())
                .collect()
        })
    };
    let failed = move || {
        store.data.with(|d| {
            years
                .get()
                .into_iter()
                .filter_map(|y| d.error_for(y).map(|e| (y, e.clone())))
                .collect::<Vec<_>>()
        })
    };
    // A comparison with a year still on its way would call its items new
    // or dropped: nothing is compared until every year has an outcome.
    let unsettled = Memo::new(move |_| store.data.with(|d| d.unsettled(&years.get())));
    let result = Memo::new(move |_| {
        if !unsettled.with(Vec::is_empty) {
            return None;
        }
        let data = loaded();
        store.data.with(|d| {
            let index = d.index.as_ref()?;
            let pairs: Vec<(u16, &YearData)> = data.iter().map(|y| (y.year, y)).collect();
            Some((
                compare::theme_matrix(index, &pairs),
                compare::classify(index, &pairs),
            ))
        })
    });
    let csv = Signal::derive(move || {
        result.with(|r| {
            r.as_ref()
                .map(|(m, _)| crate::export::matrix_csv(m, lang.get()))
                .unwrap_or_default()
        })
    });
    let json = Signal::derive(move || {
        result.with(|r| {
            r.as_ref()
                .map(|(m, tr)| crate::export::to_json(&(m, tr)))
                .unwrap_or_default()
        })
    });

    view! {
        <ViewTabs/>
        <section class="compare" data-test="compare" aria-labelledby="compare-h">
            <h2 id="compare-h">{move || {
                let ys: Vec<String> = years.get().iter().map(u16::to_string).collect();
                format!("{} {}", t(lang.get()).view_compare, ys.join(" · "))
            }}</h2>
            <YearPicker years=years/>
            <YearsLoading years=unsettled test="compare-loading"/>
            {move || {
                let f = failed();
                (!f.is_empty()).then(|| {
                    let l = lang.get();
                    view! {
                        <p class="error" role="status">
                            {f.iter().map(|(y, e)| format!("{y}: {}", e.message(l))).collect::<Vec<_>>().join(" ")}
                        </p>
                    }
                })
            }}
            {move || result.get().map(|(matrix, transitions)| {
                let l = lang.get();
                let incomplete = !matrix.is_complete();
                view! {
                    <div class="changes" data-test="changes">
                        {transitions.into_iter().map(|tr| view! {
                            <section class="transition">
                                <h3>{format!("{} → {}", tr.from.year, tr.to.year)}</h3>
                                <p data-test="compare-summary">{compare::summary(&tr, l)}</p>
                                <ul class="change-list">
                                    {tr.changes.iter().map(|c| {
                                        let (cls, word) = match &c.kind {
                                            ChangeKind::Continues { .. } => ("continues", t(l).change_continues),
                                            ChangeKind::New => ("new", t(l).change_new),
                                            ChangeKind::Dropped => ("dropped", t(l).change_dropped),
                                        };
                                        view! {
                                            <li class=format!("change change-{cls}")>
                                                <span class="change-kind">{word}</span>" "
                                                <ItemLink id=c.id.clone() title=c.title.in_lang(l).to_string()/>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                        }).collect_view()}
                    </div>
                    <div class="table-wrap">
                        <table class="matrix" data-test="matrix">
                            <caption>
                                {t(l).matrix_caption}
                                {incomplete.then(|| format!(" {}", t(l).list_incomplete))}
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t(l).theme}</th>
                                    {matrix.years.iter().map(|c| view! {
                                        <th scope="col">{c.year}
                                            {(!c.is_complete()).then(|| view! {
                                                <span class="partial">{format!(" ({}/{})", c.items_in_data, c.items_published)}</span>
                                            })}
                                        </th>
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {matrix.rows.iter().map(|row| {
                                    let years = matrix.years.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{row.name.in_lang(l).to_string()}</th>
                                            {row.cells.iter().zip(years).map(|(cell, col)| view! {
                                                <td data-year=col.year data-label=col.year.to_string()>
                                                    {if cell.is_empty() {
                                                        view! { <span class="none"><span aria-hidden="true">"—"</span><span class="vh">{t(l).none_this_year}</span></span> }.into_any()
                                                    } else {
                                                        view! {
                                                            <ul>
                                                                {cell.iter().map(|ci| view! {
                                                                    <li><ItemLink id=ci.id.clone() title=ci.title.in_lang(l).to_string()/></li>
                                                                }).collect_view()}
                                                            </ul>
                                                        }.into_any()
                                                    }}
                                                </td>
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
            <div class="actions">
                <ExportBar name="yrd-pledges-compare" csv=csv json=json/>
                <Show when=move || !ctx.embed.get()>
                    <EmbedAction target=Signal::derive(move || ctx.state.get())/>
                </Show>
            </div>
        </section>
    }
}

/// Names the years a cross-year view is still waiting for: until they are
/// in, the view computes nothing rather than call their items new or gone.
#[component]
pub fn YearsLoading(years: Memo<Vec<u16>>, test: &'static str) -> impl IntoView {
    let lang = use_ctx().lang;
    move || {
        let waiting = years.get();
        (!waiting.is_empty()).then(|| {
            let l = lang.get();
            let ys: Vec<String> = waiting.iter().map(u16::to_string).collect();
            view! {
                <p class="loading" role="status" data-test=test>
                    {format!("{}: {}", ys.join(t(l).list_separator), t(l).loading_year)}
                </p>
            }
        })
    }
}

/// Year checkboxes for views that compare years.
#[component]
pub fn YearPicker(years: Memo<Vec<u16>>) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let listed = move || ctx.store.data.with(|d| d.listed_years());
    view! {
        <fieldset class="chips year-picker">
            <legend>{move || t(lang.get()).year}</legend>
            <For each=listed key=|y| *y let:year>
                <label class="chip">
                    <input type="checkbox" name="year" value=year.to_string()
                        // The attribute for a page rendered at build time.
                        checked=move || years.with(|ys| ys.contains(&year))
                        prop:checked=move || years.with(|ys| ys.contains(&year))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let mut ys = years.get_untracked();
                            ys.retain(|y| *y != year);
                            if on { ys.push(year); }
                            ys.sort_unstable();
                            ctx.update(true, |s| s.years = ys);
                        }/>
                    <span>{year}</span>
                </label>
            </For>
        </fieldset>
    }
}

#[component]
pub fn ItemLink(id: String, title: String) -> impl IntoView {
    let ctx = use_ctx();
    let target = State {
        item: Some(id.clone()),
        view: View::List,
        ..ctx.state.get_untracked()
    };
    let href = ctx.href(&target);
    let opens = ctx.link_target(&target);
    view! {
        <a href=href target=opens on:click=move |ev| { ev.prevent_default(); ctx.navigate(target.clone(), true); }>
            <span class="num">{id}</span>" "{title}
        </a>
    }
}
