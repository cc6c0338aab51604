use leptos::prelude::*;

use crate::device::{network, offline_shell::OfflineShell};

/// What the device knows about its connection and its offline copy of the app. Once the outbox
/// exists this is where pending changes are counted; until then it states only what is true.
#[component]
pub fn SyncState() -> impl IntoView {
    let online = network::online_signal();
    let offline_ready = expect_context::<OfflineShell>().ready;
    view! {
        <div class="sync-state" role="status" aria-live="polite" data-testid="sync-state">
            <span class=move || if online.get() { "dot online" } else { "dot offline" }></span>
            <span data-testid="network">
                {move || if online.get() { "В сети" } else { "Нет связи" }}
            </span>
            <Show when=move || offline_ready.get()>
                <span class="offline-ready" data-testid="offline-ready">"Работает без сети"</span>
            </Show>
        </div>
    }
}
