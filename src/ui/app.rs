//! The top-level component: owns the view state (mirrored in the URL), the
//! loaded data, and chooses which view to show.

use leptos::prelude::*;

use super::cards::CardList;
use super::compare_view::ViewTabs;
use super::data::Store;
use super::filters::Filters;
use super::location;
use super::notices::Notices;
use super::parts::Deferred;
use super::reactive::effect_until;
use crate::i18n::t;
use crate::model::Lang;
use crate::needs;
use crate::paging::Extent;
use crate::query::{Filter, SearchIndex};
use crate::url_state::{self, Notice, State};

/// What every component can reach.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: RwSignal<State>,
    pub lang: Memo<Lang>,
    /// Its own memo: dozens of parts hide in an embed, and a keystroke in
    /// search must not re-run them all.
    pub embed: Memo<bool>,
    /// The search text alone: highlighting follows it, not every filter.
    pub query: Memo<String>,
    /// The view without the list's filters, which a pledge's address
    /// drops: a card's link does not change as the reader filters.
    pub unfiltered: Memo<State>,
    pub store: Store,
    pub notices: RwSignal<Vec<Notice>>,
    /// Prepared once per data change, reused by every keystroke.
    pub search: Memo<SearchIndexRef>,
    /// How much of the list is built. Kept across views: back from a
    /// pledge, its card is there to take the focus.
    pub extent: RwSignal<Extent<Filter>>,
}

/// `SearchIndex` behind an `Arc` so memo comparisons are cheap.
#[derive(Clone, Default)]
pub struct SearchIndexRef(pub std::sync::Arc<SearchIndex>, pub u64);

impl PartialEq for SearchIndexRef {
    fn eq(&self, other: &Self) -> bool {
        self.1 == other.1
    }
}

impl Ctx {
    /// The context for a page opened on `initial`, with nothing loaded yet.
    /// Must be called under the reactive owner the views will run in.
    pub fn new(initial: State, notices: Vec<Notice>) -> Ctx {
        let state = RwSignal::new(initial);
        let notices = RwSignal::new(notices);
        let store = Store::new();
        let lang = Memo::new(move |_| state.with(|s| s.lang).unwrap_or_default());
        let generation = StoredValue::new(0u64);
        let search = Memo::new(move |_| {
            store.data.with(|d| {
                generation.update_value(|g| *g += 1);
                SearchIndexRef(
                    std::sync::Arc::new(d.search_index()),
                    generation.get_value(),
                )
            })
        });
        let embed = Memo::new(move |_| state.with(|s| s.embed));
        let query = Memo::new(move |_| state.with(|s| s.q.clone()));
        let unfiltered = Memo::new(move |_| state.with(State::cleared_filters));
        let extent = RwSignal::new(Extent::whole_page(state.with_untracked(State::filter)));
        Ctx {
            state,
            lang,
            embed,
            query,
            unfiltered,
            store,
            notices,
            search,
            extent,
        }
    }

    /// Moves to `next`, recording it in the URL. Deliberate moves get a
    /// history entry so Back returns; typing replaces the entry.
    pub fn navigate(&self, next: State, push: bool) {
        if push && self.leaves_widget(&next) {
            if let Some(w) = web_sys::window() {
                let _ = w.open_with_url_and_target_and_features(
                    &location::absolute_url(&next.full_view().to_url()),
                    "_blank",
                    "noopener",
                );
            }
            return;
        }
        // Inside a host's article, history entries would make the host
        // page's Back button step through the widget first.
        let push = push && !next.embed;
        location::write_url(&next.to_url(), push);
        let prev = self.state.get_untracked();
        self.state.set(next);
        if push {
            self.state
                .with_untracked(|next| super::focus::after_navigation(&prev, next));
            // A new view starts at its top, as a page load would.
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    }

    /// A keystroke in search: the view follows at once, the address bar
    /// when the typing pauses.
    pub fn type_search(&self, q: String) {
        let next = State {
            q,
            ..self.state.get_untracked()
        };
        location::write_url_when_typing_pauses(next.to_url());
        self.state.set(next);
    }

    pub fn update(&self, push: bool, f: impl FnOnce(&mut State)) {
        let mut next = self.state.get_untracked();
        f(&mut next);
        self.navigate(next, push);
    }

    /// A link to a state's page, relative to the site's root (the page's
    /// `<base>`): real `href`s keep links shareable, openable in a new tab,
    /// readable by screen readers, and working before the app starts.
    pub fn href(&self, s: &State) -> String {
        if self.leaves_widget(s) {
            location::absolute_url(&s.full_view().to_url())
        } else {
            s.to_url()
        }
    }

    /// Whether a link to `s` from a widget opens the full view in a new tab:
    /// one to a pledge or to another page does. The frame keeps what the
    /// editor placed, and the host page's Back button stays the host's.
    pub fn leaves_widget(&self, s: &State) -> bool {
        s.embed && (s.item.is_some() || self.state.with_untracked(|now| now.path() != s.path()))
    }

    /// `target` for a link to `s`: a new tab where it leaves a widget.
    pub fn link_target(&self, s: &State) -> Option<&'static str> {
        self.leaves_widget(s).then_some("_blank")
    }
}

