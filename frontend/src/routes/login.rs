use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::device::signed_in::use_signed_in;
use api::auth::login;
use api::auth::start_path;

#[component]
pub fn Login() -> impl IntoView {
    let signed_in = use_signed_in();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match login(username.get_untracked(), password.get_untracked()).await {
                Ok(me) => {
                    let path = start_path(&me);
                    signed_in.set(me);
                    password.set(String::new());
                    navigate(&path, Default::default());
                }
                Err(err) => error.set(Some(err.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card narrow" data-testid="login">
            <h1>"Вход в Меру"</h1>
            <form on:submit=submit class="form">
                <label>
                    "Имя пользователя"
                    <input
                        name="username"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        prop:value=username
                        on:input=move |ev| username.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "Пароль"
                    <input
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        prop:value=password
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </label>
                <Show when=move || error.get().is_some()>
                    <p class="error-note" role="alert" data-testid="login-error">
                        {move || error.get().unwrap_or_default()}
                    </p>
                </Show>
                <button type="submit" disabled=busy>
                    {move || if busy.get() { "Вход…" } else { "Войти" }}
                </button>
            </form>
            <p class="muted">"Учётную запись выдаёт администратор школы."</p>
        </section>
    }
}
