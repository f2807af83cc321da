//! Fetching the data files. Checking is the core's (`load`); this turns
//! HTTP into a tree parsed by the browser (`json`) or a `LoadError`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::load::{index_from, year_from, Dataset, LoadError};

/// Relative to the page, so the app works under any sub-path.
const DATA_DIR: &str = "data/";

/// The data file at `path`, parsed.
async fn fetch_json(path: &str) -> Result<JsValue, LoadError> {
    super::json::parse(&fetch_text(path).await?)
}

/// The text of the file at `path`, as a JS string.
async fn fetch_text(path: &str) -> Result<JsValue, LoadError> {
    if let Some(text) = prefetched(path).await {
        return Ok(text);
    }
    // The browser's `fetch`, as the page's prefetch uses: an HTTP crate on
    // top of it added code to every visit's module and nothing else.
    let window = web_sys::window().ok_or_else(|| network(JsValue::NULL))?;
    let resp: web_sys::Response =
        JsFuture::from(window.fetch_with_str(&format!("{DATA_DIR}{path}")))
            .await
            .and_then(|r| r.dyn_into())
            .map_err(network)?;
    if !resp.ok() {
        return Err(LoadError::Http(resp.status()));
    }
    text_of(&resp).await.map_err(network)
}

/// A failed request as the reader is told of it: the browser's own words
/// when it gave any (`TypeError: Failed to fetch`).
fn network(e: JsValue) -> LoadError {
    LoadError::Network(match e.dyn_ref::<js_sys::Error>() {
        Some(err) => format!(
            "{}: {}",
            String::from(err.name()),
            String::from(err.message())
        ),
        None => "the request failed".into(),
    })
}

async fn text_of(resp: &web_sys::Response) -> Result<JsValue, JsValue> {
    let text = JsFuture::from(resp.text()?).await?;
    if text.is_string() {
        Ok(text)
    } else {
        Err(JsValue::NULL)
    }
}

/// The response the page's starter (`xtask/src/shell.rs`) requested for
/// `path` while the WASM was still downloading, taken once. Anything but a
/// good response is left to the ordinary fetch, which reports it (and a
/// retry never finds a prefetch).
async fn prefetched(path: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let map = js_sys::Reflect::get(&window, &"yrdPrefetch".into()).ok()?;
    let map: js_sys::Object = map.dyn_into().ok()?;
    let key = JsValue::from_str(path);
    let entry = js_sys::Reflect::get(&map, &key).ok()?;
    js_sys::Reflect::delete_property(&map, &key).ok()?;
    let promise: js_sys::Promise = entry.dyn_into().ok()?;
    let resp: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    if !resp.ok() {
        return None;
    }
    text_of(&resp).await.ok()
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
            let result = match fetch_json("index.json").await {
                Ok(tree) => index_from(&tree),
                Err(e) => Err(e),
            };
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
        let result = match fetch_json(&file).await {
            Ok(tree) => year_from(&tree, year),
            Err(e) => Err(e),
        };
        self.pending.update(|p| p.retain(|y| *y != year));
        self.data.update(|d| d.put(year, result));
    }

    pub fn retry_year(self, year: u16) {
        spawn_local(async move { self.load_year(year).await });
    }
}
