//! Effects through one type-erased constructor.
//!
//! `Effect::new` is generic over its closure, and each instance carries its
//! own copy of the effect's task (the async loop that waits for a change,
//! re-tracks and re-runs): about 1.4 KB of WASM per call site. Boxing the
//! closure first leaves one instance for the whole app; the cost is a
//! virtual call per run, which no effect here runs often enough to notice.

use leptos::prelude::Effect;

/// Runs `f` once the page has settled, and again whenever a signal it read
/// changes.
pub fn effect(mut f: impl FnMut() + 'static) {
    erased(Box::new(move |_| {
        f();
        false
    }));
}

/// Runs `f` like [`effect`] until it returns `true`, then never again: the
/// last run reads no signal, so nothing can wake it.
pub fn effect_until(mut f: impl FnMut() -> bool + 'static) {
    erased(Box::new(move |done| done == Some(true) || f()));
}

#[inline(never)]
fn erased(f: Box<dyn FnMut(Option<bool>) -> bool>) {
    Effect::new(f);
}
