//! An effect that finishes.

use leptos::prelude::Effect;

/// Runs `f` like `Effect::new` until it returns `true`, then never again:
/// the last run reads no signal, so nothing can wake it.
pub fn effect_until(mut f: impl FnMut() -> bool + 'static) {
    Effect::new(move |done: Option<bool>| done == Some(true) || f());
}
