//! The list view: the result count, then one section per year (newest
//! first) with the year's panel and its cards.

use leptos::prelude::*;

use super::app::{use_ctx, Ctx};
use super::data::Store;
use super::embed::EmbedAction;
use super::exports::ExportBar;
use super::provenance::{figure, standing_line, Highlighted, StandingText};
use super::year_panel::YearPanel;
use crate::i18n::{self, t};
use crate::model::{Item, ItemRef, Lang, Status};
use crate::query::Hit;
use crate::url_state::State;

#[component]
pub fn CardList() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let state = ctx.state;
    let store = ctx.store;
    let filter = Memo::new(move |_| state.with(|s| s.filter()));
    let extent = ctx.extent;
    let limit = Memo::new(move |_| filter.with(|f| extent.with(|e| e.built(f))));
    // A printed list has every card of the pages asked for. (In an effect:
    // the build's rendering has no window.)
    Effect::new(move || {
        let on_print =
            leptos::leptos_dom::helpers::window_event_listener_untyped("beforeprint", move |_| {
                filter.with_untracked(|f| extent.update(|e| *e = e.filled(f)))
            });
        on_cleanup(move || on_print.remove());
    });
    // Typing on narrows the previous hits; Backspace finds them kept.
    let recent = StoredValue::new(crate::query::Recent::default());
    let hits = Memo::new(move |_| {
        let f = filter.get();
        let idx = ctx.search.get();
        store.data.with(|d| {
            recent
                .try_update_value(|r| r.run(&idx.0, idx.1, &d.years, &f))
                .unwrap_or_default()
        })
    });
    // Exports hold exactly the rows on screen (all of them, not one page).
    // Their writers are a part: the export buttons fetch it before reading
    // these (`ExportBar`'s `part`), so until then there is nothing to write.
    let csv = Signal::derive(move || {
        let Some(write) = super::parts::list_export_now() else {
            return String::new();
        };
        hits.with(|hs| {
            store.data.with(|d| {
                let Some(index) = d.index.as_ref() else {
                    return String::new();
                };
                let refs: Vec<ItemRef> = hs
                    .iter()
                    .map(|h| ItemRef {
                        year: d.years[h.year_pos].year,
                        item: &d.years[h.year_pos].items[h.item_pos],
                    })
                    .collect();
                (write.csv)(&refs, index, lang.get())
            })
        })
    });
    let json = Signal::derive(move || {
        let Some(write) = super::parts::list_export_now() else {
            return String::new();
        };
        hits.with(|hs| {
            store.data.with(|d| {
                let items: Vec<&Item> = hs
                    .iter()
                    .map(|h| &d.years[h.year_pos].items[h.item_pos])
                    .collect();
                (write.json)(&items)
            })
        })
    });
    let shown_years = move || {
        let selected = state.with(|s| s.years.clone());
        let listed = store.data.with(|d| d.listed_years());
        if selected.is_empty() {
            listed
        } else {
            listed
                .into_iter()
                .filter(|y| selected.contains(y))
                .collect()
        }
    };
    let total = move || {
        let ys = state.with(|s| s.years.clone());
        ctx.search.with(|i| i.0.total_in_years(&ys))
    };
    // Years of this list with no outcome yet: until they have one, the
    // page neither counts them nor says that nothing matches.
    let unsettled = Memo::new(move |_| {
        let ys = shown_years();
        store.data.with(|d| d.unsettled(&ys))
    });
    let count = move || {
        let l = lang.get();
        let shown = hits.with(Vec::len);
        if unsettled.with(Vec::is_empty) {
            i18n::count_line(shown, total(), l)
        } else {
            i18n::count_line_partial(shown, l)
        }
    };

    // Memos, as `Show` kept them: a keystroke changes the hits, and must
    // not rebuild what stays shown.
    let empty = Memo::new(move |_| hits.with(Vec::is_empty) && unsettled.with(Vec::is_empty));
    let page_end = Memo::new(move |_| filter.with(|f| extent.with(|e| e.page_end(f))));
    let more_left = Memo::new(move |_| hits.with(Vec::len) > page_end.get());
    let growing = Memo::new(move |_| {
        let len = hits.with(Vec::len);
        filter.with(|f| extent.with(|e| e.growing(f, len)))
    });

    view! {
        <div class="list-head">
            <p class="count" role="status" aria-live="polite" data-test="count">
                {count}
            </p>
            {move || (!ctx.embed.get()).then(|| view! {
                <div class="actions">
                    <ExportBar name="yrd-pledges" csv=csv json=json part=true/>
                    <EmbedAction target=Signal::derive(move || state.get())/>
                </div>
            })}
        </div>
        {move || empty.get().then(|| view! {
            <div class="empty" data-test="empty">
                <p><strong>{move || t(lang.get()).no_results}</strong></p>
                <p>{move || t(lang.get()).no_results_hint}</p>
                <button type="button" class="reset" on:click=move |_| {
                    let next = state.with_untracked(|s| s.cleared_filters());
                    ctx.navigate(next, true);
                }>{move || t(lang.get()).reset}</button>
            </div>
        })}
        <For each=shown_years key=|y| *y let:year>
            <YearSection year=year hits=hits limit=limit/>
        </For>
        // Remade after each batch: a new marker's observer reports at once,
        // so a long scroll builds all it uncovers.
        {move || {
            limit.track();
            growing.get().then(|| view! {
                <NearMarker near=move || filter.with_untracked(|f| extent.update(|e| *e = e.grown(f)))/>
            })
        }}
        {move || more_left.get().then(|| view! {
            <button type="button" class="more"
                on:click=move |_| filter.with_untracked(|f| extent.update(|e| *e = e.next_page(f)))>
                {move || i18n::show_more(hits.with(Vec::len) - page_end.get(), lang.get())}
            </button>
        })}
    }
}

