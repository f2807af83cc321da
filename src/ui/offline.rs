//! Service worker registration, the "new version / new data" notice, and
//! the offline indicator.
//!
//! The worker (`public/sw.js`) makes every view work offline after one
//! visit. This side registers it, tells the reader when a newer app or newer
//! data is ready, and hands over to a new version only when the reader
//! presses "Reload": a page never reloads under someone who is reading.
//! Where service workers are missing or refused, nothing here fails; the
//! app simply works online.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    MessageEvent, RegistrationOptions, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState, ServiceWorkerUpdateViaCache, VisibilityState, Window,
};

use super::app::{use_ctx, Ctx};
use crate::i18n::t;

/// Besides on return to the tab and on reconnecting, an open page asks this
/// often whether a newer app has been deployed.
const UPDATE_EVERY: Duration = Duration::from_secs(30 * 60);
/// After "Reload", the new worker normally takes over within milliseconds;
/// if it never does, the reader still gets the reload they asked for.
const TAKEOVER_GRACE: Duration = Duration::from_secs(3);

/// `online` fires when the link is up, which can be a moment before
/// requests get through (a waking radio, a captive portal, a service
/// worker's own network view): failed loads are retried a few times,
/// spaced out. Each try only touches what is still missing.
const RETRY_AFTER_ONLINE: [Duration; 4] = [
    Duration::ZERO,
    Duration::from_secs(2),
    Duration::from_secs(6),
    Duration::from_secs(15),
];

#[derive(Clone, Copy)]
struct Offline {
    online: RwSignal<bool>,
    /// A worker serves this page, so what it saved works offline.
    controlled: RwSignal<bool>,
    /// A newer app is installed and waits for this page to let it in.
    new_version: RwSignal<bool>,
    /// The worker fetched data that differs from what this page showed.
    new_data: RwSignal<bool>,
    /// What the reader has closed: (new version, new data).
    dismissed: RwSignal<(bool, bool)>,
    reg: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
    reload_requested: StoredValue<bool>,
}

/// Registers the service worker where that is possible and wanted, and
/// starts watching connectivity. Called once, inside `App`.
pub fn install() {
    let window = web_sys::window();
    let st = provide(window.as_ref().is_none_or(|w| w.navigator().on_line()));
    let ctx = use_ctx();
    let _ = window_event_listener(leptos::ev::offline, move |_| st.online.set(false));
    let _ = window_event_listener(leptos::ev::online, move |_| {
        st.online.set(true);
        for delay in RETRY_AFTER_ONLINE {
            set_timeout(
                move || {
                    if st.online.get_untracked() {
                        retry_failed(ctx);
                    }
                },
                delay,
            );
        }
        check_for_update(st);
    });

    let Some(window) = window else { return };
    // A third-party page's frame gets partitioned storage and a worker the
    // reader would never benefit from; the embed just works online.
    if in_cross_origin_frame(&window) {
        return;
    }
    let Some(workers) = container(&window) else {
        return;
    };
    // A worker already in charge may speak from the first request on (new
    // data it fetched): the page listens at once.
    listen(&workers, st);
    // The install downloads the whole app and every year once more: it
    // starts only after the first screen is painted, when the browser is
    // idle, so it never competes with what the reader is waiting for.
    let store = ctx.store;
    super::reactive::effect_until(move || {
        if !store.painted.get() {
            return false;
        }
        let workers = workers.clone();
        super::boot::when_idle(move || register(workers, st));
        true
    });

    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == VisibilityState::Visible);
        if visible {
            check_for_update(st);
        }
    });
    set_interval(move || check_for_update(st), UPDATE_EVERY);
}

/// The indicator's state, as context for `OfflineStatus`.
fn provide(online: bool) -> Offline {
    let st = Offline {
        online: RwSignal::new(online),
        controlled: RwSignal::new(false),
        new_version: RwSignal::new(false),
        new_data: RwSignal::new(false),
        dismissed: RwSignal::new((false, false)),
        reg: StoredValue::new_local(None),
        reload_requested: StoredValue::new(false),
    };
    provide_context(st);
    st
}

