use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::device::signed_in::use_signed_in;
use crate::device::store;
use crate::device::sync_engine::use_sync;
use api::auth::{change_password, logout};
use domain::format;

/// The person's own page: who they are here, sign out, change the password.
#[component]
pub fn Profile() -> impl IntoView {
    let signed_in = use_signed_in();
    let navigate = use_navigate();
    let sync = use_sync();
    let unsynced = move || {
        sync.status.with(|s| s.pending);
        sync.user().map_or(0, |u| store::state(&u).pending.len())
    };
    let sign_out = move |_| {
        let navigate = navigate.clone();
        // A shared tablet: signing out clears this person's data from the device, so it is
        // refused while anything typed has not reached the server.
        if unsynced() > 0 {
            return;
        }
        if let Some(user) = sync.user() {
            store::forget(&user);
        }
        spawn_local(async move {
            // Signed out on the device even when the server cannot be reached; the server ends
            // the session at the next successful call or when it expires.
            let _ = logout().await;
            signed_in.clear();
            navigate("/login", Default::default());
        });
    };
    view! {
        <section class="card" data-testid="profile">
            {move || signed_in.me.get().map(|me| view! {
                <h1>{me.full_name.clone()}</h1>
                <p class="muted">{me.place.clone()}</p>
                <p>"Имя для входа: "<code>{me.username.clone()}</code></p>
                <ul class="plain">
                    {me.roles.iter().map(|r| view! { <li>{r.title()}</li> }).collect_view()}
                </ul>
            })}
            <Show when=move || { unsynced() > 0 }>
                <p class="error-note" role="alert" data-testid="logout-refused">
                    {move || format!(
                        "Выйти нельзя: на устройстве {}. Дождитесь синхронизации или сохраните их в файл («На устройстве»).",
                        format::waiting(unsynced())
                    )}
                </p>
            </Show>
            <button class="secondary" on:click=sign_out data-testid="logout" disabled=move || { unsynced() > 0 }>"Выйти"</button>
        </section>
        <PasswordChange/>
    }
}

#[component]
fn PasswordChange() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match change_password(current.get_untracked(), new.get_untracked()).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    message.set(Some((
                        true,
                        "Пароль изменён. На других устройствах нужно войти заново.".into(),
                    )));
                }
                Err(err) => message.set(Some((false, err.to_string()))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>"Смена пароля"</h2>
            <form class="form" on:submit=submit>
                <label>"Текущий пароль"
                    <input type="password" autocomplete="current-password" required prop:value=current
                        on:input=move |ev| current.set(event_target_value(&ev))/>
                </label>
                <label>"Новый пароль (не меньше 8 символов)"
                    <input type="password" autocomplete="new-password" required prop:value=new
                        on:input=move |ev| new.set(event_target_value(&ev))/>
                </label>
                {move || message.get().map(|(ok, text)| view! {
                    <p class=if ok { "ok-note" } else { "error-note" } role="status">{text}</p>
                })}
                <button type="submit">"Сменить пароль"</button>
            </form>
        </section>
    }
}
