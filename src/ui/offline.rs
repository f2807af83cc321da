//! Service worker registration, the "new version / new data" notice, and
//! the offline indicator.

use leptos::prelude::*;

/// Registers the service worker where that is possible and wanted.
pub fn install() {}

#[component]
pub fn OfflineStatus() -> impl IntoView {}
