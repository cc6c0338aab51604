use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::device::school_name;
use crate::device::signed_in::use_signed_in;
use api::auth::start_path;

/// `/`: a signed-in person goes to their role's screen; anyone else sees what Mera is and
/// the way in.
#[component]
pub fn Home() -> impl IntoView {
    let signed_in = use_signed_in();
    let school = LocalResource::new(school_name::load);
    move || {
        match signed_in.me.get() {
        Some(me) => view! { <Redirect path=start_path(&me)/> }.into_any(),
        None => view! {
            <section class="card" data-testid="home">
                <h1>{move || school.get().flatten().unwrap_or_else(|| "Мера".into())}</h1>
                <p>"Внутренняя система оценки качества образования: диагностики, показатели, группа риска и план улучшений."</p>
                <Suspense fallback=|| ()>
                    {move || school.get().map(|name| match name {
                        Some(_) => view! { <p><a class="button" href="/login">"Войти"</a></p> }.into_any(),
                        None => view! {
                            <p class="empty">"В базе пока нет ни одной школы. Администратор сервера загружает демонстрационную школу командой «mera demo»."</p>
                        }.into_any(),
                    })}
                </Suspense>
            </section>
        }
        .into_any(),
    }
    }
}
