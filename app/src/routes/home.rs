use leptos::prelude::*;

use crate::device::school_name;

/// The start screen. It says plainly what is in the database, and nothing more.
#[component]
pub fn Home() -> impl IntoView {
    let school = LocalResource::new(school_name::load);
    view! {
        <section class="card" data-testid="home">
            <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
                {move || school.get().map(|name| match name {
                    Some(name) => view! {
                        <h1>{name}</h1>
                        <p class="empty">"Данных для показа пока нет."</p>
                    }.into_any(),
                    None => view! {
                        <h1>"Мера"</h1>
                        <p>"Внутренняя система оценки качества образования: диагностики, показатели, группа риска и план улучшений."</p>
                        <p class="empty">"В базе пока нет ни одной школы. Администратор сервера загружает демонстрационную школу командой «mera demo»."</p>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