/// Whether the page's copy was of older data than the app shows.
#[derive(Clone, Copy)]
pub struct Refreshed(pub Memo<bool>);

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

#[component]
pub fn App() -> impl IntoView {
    let (initial, url_notices) = url_state::parse_url(&location::current_url());
    let ctx = Ctx::new(initial, url_notices);
    // Without the page's copy on screen there is nothing to match: the
    // list starts with a screen full.
    if !super::boot::copy_kept() {
        ctx.extent.set(Extent::default());
    }
    let Ctx {
        state,
        lang,
        store,
        notices,
        ..
    } = ctx;
    provide_context(ctx);

    // Back/forward: the URL is the truth; re-read it.
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        location::forget_typing();
        let (s, n) = url_state::parse_url(&location::current_url());
        let prev = state.get_untracked();
        super::focus::after_navigation(&prev, &s);
        state.set(s);
        notices.set(n);
    });

    // Once the index is here, drop what the data does not have, politely.
    effect_until(move || {
        let Some(index) = store.data.with(|d| d.index.clone()) else {
            return false;
        };
        let mut s = state.get_untracked();
        let extra = s.restrict_to(&index);
        if !extra.is_empty() {
            state.set(s);
            notices.update(|n| n.extend(extra));
        }
        true
    });

    // The document follows the language: <html lang>.
    Effect::new(move || {
        let l = lang.get();
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            html.set_attribute("lang", l.html_code()).ok();
        }
    });

    // A page written from older data than the app now holds: the app's
    // view, rendered from what it holds, says so when it takes over.
    let rendered = super::boot::copy_version();
    let refreshed = Memo::new(move |_| {
        let version = store
            .data
            .with(|d| d.index.as_ref().map(|i| i.data_version.clone()));
        matches!((&rendered, version), (Some(was), Some(now)) if *was != now)
    });
    provide_context(Refreshed(refreshed));
    store.load_index();
    // The view's own module downloads beside its data, not after it, and
    // the first screen waits for both: no "Loading…" between the page's
    // placeholder and the view. (A failure shows as the view's own notice.)
    let first_part = state.with_untracked(super::parts::for_state);
    let part_ready = RwSignal::new(first_part.is_none());
    if let Some(part) = first_part {
        super::parts::preload_then(part, move || part_ready.set(true));
    }
    fetch_what_the_view_needs(ctx, part_ready.read_only());

    // The title follows the reader from view to view (`head::title`, as
    // the build writes it). The page the build wrote for this view keeps
    // its head as written, so nothing changes when the app takes over. The
    // meta description is left as the page has it: what reads it (a
    // crawler, a link preview) loads each page afresh. A memo of what names
    // the page, so a keystroke in search does not rebuild the title.
    let page = Memo::new(move |_| state.with(crate::head::page));
    let written = super::boot::copy_kept().then(|| page.get_untracked());
    Effect::new(move || {
        let l = lang.get();
        if page.with(|p| Some(p) == written.as_ref()) {
            return;
        }
        let title = page.with(|p| store.data.with(|d| crate::head::title(d, p, l)));
        if let (Some(title), Some(doc)) = (title, web_sys::window().and_then(|w| w.document())) {
            doc.set_title(&title);
        }
    });
    super::offline::install();

    // Behind the page's placeholder until the first screen is ready.
    app_view(ctx, super::boot::present())
}

/// The app's markup under `ctx` (provided as context): in the browser, and
/// natively for the pages the build writes (`render`). `booting`: the page's
/// placeholder is on screen, so the app stays hidden until its first screen
/// is ready.
pub fn app_view(ctx: Ctx, booting: bool) -> impl IntoView {
    let Ctx {
        state,
        lang,
        embed,
        store,
        ..
    } = ctx;
    view! {
        <div class="app" class:embed=move || embed.get() class:dark=move || state.with(|s| s.dark)
             hidden=move || booting && !store.first_ready.get()>
            // The page's own address: a bare `#main` would be the root's.
            <a class="skip" href=move || state.with(|s| format!("{}#main", s.to_url()))>
                {move || t(lang.get()).skip_to_content}
            </a>
            {move || (!embed.get()).then(|| view! { <Header/> })}
            <main id="main" tabindex="-1">
                // A widget has no header; its page still has a title for
                // screen readers to find (as the full view's heading is).
                {move || embed.get().then(|| view! { <h1 class="embed-vh">{move || t(lang.get()).app_title}</h1> })}
                <super::offline::OfflineStatus/>
                <Notices/>
                <Body/>
            </main>
            <Footer/>
        </div>
    }
}

