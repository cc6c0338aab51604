use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::sync_state::SyncState;
use crate::device::school_name;
use crate::device::signed_in::use_signed_in;
use api::auth::SCHOOL_ROLES;
use api::schedule::SCHEDULE_READERS;
use domain::policy::Role;

/// The top bar on every screen: product, school, the device's connection state and the user;
/// below it the sections the person's roles open.
#[component]
pub fn Header() -> impl IntoView {
    let signed_in = use_signed_in();
    let installation = LocalResource::new(school_name::load);
    let place = move || {
        signed_in
            .me
            .with(|me| me.as_ref().and_then(|me| me.place.clone()))
            .or_else(|| installation.get().flatten())
            .unwrap_or_else(|| "Школа не выбрана".to_string())
    };
    let user = move || {
        let name = signed_in
            .me
            .with(|me| me.as_ref().map(|me| me.full_name.clone()));
        match name {
            Some(name) => view! { <A href="/profile">{name}</A> }.into_any(),
            None => view! { <A href="/login">"Войти"</A> }.into_any(),
        }
    };
    let shows = move |roles: &'static [Role]| move || signed_in.has(roles);
    view! {
        <header class="topbar">
            <a class="brand" href="/">{domain::PRODUCT_NAME}</a>
            <span class="school" data-testid="school-name">{place}</span>
            <SyncState/>
            <span class="user" data-testid="user">{user}</span>
        </header>
        <nav class="nav" aria-label="Разделы" data-testid="nav">
            <Show when=shows(&SCHOOL_ROLES)>
                <A href="/dashboard">"Сводка"</A>
            </Show>
            <Show when=shows(&SCHOOL_ROLES)>
                <A href="/analysis">"Анализ"</A>
            </Show>
            <Show when=shows(&SCHOOL_ROLES)>
                <A href="/school">"Школа"</A>
            </Show>
            <Show when=shows(&[Role::Teacher, Role::ClassTeacher])>
                <A href="/classes">"Мои классы"</A>
            </Show>
            <Show when=shows(&[Role::Teacher, Role::ClassTeacher, Role::Deputy, Role::Director, Role::MoHead, Role::Council])>
                <A href="/procedures">"Работы"</A>
            </Show>
            <Show when=shows(&SCHEDULE_READERS)>
                <A href="/schedule">"График"</A>
            </Show>
            <Show when=shows(&SCHOOL_ROLES)>
                <A href="/plans">"План"</A>
            </Show>
            <Show when=move || signed_in.me.with(|me| me.as_ref().is_some_and(|me| me.roles.iter().any(|r| r.is_school_staff())))>
                <A href="/measures">"Мои мероприятия"</A>
            </Show>
            <Show when=shows(&[Role::Municipal])>
                <A href="/municipality">"Округ"</A>
            </Show>
            <Show when=move || signed_in.me.with(|me| me.as_ref().is_some_and(|me| me.can_set_up))>
                <A href="/setup">"Настройка"</A>
            </Show>
            <Show when=shows(&[Role::Admin])>
                <A href="/accounts">"Учётные записи"</A>
            </Show>
            <Show when=move || signed_in.me.with(Option::is_some)>
                <A href="/profile">"Профиль"</A>
            </Show>
        </nav>
    }
}