/// For a page rendered at build time (`render`): online, no worker, nothing
/// to announce.
#[cfg(feature = "ssr")]
pub fn provide_rendered() {
    provide(true);
}

/// `navigator.serviceWorker`, read so that a refusal cannot escape: the
/// getter throws in sandboxed frames, and it is absent in some private
/// windows and on plain HTTP.
fn container(window: &Window) -> Option<ServiceWorkerContainer> {
    let value =
        js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("serviceWorker")).ok()?;
    value.dyn_into().ok()
}

fn in_cross_origin_frame(window: &Window) -> bool {
    match window.top() {
        Ok(Some(top)) => {
            let framed = JsValue::from(top.clone()) != JsValue::from(window.clone());
            // Reading another origin's location is refused.
            framed && top.location().href().is_err()
        }
        // No reachable top: something is in the way, so treat it as foreign.
        _ => true,
    }
}

fn listen(container: &ServiceWorkerContainer, st: Offline) {
    st.controlled.set(container.controller().is_some());

    // Assigning `onmessage` (rather than adding a listener) also starts the
    // message queue, so nothing the worker says while the page starts is lost.
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let kind = js_sys::Reflect::get(&ev.data(), &JsValue::from_str("type"))
            .ok()
            .and_then(|v| v.as_string());
        if kind.as_deref() == Some("DATA_UPDATED") {
            st.new_data.set(true);
        }
    });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    let watched = container.clone();
    let on_controller = Closure::<dyn Fn()>::new(move || {
        st.controlled.set(watched.controller().is_some());
        // Another tab may have let the new version in; this page keeps
        // running the code it has until its reader chooses to reload.
        if st.reload_requested.get_value() {
            reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller.as_ref().unchecked_ref()));
    on_controller.forget();
}

fn register(container: ServiceWorkerContainer, st: Offline) {
    offer_install();
    let options = RegistrationOptions::new();
    // Both relative to the page, so the app works under any sub-path.
    options.set_scope("./");
    // The worker's own file must always be checked with the server, or a
    // release could wait out an HTTP cache lifetime before anyone sees it.
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let registered = container.register_with_options("sw.js", &options);
    on_settled(registered, move |value| {
        let Ok(reg) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_updates(&container, &reg, st);
        st.reg.set_value(Some(reg));
    });
}

/// Names the web app manifest, which the pages leave out: installing is
/// for a reader whose app runs, and a browser fetches a named manifest and
/// its icon after every load to offer the install, bytes that a reader who
/// only reads does not need.
fn offer_install() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let head = document.query_selector("head").ok().flatten();
    let (Some(head), Ok(link)) = (head, document.create_element("link")) else {
        return;
    };
    // Relative to the page's `<base>`, the site's root, as the worker is.
    let _ = link.set_attribute("rel", "manifest");
    let _ = link.set_attribute("href", "manifest.webmanifest");
    let _ = head.append_child(&link);
}

