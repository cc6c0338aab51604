use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Страница не найдена"</h1>
            <p><a href="/">"Вернуться на главную"</a></p>
        </section>
    }
}