/// Fetches the years the view shows as the view asks for them (`needs`):
/// the first screen's years at once; the rest of the view's years once that
/// screen is painted; years no view shows yet at idle, when the reader is
/// online and not saving data; and, at the same idle time, the other views'
/// modules. The first screen is ready when its years are here and its
/// module (`part_ready`); over a pre-rendered copy, when all the view's
/// years are.
fn fetch_what_the_view_needs(ctx: Ctx, part_ready: ReadSignal<bool>) {
    let store = ctx.store;
    let state = ctx.state;
    let listed = Memo::new(move |_| store.data.with(|d| d.listed_years()));
    let needs = Memo::new(move |_| state.with(|s| needs::years_needed(s, &listed.get())));
    // Over a pre-rendered copy of this view, the first screen is all of it:
    // the copy shows every year the view does, and the app, taking its
    // place, must not show any of them as still loading.
    let whole = super::boot::copy_kept();
    Effect::new(move || {
        let n = needs.get();
        store.ensure(&n.first);
        if whole || store.painted.get() {
            store.ensure(&n.later);
        }
    });
    effect_until(move || {
        let failed = store.index_error.with(Option::is_some);
        // An index that lists no years is ready too: the app says so.
        let ready = failed
            || (part_ready.get()
                && store.data.with(|d| {
                    d.index.is_some()
                        && needs.with(|n| {
                            d.unsettled(&n.first).is_empty()
                                && (!whole || d.unsettled(&n.later).is_empty())
                        })
                }));
        if !ready {
            return false;
        }
        store.first_ready.set(true);
        // The app's `hidden` goes in this same turn, before the next paint.
        super::boot::remove();
        super::boot::after_paint(move || {
            store.painted.set(true);
            store.fold_when_idle();
            super::boot::when_idle(move || {
                // A widget in someone's article downloads what it shows:
                // its reader is there for the article, and anything else it
                // opens is fetched then.
                if state.with_untracked(|s| s.embed) || !super::boot::prefetch_welcome() {
                    return;
                }
                let rest =
                    state.with_untracked(|s| needs::prefetchable(s, &listed.get_untracked()));
                store.ensure(&rest);
                // The other views then open at once, and offline too.
                super::parts::preload_all();
            });
        });
        true
    });
}

#[component]
fn Header() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let other = move || lang.get().other();
    view! {
        <header class="top">
            <div class="brand">
                <h1>
                    <a href=move || ctx.href(&State { lang: ctx.state.with(|s| s.lang), ..State::default() })
                       on:click=move |ev| {
                           ev.prevent_default();
                           ctx.navigate(State { lang: ctx.state.with_untracked(|s| s.lang), ..State::default() }, true);
                       }>
                        {move || t(lang.get()).app_title}
                    </a>
                </h1>
                <p class="tagline">{move || t(lang.get()).app_tagline}</p>
            </div>
            <a class="lang-switch"
               href=move || ctx.href(&State { lang: Some(other()), ..ctx.state.get() })
               hreflang=move || other().code()
               lang=move || other().code()
               aria-label=move || t(lang.get()).switch_lang_label
               on:click=move |ev| {
                   ev.prevent_default();
                   let l = other();
                   location::remember_lang(l);
                   ctx.update(false, |s| s.lang = Some(l));
               }>
                {move || t(lang.get()).switch_lang}
            </a>
        </header>
    }
}

/// Index loading and failure are whole-page states; after that each view
/// handles its own years.
#[component]
fn Body() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let store = ctx.store;
    // Only a change of view rebuilds the body: a filter toggle or a year
    // arriving must not rebuild the form under the reader's focus.
    let has_index = Memo::new(move |_| store.data.with(|d| d.index.is_some()));
    let part = Memo::new(move |_| ctx.state.with(super::parts::for_state));
    move || {
        let l = lang.get();
        if let Some(err) = store.index_error.get() {
            return view! {
                <div class="error" role="alert" data-test="error">
                    <h2>{t(l).load_failed}</h2>
                    <p>{err.message(l)}</p>
                    <super::failure::RetryOrReload error=err retry=move || store.load_index()/>
                </div>
            }
            .into_any();
        }
        if !has_index.get() {
            return view! { <p class="loading" role="status" data-test="loading">{t(l).loading}</p> }
                .into_any();
        }
        match part.get() {
            Some(part) => view! { <Deferred part=part/> }.into_any(),
            None => view! {
                <ViewTabs/>
                <Filters/>
                <CardList/>
            }
            .into_any(),
        }
    }
}

#[component]
fn Footer() -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let version = move || {
        ctx.store.data.with(|d| {
            d.index
                .as_ref()
                .map(|i| (i.data_version.clone(), i.updated.clone()))
        })
    };
    view! {
        <footer class="foot">
            {move || ctx.embed.get().then(|| view! { <super::embed::EmbedFooter/> })}
            // A widget gives the data's date in its own source line.
            {move || version().filter(|_| !ctx.embed.get()).map(|(v, date)| view! {
                <p data-test="data-version">{crate::i18n::data_as_of(&date, &v, lang.get())}</p>
            })}
        </footer>
    }
}
