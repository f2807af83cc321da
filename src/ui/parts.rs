//! Views that are not on the first screen of most visits live in WASM
//! modules of their own, fetched the first time they are shown (or at idle,
//! once the first screen is painted), so the module every visit downloads
//! and compiles holds only the list.
//!
//! Each `#[wasm_split]` function below is a split point: the build's split
//! step (`xtask/src/split.rs`) moves it, and all the code only it reaches,
//! into its own module. What it hands back is a plain function pointer that
//! builds the view, so the view is built by the caller, under the caller's
//! reactive owner (its contexts), like any other child.

use std::cell::Cell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::app::use_ctx;
use crate::i18n::t;

type Render = fn() -> AnyView;

/// A part's module could not be fetched or started (offline before it was
/// ever saved, a server mid-deploy). The load is not cached as failed: the
/// reader's "try again" fetches it afresh.
pub struct PartFailed;

impl From<SplitLoaderError> for PartFailed {
    fn from(_: SplitLoaderError) -> Self {
        PartFailed
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Compare,
    Metric,
    Item,
    Card,
    /// What a year has besides its items (`year_panel::YearExtras`), folded
    /// away under "about this year" on every list: built on first opening.
    YearExtras,
    /// The QR code and short link under a view (`share::QrBody`), folded
    /// away: built on first opening.
    Qr,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::YearExtras,
        Part::Qr,
        Part::Item,
        Part::Compare,
        Part::Metric,
        Part::Card,
    ];
}

thread_local! {
    // Loaded parts render at once, without a "loading" frame on every visit.
    static COMPARE: Cell<Option<Render>> = const { Cell::new(None) };
    static METRIC: Cell<Option<Render>> = const { Cell::new(None) };
    static ITEM: Cell<Option<Render>> = const { Cell::new(None) };
    static CARD: Cell<Option<Render>> = const { Cell::new(None) };
    static YEAR_EXTRAS: Cell<Option<Render>> = const { Cell::new(None) };
    static QR: Cell<Option<Render>> = const { Cell::new(None) };
}

#[wasm_split(compare, wasm_split_path = ::leptos::wasm_split, fallible)]
fn compare() -> Result<Render, PartFailed> {
    Ok(|| view! { <super::compare_view::CompareView/> }.into_any())
}

#[wasm_split(metric, wasm_split_path = ::leptos::wasm_split, fallible)]
fn metric() -> Result<Render, PartFailed> {
    Ok(|| view! { <super::metric_view::MetricView/> }.into_any())
}

#[wasm_split(item, wasm_split_path = ::leptos::wasm_split, fallible)]
fn item() -> Result<Render, PartFailed> {
    Ok(|| view! { <super::detail::Detail/> }.into_any())
}

#[wasm_split(card, wasm_split_path = ::leptos::wasm_split, fallible)]
fn card() -> Result<Render, PartFailed> {
    Ok(|| view! { <super::share::ShareCard/> }.into_any())
}

#[wasm_split(year_extras, wasm_split_path = ::leptos::wasm_split, fallible)]
fn year_extras() -> Result<Render, PartFailed> {
    Ok(|| view! { <super::year_panel::YearExtras/> }.into_any())
}

#[wasm_split(qr, wasm_split_path = ::leptos::wasm_split, fallible)]
fn qr() -> Result<Render, PartFailed> {
    Ok(|| view! { <super::share::QrBody/> }.into_any())
}

/// Code run on a reader's click rather than shown as a view: the embed
/// dialog (built with DOM calls) and the list's CSV and JSON writers.
/// Editors open the one and few readers the other, so every visit would
/// otherwise download both. Like a view's part, each hands back plain
/// function pointers.
pub type OpenEmbed = fn(
    &crate::url_state::State,
    crate::model::Lang,
    super::data::Store,
    Option<web_sys::HtmlElement>,
) -> Result<(), wasm_bindgen::JsValue>;

#[derive(Clone, Copy)]
pub struct ListExport {
    pub csv: fn(&[crate::model::ItemRef<'_>], &crate::model::Index, crate::model::Lang) -> String,
    pub json: fn(&[&crate::model::Item]) -> String,
}

#[wasm_split(embed_dialog, wasm_split_path = ::leptos::wasm_split, fallible)]
fn embed_dialog() -> Result<OpenEmbed, PartFailed> {
    Ok(super::embed::open_dialog)
}

#[wasm_split(list_export, wasm_split_path = ::leptos::wasm_split, fallible)]
fn list_export_part() -> Result<ListExport, PartFailed> {
    Ok(ListExport {
        csv: crate::export::items_csv,
        json: |items| crate::export::to_json(items),
    })
}

thread_local! {
    static EMBED: Cell<Option<OpenEmbed>> = const { Cell::new(None) };
    static LIST_EXPORT: Cell<Option<ListExport>> = const { Cell::new(None) };
}

/// What `cell` holds once `load` has succeeded; a failed load is not kept,
/// so the next try fetches afresh. Views and tools alike.
async fn cached<T: Copy + 'static>(
    cell: &'static std::thread::LocalKey<Cell<Option<T>>>,
    load: impl std::future::Future<Output = Result<T, PartFailed>>,
) -> Result<T, PartFailed> {
    if let Some(tool) = cell.with(Cell::get) {
        return Ok(tool);
    }
    let tool = load.await?;
    cell.with(|c| c.set(Some(tool)));
    Ok(tool)
}

pub async fn open_embed() -> Result<OpenEmbed, PartFailed> {
    cached(&EMBED, embed_dialog()).await
}

pub async fn list_export() -> Result<ListExport, PartFailed> {
    cached(&LIST_EXPORT, list_export_part()).await
}

/// The list's writers if they are here already (the list's export
/// buttons fetch them with `list_export` before reading).
pub fn list_export_now() -> Option<ListExport> {
    LIST_EXPORT.with(Cell::get)
}

/// Runs `then` with a click-loaded tool once `load` has brought it; `failed`
/// is whether the last attempt could not, for the button's `ToolFailed`.
pub fn with_tool<T: 'static>(
    load: impl std::future::Future<Output = Result<T, PartFailed>> + 'static,
    failed: RwSignal<bool>,
    then: impl FnOnce(T) + 'static,
) {
    spawn_local(async move {
        let got = load.await;
        // The reader may have left the view meanwhile.
        let _ = failed.try_set(got.is_err());
        if let Ok(tool) = got {
            then(tool);
        }
    });
}

