use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_note::ErrorNote;
use crate::error::AppError;
use crate::format;
use crate::functions::school::{class_roster, ClassDetail};

/// One class: its students and who teaches it what.
#[component]
pub fn Class() -> impl IntoView {
    let params = use_params_map();
    let detail = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
        async move {
            match id {
                Some(id) => class_roster(id).await,
                None => Err(AppError::Invalid("Такого класса нет.".into())),
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || detail.get().map(|answer| match answer {
                Ok(detail) => view! { <ClassView detail/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ClassView(detail: ClassDetail) -> impl IntoView {
    let class = detail.class;
    view! {
        <section class="card" data-testid="class">
            <h1>{format!("{} класс", class.name)}</h1>
            <p>
                "Классный руководитель: "
                {class.class_teacher.unwrap_or_else(|| "не назначен".into())}
            </p>
            <p class="muted">{format::count(class.students, "ученик", "ученика", "учеников")}</p>
        </section>
        <section class="card">
            <h2>"Ученики"</h2>
            {if detail.students.is_empty() {
                view! { <p class="empty">"В классе пока нет учеников."</p> }.into_any()
            } else {
                view! {
                    <ol class="roster" data-testid="roster">
                        {detail.students.into_iter().map(|s| view! {
                            <li>
                                {s.full_name}
                                {s.has_ovz.then(|| view! { <span class="badge" title="ограниченные возможности здоровья">"ОВЗ"</span> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>"Предметы и учителя"</h2>
            <div class="table-wrap">
                <table data-testid="subjects">
                    <thead><tr><th>"Предмет"</th><th>"Учитель"</th></tr></thead>
                    <tbody>
                        {detail.subjects.into_iter().map(|s| view! {
                            <tr><td>{s.subject}</td><td>{s.teachers.join(", ")}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
