use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use api::school::my_classes;
use domain::format;

/// «Мои классы»: the classes a teacher teaches and the one she leads.
#[component]
pub fn MyClasses() -> impl IntoView {
    let classes = LocalResource::new(my_classes);
    view! {
        <h1>"Мои классы"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || classes.get().map(|answer| match answer {
                Ok(list) if list.is_empty() => view! {
                    <p class="card empty">"У вас пока нет классов. Учебную нагрузку вносит заместитель директора."</p>
                }.into_any(),
                Ok(list) => view! {
                    <ul class="tiles" data-testid="my-classes">
                        {list.into_iter().map(|c| view! {
                            <li>
                                <a class="tile" href=format!("/classes/{}", c.class.id)>
                                    <strong class="tile-title">{c.class.name.clone()}</strong>
                                    {c.own_class.then(|| view! { <span class="badge">"классное руководство"</span> })}
                                    <span>{c.subjects.join(", ")}</span>
                                    <span class="muted">{format::count(c.class.students, "ученик", "ученика", "учеников")}</span>
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
