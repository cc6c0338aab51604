use leptos::prelude::*;
use leptos_router::components::A;

use crate::device::network;
use crate::device::offline_shell::OfflineShell;
use crate::device::sync_engine::{use_sync, Phase};
use domain::format;

/// What the device knows right now: the connection, what is saved on it and waiting to be sent,
/// when it last synced, and whether the user must sign in again. Opens «На устройстве».
#[component]
pub fn SyncState() -> impl IntoView {
    let online = network::online_signal();
    let offline_ready = expect_context::<OfflineShell>().ready;
    let sync = use_sync();
    let status = sync.status;
    let outbox = move || {
        let s = status.get();
        if s.storage_error.is_some() {
            return "Не удалось сохранить на устройстве".to_string();
        }
        if s.phase == Phase::NeedsLogin {
            return "Нужно войти снова".to_string();
        }
        if s.pending > 0 {
            return format!("Сохранено на устройстве · {}", format::waiting(s.pending));
        }
        match (&s.phase, &s.last_sync) {
            (Phase::Syncing, _) => "Синхронизация…".to_string(),
            (_, Some(at)) => {
                let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
                format!(
                    "Синхронизировано в {}",
                    format::clock_time(date.get_hours(), date.get_minutes())
                )
            }
            _ => String::new(),
        }
    };
    let attention = move || status.with(|s| s.attention);
    view! {
        <div class="sync-state" role="status" aria-live="polite" data-testid="sync-state">
            <span class=move || if online.get() { "dot online" } else { "dot offline" }></span>
            <span data-testid="network">
                {move || if online.get() { "В сети" } else { "Нет связи" }}
            </span>
            <A href="/device" attr:class="outbox" attr:data-testid="outbox">{outbox}</A>
            <Show when=move || { attention() > 0 }>
                <A href="/device" attr:class="badge warn" attr:data-testid="attention">
                    {move || format!("Требует внимания: {}", attention())}
                </A>
            </Show>
            <Show when=move || offline_ready.get()>
                <span class="offline-ready" data-testid="offline-ready">"Работает без сети"</span>
            </Show>
        </div>
    }
}
