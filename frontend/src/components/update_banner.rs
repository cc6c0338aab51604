use leptos::prelude::*;

use crate::device::offline_shell::{self, OfflineShell};

/// Shown when a new version of the app has taken over this tab's service worker. The page keeps
/// running the old wasm until the user chooses to reload, so nobody loses what is on screen.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let updated = expect_context::<OfflineShell>().updated;
    view! {
        <Show when=move || updated.get()>
            <div class="update-banner" role="alert" data-testid="update-banner">
                <span>"Вышла новая версия Меры."</span>
                <button type="button" on:click=|_| offline_shell::reload()>"Обновить"</button>
            </div>
        </Show>
    }
}