/// The note beside a tool's button when its code could not be fetched.
#[component]
pub fn ToolFailed(failed: RwSignal<bool>, test: &'static str) -> impl IntoView {
    let lang = use_ctx().lang;
    move || {
        failed.get().then(|| {
            view! {
                <span class="part-failed" role="alert" data-test=test>{t(lang.get()).part_load_failed}</span>
            }
        })
    }
}

/// Every part and tool, so that they open at once: one at a time, each
/// in an idle period of its own (starting some twenty module downloads and
/// instantiations in one go was a long task on a throttled phone).
pub fn preload_all() {
    spawn_local(async {
        for part in Part::ALL {
            let _ = load(part).await;
            super::boot::idle().await;
        }
        let _ = open_embed().await;
        super::boot::idle().await;
        let _ = list_export().await;
    });
}

fn slot(part: Part) -> &'static std::thread::LocalKey<Cell<Option<Render>>> {
    match part {
        Part::Compare => &COMPARE,
        Part::Metric => &METRIC,
        Part::Item => &ITEM,
        Part::Card => &CARD,
        Part::YearExtras => &YEAR_EXTRAS,
        Part::Qr => &QR,
    }
}

fn loaded(part: Part) -> Option<Render> {
    slot(part).with(Cell::get)
}

/// Natively (a page rendered at build time) a split point is a plain call
/// (`#[wasm_split]` off wasm32), so the part is here at once: the page holds
/// the view, not its "loading" line. In the browser, only what has loaded.
fn load_now(part: Part) -> Option<Render> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = part;
        None
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::future::Future;
        use std::task::{Context, Poll, Waker};
        let mut load = std::pin::pin!(load(part));
        match load.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(Ok(render)) => Some(render),
            _ => None,
        }
    }
}

async fn load(part: Part) -> Result<Render, PartFailed> {
    let module = async move {
        match part {
            Part::Compare => compare().await,
            Part::Metric => metric().await,
            Part::Item => item().await,
            Part::Card => card().await,
            Part::YearExtras => year_extras().await,
            Part::Qr => qr().await,
        }
    };
    cached(slot(part), module).await
}

/// Starts fetching `part` without showing it: for the view the URL asks for
/// (so its module downloads beside the data), and for the others at idle
/// (so they open at once later, offline too). `then` runs when the attempt
/// has ended, whether or not it succeeded.
pub fn preload_then(part: Part, then: impl FnOnce() + 'static) {
    spawn_local(async move {
        let _ = load(part).await;
        then();
    });
}

/// The part the view of `state` shows, if it is not the list.
pub fn for_state(state: &crate::url_state::State) -> Option<Part> {
    use crate::url_state::View;
    match (state.item.is_some(), state.view) {
        (true, View::Card) => Some(Part::Card),
        (true, _) => Some(Part::Item),
        (false, View::Compare) => Some(Part::Compare),
        (false, View::Metric) => Some(Part::Metric),
        (false, View::List | View::Card) => None,
    }
}

/// `part`'s view, once its module is here; until then a "loading" line, and
/// a failure says so with a way to try again.
#[component]
pub fn Deferred(part: Part) -> impl IntoView {
    if let Some(render) = loaded(part).or_else(|| load_now(part)) {
        return render();
    }
    let lang = use_ctx().lang;
    let outcome = RwSignal::new(None::<Result<Render, ()>>);
    let attempt = move || {
        outcome.set(None);
        spawn_local(async move {
            let result = load(part).await.map_err(|_| ());
            // The reader may have left the view meanwhile.
            let _ = outcome.try_set(Some(result));
        });
    };
    attempt();
    (move || match outcome.get() {
        None => view! {
            <p class="loading" role="status" data-test="part-loading">{t(lang.get()).part_loading}</p>
        }
        .into_any(),
        Some(Ok(render)) => render(),
        Some(Err(())) => view! {
            <div class="error" role="alert" data-test="part-failed">
                <p>{t(lang.get()).part_load_failed}</p>
                <button type="button" data-test="retry" on:click=move |_| attempt()>{t(lang.get()).retry}</button>
            </div>
        }
        .into_any(),
    })
    .into_any()
}
