use leptos::prelude::*;
use leptos_router::components::A;

use super::sync_state::SyncState;
use crate::device::school_name;

/// The top bar on every screen: product, school, the device's connection state and the user.
#[component]
pub fn Header() -> impl IntoView {
    let school = LocalResource::new(school_name::load);
    let school_text = move || {
        school
            .get()
            .flatten()
            .unwrap_or_else(|| "Школа не выбрана".to_string())
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">{crate::PRODUCT_NAME}</a>
            <span class="school" data-testid="school-name">{school_text}</span>
            <SyncState/>
            <span class="user" data-testid="user">"Вход не выполнен"</span>
        </header>
        <nav class="nav" aria-label="Разделы">
            <A href="/" exact=true>"Главная"</A>
        </nav>
    }
}
