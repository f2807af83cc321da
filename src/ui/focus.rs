//! Where keyboard focus goes after a move within the page. Opening a
//! pledge, going back or switching views replaces the part of the page
//! that held the focus; without this the focus would drop to `<body>` and
//! a keyboard or screen-reader user would start again from the top.
//!
//! The rule: arriving somewhere focuses its heading; coming back focuses
//! the link one left by (the card's title), so the reader keeps their place.

use std::cell::Cell;

use wasm_bindgen::{closure::Closure, JsCast};

use crate::url_state::{State, View};

/// About a second at 60 Hz: long enough for a year file on a slow phone to
/// arrive and render, short enough that a late focus cannot surprise a
/// reader who has moved on.
const MAX_FRAMES: u32 = 60;

thread_local! {
    /// Bumped by every navigation so a pending focus for an earlier one gives up.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// To call after the state moved from `prev` to `next` (the DOM for `next`
/// may not exist yet).
pub fn after_navigation(prev: &State, next: &State) {
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    if let Some(targets) = targets(prev, next) {
        focus_when_present(targets, generation, 0, None);
    }
}

/// Ids and keys go into CSS selectors; anything unusual (a hand-edited URL)
/// is simply not looked for.
fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Selectors in order of preference; the last is the fallback, used only
/// when none of the others appears in time.
fn targets(prev: &State, next: &State) -> Option<Vec<String>> {
    const MAIN: &str = "#main";
    if let Some(id) = next.item.as_deref().filter(|_| next.item != prev.item) {
        let heading = "[data-test=detail-title]";
        return Some(if plain(id) {
            vec![
                format!("[data-test=detail][data-id=\"{id}\"] {heading}"),
                MAIN.into(),
            ]
        } else {
            vec![heading.into(), MAIN.into()]
        });
    }
    if next.item.is_none() {
        if let Some(left) = prev.item.as_deref().filter(|id| plain(id)) {
            return Some(vec![
                format!("[data-test=card][data-id=\"{left}\"] [data-test=card-title] a"),
                // The comparison and chart views link items from tables.
                format!("#main a[href*=\"{}/\"]", left.replacen('-', "/", 1)),
                MAIN.into(),
            ]);
        }
    }
    if next.view != prev.view {
        return Some(vec![".tabs [aria-current=page]".into(), MAIN.into()]);
    }
    if next.metric != prev.metric {
        return match (&prev.metric, &next.metric) {
            (Some(m), None) if plain(m) => Some(vec![
                format!("a[data-metric=\"{m}\"]"),
                "#metrics-h".into(),
                MAIN.into(),
            ]),
            (_, Some(_)) => Some(vec!["#metric-h".into(), MAIN.into()]),
            _ => Some(vec![MAIN.into()]),
        };
    }
    // "Clear filters" removes itself; the search field starts the form.
    if next.view == View::List && prev.has_filters() && !next.has_filters() {
        return Some(vec!["#f-q".into(), MAIN.into()]);
    }
    None
}

/// Looks for the target once a frame. Leptos may patch the DOM just after
/// a frame's callbacks, so an element found in the outgoing view can vanish
/// with the focus it was given: the focus counts once it is still there a
/// frame later (`placed`).
fn focus_when_present(
    targets: Vec<String>,
    generation: u32,
    frame: u32,
    placed: Option<web_sys::HtmlElement>,
) {
    if GENERATION.with(Cell::get) != generation {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = placed {
        let held = doc
            .active_element()
            .is_some_and(|a| a == *el.unchecked_ref::<web_sys::Element>());
        if held && el.is_connected() {
            return;
        }
    }
    let last = frame >= MAX_FRAMES;
    let pick = |selectors: &[String]| {
        selectors
            .iter()
            .find_map(|sel| doc.query_selector(sel).ok().flatten())
    };
    // The fallback (`#main`) is there at once; the preferred target may
    // need its data first, so it gets the frames to appear.
    let (preferred, fallback) = targets.split_at(targets.len().saturating_sub(1));
    let found = pick(preferred).or_else(|| {
        if preferred.is_empty() || last {
            pick(fallback)
        } else {
            None
        }
    });
    let mut placed = None;
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        // Headings are not focusable by nature; -1 keeps them out of the Tab order.
        if el.tab_index() < 0 && !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = el.focus();
        placed = Some(el);
    }
    if last {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let next =
        Closure::once_into_js(move || focus_when_present(targets, generation, frame + 1, placed));
    let _ = window.request_animation_frame(next.unchecked_ref());
}