#[component]
fn YearSection(year: u16, hits: Memo<Vec<Hit>>, limit: Memo<usize>) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let store = ctx.store;
    // This year's hits among the first `limit`. A card takes its item
    // when it is built: a keystroke copies only the items it brings.
    let cards = Memo::new(move |_| {
        let lim = limit.get();
        hits.with(|hs| {
            store.data.with(|d| {
                hs.iter()
                    .take(lim)
                    .filter(|h| d.years[h.year_pos].year == year)
                    .copied()
                    .collect::<Vec<Hit>>()
            })
        })
    });

    let error = move || store.data.with(|d| d.error_for(year).cloned());
    let pending = move || {
        store.pending.with(|p| p.contains(&year)) || !store.data.with(|d| d.is_loaded(year))
    };
    // A memo: another year arriving (the idle prefetch) changes the data
    // but not this, and must not rebuild the panel of every year shown.
    let ready = Memo::new(move |_| error().is_none() && !pending());
    let heading_id = format!("y{year}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="year" aria-labelledby=labelled_by data-year=year>
            <h2 id=heading_id>{move || i18n::year_heading(year, lang.get())}</h2>
            {move || if ready.get() {
                view! { <YearPanel year=year/> }.into_any()
            } else {
                (move || {
                    let l = lang.get();
                    if let Some(e) = error() {
                        view! {
                            <div class="error" role="alert" data-test="error">
                                <p>{e.message(l)}</p>
                                <super::failure::RetryOrReload error=e retry=move || store.retry_year(year)/>
                            </div>
                        }.into_any()
                    } else {
                        view! { <p class="loading" role="status">{t(l).loading_year}</p> }.into_any()
                    }
                }).into_any()
            }}
            <ul class="cards" data-test="cards">
                <For each=move || cards.get()
                    key=move |h| hit_item(store, h, |i| i.id.clone())
                    let:hit>
                    <Card item=hit_item(store, &hit, Item::clone) year=year/>
                </For>
            </ul>
        </section>
    }
}

/// The marker's id. A list is one to a page, and looking it up by id keeps
/// `NodeRef`'s code out of the main module, which is at its size limit
/// (BENCHMARKS.md, eighteenth session).
const NEAR: &str = "near";

/// An empty marker that calls `near` when the reader comes within a
/// screen of it (or is there when it is placed).
#[component]
fn NearMarker(near: impl Fn() + 'static) -> impl IntoView {
    let near = StoredValue::new_local(near);
    Effect::new(move || {
        use wasm_bindgen::{closure::Closure, JsCast};
        use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(NEAR))
        else {
            return;
        };
        let report = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let is_near = entries.iter().any(|e| {
                e.unchecked_into::<IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if is_near {
                near.with_value(|f| f());
            }
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin("0px 0px 100% 0px");
        let Ok(observer) =
            IntersectionObserver::new_with_options(report.as_ref().unchecked_ref(), &options)
        else {
            // A browser without the observer builds on, a batch per marker,
            // until the page is whole.
            near.with_value(|f| f());
            return;
        };
        observer.observe(&el);
        let held = send_wrapper::SendWrapper::new((observer, report));
        on_cleanup(move || held.0.disconnect());
    });
    view! { <div id=NEAR aria-hidden="true"></div> }
}

/// What `f` reads of the item `h` points at, in the data as it is now
/// (the hits are made from it, and remade when it changes).
fn hit_item<T>(store: Store, h: &Hit, f: impl FnOnce(&Item) -> T) -> T {
    store
        .data
        .with_untracked(|d| f(&d.years[h.year_pos].items[h.item_pos]))
}

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let lang = use_ctx().lang;
    move || status_badge(status, lang.get())
}

fn status_badge(status: Status, l: Lang) -> impl IntoView {
    view! {
        <span class=format!("status status-{}", status.key()) data-test="status">
            {i18n::status_name(status, l)}
        </span>
    }
}

#[component]
pub fn ThemeTags(themes: Vec<String>) -> impl IntoView {
    let ctx = use_ctx();
    move || theme_tags(ctx, &themes, ctx.lang.get())
}

