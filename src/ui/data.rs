//! Fetching the data files (gloo-net). Checking is the core's (`load`);
//! this turns HTTP into the file's text or a `LoadError`.

use gloo_net::http::{Request, Response};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::load::{body_text, parse_index, parse_year, Dataset, LoadError};

/// Relative to the page, so the app works under any sub-path.
const DATA_DIR: &str = "data/";

/// The text of the data file at `path`.
async fn fetch_text(path: &str) -> Result<String, LoadError> {
    if let Some(text) = prefetched(path).await {
        return Ok(text);
    }
    let resp = Request::get(&format!("{DATA_DIR}{path}"))
        .send()
        .await
        .map_err(network)?;
    if !resp.ok() {
        return Err(LoadError::Http(resp.status()));
    }
    resp.binary().await.map(body_text).map_err(network)
}

/// A failed request as the reader is told of it: the browser's own words
/// when it gave any (`TypeError: Failed to fetch`).
fn network(e: gloo_net::Error) -> LoadError {
    LoadError::Network(e.to_string())
}

/// The response the page's starter (`xtask/src/shell.rs`) requested for
/// `path` while the WASM was still downloading, taken once. Anything but a
/// good response is left to the ordinary fetch, which reports it (and a
/// retry never finds a prefetch).
async fn prefetched(path: &str) -> Option<String> {
    let window = web_sys::window()?;
    let map = js_sys::Reflect::get(&window, &"yrdPrefetch".into()).ok()?;
    let map: js_sys::Object = map.dyn_into().ok()?;
    let key = path.into();
    let entry = js_sys::Reflect::get(&map, &key).ok()?;
    js_sys::Reflect::delete_property(&map, &key).ok()?;
    let promise: js_sys::Promise = entry.dyn_into().ok()?;
    let raw: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let resp = Response::from(raw);
    if !resp.ok() {
        return None;
    }
    resp.binary().await.ok().map(body_text)
}

/// The loaded data and what is in flight, shared through context.
#[derive(Clone, Copy)]
pub struct Store {
    pub data: RwSignal<Dataset>,
    pub index_error: RwSignal<Option<LoadError>>,
    pub index_loading: RwSignal<bool>,
    /// Years whose request is in flight.
    pub pending: RwSignal<Vec<u16>>,
    /// The first screen has what it waits for (or knows why not): the
    /// pre-rendered copy can make way for the app.
    pub first_ready: RwSignal<bool>,
    /// That screen has been painted: the view's other years may load now.
    pub painted: RwSignal<bool>,
}

impl Store {
    pub fn new() -> Self {
        Store {
            data: RwSignal::new(Dataset::default()),
            index_error: RwSignal::new(None),
            index_loading: RwSignal::new(false),
            pending: RwSignal::new(Vec::new()),
            first_ready: RwSignal::new(false),
            painted: RwSignal::new(false),
        }
    }

    /// Loads the index only. Which years follow, and when, is decided by
    /// the view (`needs`, acted on in `app`): a year file is fetched when a
    /// view shows it, or at idle.
    pub fn load_index(self) {
        if self.index_loading.get_untracked() {
            return;
        }
        self.index_loading.set(true);
        self.index_error.set(None);
        spawn_local(async move {
            let result = fetch_text("index.json").await.and_then(|t| parse_index(&t));
            self.index_loading.set(false);
            match result {
                Err(e) => self.index_error.set(Some(e)),
                Ok(index) => self.data.set(Dataset::new(index)),
            }
        });
    }

    /// Starts loading each of `years` that has neither loaded, failed nor
    /// a request in flight. A failed year waits for its Retry.
    pub fn ensure(self, years: &[u16]) {
        let wanted: Vec<u16> = self.data.with_untracked(|d| d.unsettled(years));
        for y in wanted {
            if !self.pending.with_untracked(|p| p.contains(&y)) {
                spawn_local(async move { self.load_year(y).await });
            }
        }
    }

    /// (Re)loads one year; used on demand and for "retry".
    pub async fn load_year(self, year: u16) {
        let Some(file) = self.data.with_untracked(|d| {
            d.index
                .as_ref()
                .and_then(|i| i.years.iter().find(|e| e.year == year))
                .map(|e| e.file.clone())
        }) else {
            return;
        };
        if self.pending.with_untracked(|p| p.contains(&year)) {
            return;
        }
        self.pending.update(|p| p.push(year));
        let result = fetch_text(&file).await.and_then(|t| parse_year(&t, year));
        self.pending.update(|p| p.retain(|y| *y != year));
        self.data.update(|d| d.put(year, result));
        if self.painted.get_untracked() {
            self.fold_when_idle();
        }
    }

    /// Folds the loaded years' search text, a year per idle period, once
    /// the first screen is painted (`PreparedYear`): the reader's first
    /// search then finds it done.
    pub fn fold_when_idle(self) {
        spawn_local(async move {
            loop {
                super::boot::idle().await;
                if !self.data.with_untracked(Dataset::fold_next_year) {
                    break;
                }
            }
        });
    }

    pub fn retry_year(self, year: u16) {
        spawn_local(async move { self.load_year(year).await });
    }
}
