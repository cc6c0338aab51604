//! The service worker seen from the page: is the app shell cached for offline use, and has a
//! new version taken over?

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct OfflineShell {
    /// A service worker controls this page: a reload with no network still opens the app.
    pub ready: ReadSignal<bool>,
    /// A newer service worker replaced the one that was controlling this page.
    pub updated: ReadSignal<bool>,
}

/// Follows the service worker for the life of the page; call once, in the app's root.
pub fn watch() -> OfflineShell {
    let container = window().navigator().service_worker();
    let (ready, set_ready) = signal(container.controller().is_some());
    let (updated, set_updated) = signal(false);
    // The first worker to take over makes the app available offline; any later one is a new
    // version (also when the page was opened before the first worker existed).
    let on_change = Closure::<dyn Fn()>::new(move || {
        if ready.get_untracked() {
            set_updated.set(true);
        }
        set_ready.set(true);
    });
    let _ = container
        .add_event_listener_with_callback("controllerchange", on_change.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_change.forget();
    OfflineShell { ready, updated }
}

pub fn reload() {
    let _ = window().location().reload();
}