fn theme_tags(ctx: Ctx, themes: &[String], l: Lang) -> impl IntoView {
    // The vocabulary is the index's, which a session does not replace.
    let names: Vec<String> = ctx.store.data.with_untracked(|d| {
        themes
            .iter()
            .map(|k| {
                d.index
                    .as_ref()
                    .and_then(|i| i.themes.iter().find(|v| &v.key == k))
                    .map(|v| v.name.in_lang(l).to_string())
                    .unwrap_or_else(|| i18n::unknown_theme(l).into())
            })
            .collect()
    });
    view! {
        <ul class="tags">
            {names.into_iter().map(|name| view! { <li class="tag">{name}</li> }).collect_view()}
        </ul>
    }
}

/// A pledge's widget (`embed/YYYY/NN/`): its card, as in the list, so it
/// fits the height its snippet reserves on a phone; its title and the
/// footer open the full pledge. The item view's part shows it.
#[component]
pub fn ItemCard(year: u16, item: Item) -> impl IntoView {
    let lang = use_ctx().lang;
    // Headed as in the list (the year, then the pledge), for screen readers.
    view! {
        <h2 class="embed-vh">{move || i18n::year_heading(year, lang.get())}</h2>
        <ul class="cards single"><Card item=item year=year compact=true/></ul>
    }
}

/// `compact`: a pledge's widget, sized for the height its snippet reserves:
/// two key figures and no standings (the full pledge, a tap away, has them).
#[component]
fn Card(item: Item, year: u16, #[prop(optional)] compact: bool) -> impl IntoView {
    let ctx = use_ctx();
    let item = StoredValue::new(item);
    // The card is built for one language and view at a time, its text
    // plain text and its link a plain address: a closure each was most of
    // the script of a search keystroke that brings new cards. Changing the
    // language (or leaving the list) builds it again.
    move || {
        let l = ctx.lang.get();
        let embed = ctx.embed.get();
        let target = item.with_value(|i| State {
            item: Some(i.id.clone()),
            ..ctx.unfiltered.get()
        });
        item.with_value(|i| card(ctx, i, year, compact, embed, target, l))
    }
}

fn card(
    ctx: Ctx,
    i: &Item,
    year: u16,
    compact: bool,
    embed: bool,
    target: State,
    l: Lang,
) -> impl IntoView {
    let href = ctx.href(&target);
    let opens = ctx.link_target(&target);
    // The pledge opened keeps the list's filters in the view state (not
    // in its address), so that its back link returns to the filtered list.
    let id = i.id.clone();
    let follow = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let next = State {
            item: Some(id.clone()),
            ..ctx.state.get_untracked()
        };
        ctx.navigate(next, true);
    };
    // Where the English is missing the Chinese stands in, said to be so
    // (for screen readers too, through its `lang`).
    let (title, fell_back) = i.title.get(l);
    let shown = if compact { 2 } else { 3 };
    let more = (i.targets.len() + i.outcomes.len()).saturating_sub(shown);
    let figures: Vec<_> = i
        .targets
        .iter()
        .chain(&i.outcomes)
        .take(shown)
        .map(|f| figure(ctx, f, false, l))
        .collect();
    let standings: Vec<_> = if compact {
        Vec::new()
    } else {
        StandingText::of_item(i)
            .iter()
            .map(|s| standing_line(s, l))
            .collect()
    };
    let leads = match &i.lead_text {
        Some(lt) => view! { <p class="leads"><span class="k">{t(l).leads_label}": "</span>{lt.in_lang(l).to_string()}</p> }.into_any(),
        None => view! { <p class="leads missing"><span class="k">{t(l).leads_label}": "</span>{t(l).not_in_sources}</p> }.into_any(),
    };
    view! {
        <li class="card" data-test="card" data-id=i.id.clone()>
            <article>
                <p class="card-meta">
                    <span class="num">{format!("{year} · {}", i18n::item_number(i.number, l))}</span>
                    {status_badge(i.status, l)}
                </p>
                <h3 class="card-title" data-test="card-title">
                    <a href=href target=opens
                       lang=fell_back.then_some("zh-CN")
                       on:click=follow><Highlighted text=title.to_string()/></a>
                    {fell_back.then(|| view! { " "<span class="fallback">{t(l).english_missing}</span> })}
                </h3>
                {leads}
                {theme_tags(ctx, &i.themes, l)}
                {(!embed).then(|| view! { <EmbedAction target=target/> })}
                {(!figures.is_empty()).then(|| view! {
                    <div class="figs">
                        {figures}
                        {(more > 0).then(|| view! { <p class="more-figs">{format!("+{more} {}", t(l).more_targets)}</p> })}
                    </div>
                })}
                {(!standings.is_empty()).then(|| view! {
                    <div class="standings" data-test="standings">{standings}</div>
                })}
            </article>
        </li>
    }
}
