use leptos::prelude::*;

/// `true` while the browser believes it is online, following the `online`/`offline` events
/// (leptos-use has no hook for these).
pub fn online_signal() -> ReadSignal<bool> {
    let initial = window().navigator().on_line();
    let (online, set_online) = signal(initial);
    let on = window_event_listener_untyped("online", move |_| set_online.set(true));
    let off = window_event_listener_untyped("offline", move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}
