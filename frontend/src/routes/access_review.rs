//! «Выданный доступ»: the director reads who was given access to the school's data, by whom
//! and when (the administrator grants roles but sees no children's data himself).

use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::device::clock::local_date_time;
use api::dashboard::load_access_review;

#[component]
pub fn AccessPage() -> impl IntoView {
    let data = LocalResource::new(load_access_review);
    view! {
        <p><a href="/dashboard">"← К сводке"</a></p>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(review) => view! {
                    <section class="card" data-testid="access-review">
                        <h1>"Выданный доступ"</h1>
                        <p class="muted small">{format!(
                            "За {} дней: каждая роль, назначенная в школе, каждая новая учётная \
                             запись и каждый пароль, заданный администратором за сотрудника. \
                             Администратор не видит данных учеников и не может назначить роль себе; \
                             если запись вам незнакома — выясните, кто и зачем её сделал.",
                            review.days
                        )}</p>
                        {if review.events.is_empty() {
                            view! { <p class="empty">"Никому доступ не выдавался."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain access-list">
                                    {review.events.into_iter().map(|e| view! {
                                        <li data-testid="access-event">
                                            <strong>{e.person}</strong>
                                            <span>{format!(" — {}", e.what)}</span>
                                            {e.sees_children.then(|| view! {
                                                <span class="badge">"данные учеников"</span>
                                            })}
                                            <div class="muted small">{format!(
                                                "{}, {}", local_date_time(&e.at), e.by
                                            )}</div>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
