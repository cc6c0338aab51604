use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::components::outcome::{settle, Outcome};
use api::accounts::{
    create_account, grant_role, list_accounts, revoke_role, set_password, AccountList, AccountRow,
    GIVEN_BY_SCHOOL, GIVEN_ON_CREATION,
};
use domain::policy::Role;

/// A role's scope field: its label, what the empty choice means, the choices (id, name).
type ScopeField = (&'static str, &'static str, Vec<(i32, String)>);

/// The administrator's screen: who has an account and with which roles; a new account; giving
/// and taking back roles with their scope.
#[component]
pub fn Accounts() -> impl IntoView {
    let list = LocalResource::new(list_accounts);
    let message: Outcome = RwSignal::new(None);
    let refetch = move || list.refetch();
    view! {
        <h1>"Учётные записи"</h1>
        <NewAccount on_created=refetch/>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || list.get().map(|answer| match answer {
                Ok(accounts) => view! {
                    <GiveRole accounts=accounts.clone() on_changed=refetch message/>
                    <NewPassword accounts=accounts.clone()/>
                    <AccountTable accounts on_changed=refetch message/>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// «Сотрудник»: whom a form is about.
fn person_field(rows: &[AccountRow], person: RwSignal<Option<i32>>) -> impl IntoView {
    view! {
        <label>"Сотрудник"
            <select name="account" on:change=move |ev| person.set(event_target_value(&ev).parse().ok())>
                <option value="">"— выберите —"</option>
                {rows.iter().map(|a| view! {
                    <option value=a.id.to_string()>{format!("{} ({})", a.full_name, a.username)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

fn note(message: Outcome) -> impl IntoView {
    move || {
        message.get().map(|(ok, text)| {
            view! {
                <p class=if ok { "ok-note" } else { "error-note" } role="status">{text}</p>
            }
        })
    }
}

#[component]
fn AccountTable(
    accounts: AccountList,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
    message: Outcome,
) -> impl IntoView {
    let revoke = move |grant_id: i32, what: String, who: String| {
        spawn_local(async move {
            let answer = revoke_role(grant_id).await;
            if settle(message, answer, format!("Роль «{what}» снята: {who}.")) {
                on_changed();
            }
        });
    };
    view! {
        <section class="card">
            <p class="muted">{format!("Всего: {}", accounts.rows.len())}</p>
            <div class="table-wrap">
                <table data-testid="accounts">
                    <thead><tr><th>"ФИО"</th><th>"Имя для входа"</th><th>"Роли"</th></tr></thead>
                    <tbody>
                        {accounts.rows.into_iter().map(|a| {
                            let who = a.full_name.clone();
                            view! {
                                <tr>
                                    <td>{a.full_name}</td>
                                    <td><code>{a.username}</code></td>
                                    <td>
                                        <ul class="plain chips">
                                            {a.grants.into_iter().map(|g| {
                                                let (what, who) = (g.title.clone(), who.clone());
                                                let label = format!("Снять роль «{}»", g.title);
                                                view! {
                                                    <li>
                                                        {g.title}" "
                                                        <button type="button" class="link" aria-label=label.clone() title=label
                                                            on:click=move |_| revoke(g.id, what.clone(), who.clone())>"×"</button>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Gives a person one more role; a class teacher, an МО head and a grade-level deputy choose
/// their class, МО or grade level.
#[component]
fn GiveRole(
    accounts: AccountList,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
    message: Outcome,
) -> impl IntoView {
    let person = RwSignal::new(None::<i32>);
    let role = RwSignal::new(Role::Teacher);
    let target = RwSignal::new(None::<i32>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(account_id) = person.get_untracked() else {
            message.set(Some((false, "Выберите сотрудника.".into())));
            return;
        };
        let role = role.get_untracked();
        let target = target.get_untracked();
        let (grade, group, class) = match role {
            Role::Deputy => (target.map(|g| g as i16), None, None),
            Role::MoHead => (None, target, None),
            Role::ClassTeacher => (None, None, target),
            _ => (None, None, None),
        };
        spawn_local(async move {
            let answer = grant_role(account_id, role, grade, group, class).await;
            if settle(
                message,
                answer,
                format!("Роль «{}» назначена.", role.title()),
            ) {
                on_changed();
            }
        });
    };
    let (classes, groups) = (accounts.classes, accounts.groups);
    // A deputy with no grade level chosen is school-wide; the other scoped roles must choose.
    let scope_field = move || -> Option<ScopeField> {
        match role.get() {
            Role::Deputy => Some((
                "Параллель",
                "Вся школа",
                (1..=11).map(|g| (g, format!("{g}-е классы"))).collect(),
            )),
            Role::MoHead => Some((
                "МО",
                "— выберите —",
                groups.iter().map(|g| (g.id, g.name.clone())).collect(),
            )),
            Role::ClassTeacher => Some((
                "Класс",
                "— выберите —",
                classes.iter().map(|c| (c.id, c.name.clone())).collect(),
            )),
            _ => None,
        }
    };
    view! {
        <section class="card">
            <h2>"Назначить роль"</h2>
            <form class="form" on:submit=submit data-testid="give-role">
                {person_field(&accounts.rows, person)}
                <label>"Роль"
                    <select name="role" on:change=move |ev| {
                        if let Some(r) = Role::from_code(&event_target_value(&ev)) {
                            role.set(r);
                            target.set(None);
                        }
                    }>
                        {GIVEN_BY_SCHOOL.iter().map(|r| view! {
                            <option value=r.code() selected=*r == Role::Teacher>{r.title()}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || scope_field().map(|(title, none, choices)| view! {
                    <label>{title}
                        <select name="scope" data-testid="role-scope" on:change=move |ev| target.set(event_target_value(&ev).parse().ok())>
                            <option value="" selected=true>{none}</option>
                            {choices.into_iter().map(|(id, name)| view! {
                                <option value=id.to_string()>{name}</option>
                            }).collect_view()}
                        </select>
                    </label>
                })}
                {note(message)}
                <button type="submit">"Назначить"</button>
            </form>
        </section>
    }
}

#[component]
fn NewAccount(on_created: impl Fn() + Copy + 'static) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let full_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Teacher);
    let message: Outcome = RwSignal::new(None);
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
                {note(message)}
                <button type="submit">"Создать"</button>
            </form>
        </section>
    }
}

/// A new password for someone who forgot hers: the administrator tells it to her in person.
#[component]
fn NewPassword(accounts: AccountList) -> impl IntoView {
    let person = RwSignal::new(None::<i32>);
    let password = RwSignal::new(String::new());
    let message: Outcome = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(account_id) = person.get_untracked() else {
            message.set(Some((false, "Выберите сотрудника.".into())));
            return;
        };
        spawn_local(async move {
            let answer = set_password(account_id, password.get_untracked()).await;
            let text = "Пароль изменён. Сотрудник вышел на всех устройствах; несохранённое на планшете отправится, когда он войдёт с новым паролем.".to_string();
            if settle(message, answer, text) {
                password.set(String::new());
            }
        });
    };
    view! {
        <section class="card">
            <h2>"Новый пароль сотруднику"</h2>
            <form class="form" on:submit=submit data-testid="new-password">
                {person_field(&accounts.rows, person)}
                <label>"Новый пароль (не меньше 8 символов)"
                    <input name="password" type="password" autocomplete="new-password" required prop:value=password
                        on:input=move |ev| password.set(event_target_value(&ev))/>
                </label>
                {note(message)}
                <button type="submit">"Сменить пароль"</button>
            </form>
        </section>
    }
}
