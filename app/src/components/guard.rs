use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::device::signed_in::use_signed_in;
use crate::policy::Role;

/// Shows its children to a signed-in person holding one of `roles` (any role when empty);
/// sends everyone else to the login page. The server checks again on every call: this only
/// keeps people from screens that would refuse them.
#[component]
pub fn Guard(#[prop(optional)] roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let signed_in = use_signed_in();
    let children = StoredValue::new(children);
    move || {
        let me = signed_in.me.get();
        match me {
            None if !signed_in.checked.get() => {
                view! { <p class="muted">"Загрузка…"</p> }.into_any()
            }
            None => view! { <Redirect path="/login"/> }.into_any(),
            Some(_) if !roles.is_empty() && !signed_in.has(roles) => view! {
                <section class="card" data-testid="no-access">
                    <h1>"Нет доступа"</h1>
                    <p>"Этот раздел не относится к вашим ролям."</p>
                    <p><a href="/">"На главную"</a></p>
                </section>
            }
            .into_any(),
            Some(_) => children.with_value(|c| c()).into_any(),
        }
    }
}