fn watch_updates(container: &ServiceWorkerContainer, reg: &ServiceWorkerRegistration, st: Offline) {
    // With no controller, a finished install is the first one, not an update.
    if reg.waiting().is_some() && container.controller().is_some() {
        st.new_version.set(true);
    }
    let watched_reg = reg.clone();
    let watched = container.clone();
    let on_found = Closure::<dyn Fn()>::new(move || {
        let Some(worker) = watched_reg.installing() else {
            return;
        };
        let this = worker.clone();
        let container = watched.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if this.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                st.new_version.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

fn check_for_update(st: Offline) {
    let Some(reg) = st.reg.get_value() else {
        return;
    };
    // Offline or a server error: the next trigger tries again.
    if let Ok(p) = reg.update() {
        on_settled(p, |_| {});
    }
}

/// Runs `ok` when `promise` fulfils; a rejection is logged, never thrown.
fn on_settled(promise: js_sys::Promise, ok: impl FnOnce(JsValue) + 'static) {
    let ok = Closure::once(ok);
    let err = Closure::once(|e: JsValue| {
        web_sys::console::warn_2(&JsValue::from_str("offline support unavailable:"), &e);
    });
    let _ = promise.then2(&ok, &err);
    // Settles once, a few times per page at most: not worth bookkeeping.
    ok.forget();
    err.forget();
}

/// Failed loads that a connection could fix are tried again when it returns.
fn retry_failed(ctx: Ctx) {
    let store = ctx.store;
    let index_failed = store
        .index_error
        .with_untracked(|e| e.as_ref().is_some_and(|e| e.is_transient()));
    if index_failed {
        store.load_index();
        return;
    }
    for year in transient_failures(ctx, false) {
        store.retry_year(year);
    }
}

fn transient_failures(ctx: Ctx, tracked: bool) -> Vec<u16> {
    let pick = |d: &crate::load::Dataset| {
        d.failed
            .iter()
            .filter(|(_, e)| e.is_transient())
            .map(|(y, _)| *y)
            .collect()
    };
    if tracked {
        ctx.store.data.with(pick)
    } else {
        ctx.store.data.with_untracked(pick)
    }
}

/// The reader pressed "Reload": let a waiting version in first, so the
/// reloaded page is served whole by it.
fn apply_update(st: Offline) {
    let waiting = st.reg.with_value(|r| r.as_ref().and_then(|r| r.waiting()));
    let Some(worker) = waiting else {
        reload();
        return;
    };
    st.reload_requested.set_value(true);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &JsValue::from_str("type"),
        &JsValue::from_str("SKIP_WAITING"),
    );
    if worker.post_message(&message).is_err() {
        reload();
        return;
    }
    set_timeout(reload, TAKEOVER_GRACE);
}

fn reload() {
    thread_local!(static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// The offline indicator and the update notice. One live region that is
/// always present (and empty, so invisible, most of the time): screen
/// readers announce what appears inside it.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let st = expect_context::<Offline>();
    let ctx = use_ctx();
    let lang = ctx.lang;
    let missing = Memo::new(move |_| transient_failures(ctx, true));
    let offline = Memo::new(move |_| !st.online.get());
    let update_shown = Memo::new(move |_| {
        let (v, d) = st.dismissed.get();
        (st.new_version.get() && !v) || (st.new_data.get() && !d)
    });
    view! {
        <div role="status" data-test="pwa-status">
            {move || offline.get().then(|| view! {
                <div class="notice offline" data-test="offline">
                    <p class="notice-title">
                        {move || {
                            let s = t(lang.get());
                            if st.controlled.get() { s.offline_saved } else { s.offline_not_saved }
                        }}
                    </p>
                    {move || {
                        let years = missing.get();
                        let s = t(lang.get());
                        (!years.is_empty()).then(|| {
                            let list = years.iter().map(u16::to_string).collect::<Vec<_>>().join(s.list_separator);
                            view! { <p data-test="offline-missing">{s.offline_missing}" "{list}</p> }
                        })
                    }}
                </div>
            })}
            {move || update_shown.get().then(|| view! {
                <div class="notice update" data-test="update">
                    <p class="notice-title">
                        {move || {
                            let s = t(lang.get());
                            if st.new_version.get() { s.update_ready } else { s.data_update_ready }
                        }}
                    </p>
                    <button type="button" data-test="update-reload" on:click=move |_| apply_update(st)>
                        {move || t(lang.get()).reload}
                    </button>
                    " "
                    <button type="button" class="dismiss" data-test="update-later"
                        on:click=move |_| st.dismissed.set((st.new_version.get_untracked(), st.new_data.get_untracked()))>
                        {move || t(lang.get()).update_later}
                    </button>
                </div>
            })}
        </div>
    }
}
