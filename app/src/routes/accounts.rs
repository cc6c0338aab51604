use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::functions::accounts::{create_account, list_accounts, GIVEN_ON_CREATION};
use crate::policy::Role;

/// The administrator's screen: who has an account and with which roles; a new account.
#[component]
pub fn Accounts() -> impl IntoView {
    let list = LocalResource::new(list_accounts);
    view! {
        <h1>"Учётные записи"</h1>
        <NewAccount on_created=move || list.refetch()/>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || list.get().map(|answer| match answer {
                Ok(rows) => view! {
                    <section class="card">
                        <p class="muted">{format!("Всего: {}", rows.len())}</p>
                        <div class="table-wrap">
                            <table data-testid="accounts">
                                <thead><tr><th>"ФИО"</th><th>"Имя для входа"</th><th>"Роли"</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|a| view! {
                                        <tr><td>{a.full_name}</td><td><code>{a.username}</code></td><td>{a.roles.join("; ")}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn NewAccount(on_created: impl Fn() + Copy + 'static) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Teacher);
    let message = RwSignal::new(None::<(bool, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let answer = create_account(
                username.get_untracked(),
                full_name.get_untracked(),
                password.get_untracked(),
                role.get_untracked(),
            )
            .await;
            match answer {
                Ok(row) => {
                    message.set(Some((
                        true,
                        format!("Учётная запись «{}» создана.", row.username),
                    )));
                    username.set(String::new());
                    full_name.set(String::new());
                    password.set(String::new());
                    on_created();
                }
                Err(err) => message.set(Some((false, err.to_string()))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>"Новая учётная запись"</h2>
            <form class="form" on:submit=submit data-testid="new-account">
                <label>"ФИО"
                    <input name="full_name" required prop:value=full_name
                        on:input=move |ev| full_name.set(event_target_value(&ev))/>
                </label>
                <label>"Имя для входа (латиницей)"
                    <input name="username" required autocapitalize="none" prop:value=username
                        on:input=move |ev| username.set(event_target_value(&ev))/>
                </label>
                <label>"Начальный пароль (не меньше 8 символов)"
                    <input name="password" type="password" autocomplete="new-password" required prop:value=password
                        on:input=move |ev| password.set(event_target_value(&ev))/>
                </label>
                <label>"Роль"
                    <select name="role" on:change=move |ev| {
                        if let Some(r) = Role::from_code(&event_target_value(&ev)) { role.set(r) }
                    }>
                        {GIVEN_ON_CREATION.iter().map(|r| view! {
                            <option value=r.code() selected=*r == Role::Teacher>{r.title()}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || message.get().map(|(ok, text)| view! {
                    <p class=if ok { "ok-note" } else { "error-note" } role="status">{text}</p>
                })}
                <button type="submit">"Создать"</button>
            </form>
        </section>
    }
}
