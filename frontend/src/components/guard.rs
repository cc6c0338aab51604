use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::device::signed_in::use_signed_in;
use domain::policy::Role;

/// Shows its children to a signed-in person holding one of `roles` (any role when empty);
/// sends everyone else to the login page. The server checks again on every call: this only
/// keeps people from screens that would refuse them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Loading,
    SignIn,
    Denied,
    Allowed,
}

#[component]
pub fn Guard(#[prop(optional)] roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let signed_in = use_signed_in();
    let children = StoredValue::new(children);
    // Only a change of access redraws the screen: a fresh copy of the same person (the app
    // starts from the device's copy, then asks the server) must not throw away what is on it.
    let access = Memo::new(move |_| match signed_in.me.with(Option::is_some) {
        false if !signed_in.checked.get() => Access::Loading,
        false => Access::SignIn,
        true if !roles.is_empty() && !signed_in.has(roles) => Access::Denied,
        true => Access::Allowed,
    });
    move || match access.get() {
        Access::Loading => view! { <p class="muted">"Загрузка…"</p> }.into_any(),
        Access::SignIn => view! { <Redirect path="/login"/> }.into_any(),
        Access::Denied => view! {
            <section class="card" data-testid="no-access">
                <h1>"Нет доступа"</h1>
                <p>"Этот раздел не относится к вашим ролям."</p>
                <p><a href="/">"На главную"</a></p>
            </section>
        }
        .into_any(),
        Access::Allowed => children.with_value(|c| c()).into_any(),
    }
}
