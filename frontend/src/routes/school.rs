use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::term_table::TermTable;
use crate::routes::plan::PlanDigest;
use api::school::{school_overview, ClassSummary, SchoolInfo};
use domain::format;

/// The school through its leadership's eyes: the year, the classes by grade level, the МО.
#[component]
pub fn School() -> impl IntoView {
    let info = LocalResource::new(school_overview);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || info.get().map(|answer| match answer {
                Ok(info) => view! { <SchoolView info/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn SchoolView(info: SchoolInfo) -> impl IntoView {
    let students = info.students();
    let status = match (info.is_shnor, info.is_shnsu) {
        (true, true) => Some("ШНОР, ШНСУ"),
        (true, false) => Some("ШНОР"),
        (false, true) => Some("ШНСУ"),
        _ => None,
    };
    let mut grades: Vec<(i16, Vec<ClassSummary>)> = Vec::new();
    for class in info.classes.clone() {
        match grades.last_mut() {
            Some((grade, list)) if *grade == class.grade => list.push(class),
            _ => grades.push((class.grade, vec![class])),
        }
    }
    view! {
        <section class="card" data-testid="school">
            <h1>{info.short_name.clone()}</h1>
            <p class="muted">{info.full_name.clone()}</p>
            {status.map(|s| view! { <p class="badge warn">{s}</p> })}
            <dl class="figures">
                <div><dt>"Учебный год"</dt><dd>{info.year.clone().unwrap_or_else(|| "не задан".into())}</dd></div>
                <div><dt>"Классов"</dt><dd data-testid="class-count">{info.classes.len()}</dd></div>
                <div><dt>"Обучающихся"</dt><dd data-testid="student-count">{students}</dd></div>
                <div><dt>"Сотрудников"</dt><dd>{info.staff}</dd></div>
            </dl>
        </section>
        <PlanDigest/>
        <TermTable/>
        <section class="card">
            <h2>"Четверти"</h2>
            {if info.terms.is_empty() {
                view! { <p class="empty">"Четверти учебного года ещё не заданы."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {info.terms.iter().map(|t| view! {
                            <li>{t.name.clone()}": "{format::date(&t.starts_on)}" — "{format::date(&t.ends_on)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>"Классы"</h2>
            {if grades.is_empty() {
                view! { <p class="empty">"Классы этого учебного года ещё не созданы."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table data-testid="classes">
                            <thead><tr><th>"Класс"</th><th class="num">"Учеников"</th><th>"Классный руководитель"</th></tr></thead>
                            <tbody>
                                {grades.into_iter().map(|(grade, classes)| view! {
                                    <tr class="group"><th colspan="3">{format!("{grade} классы")}</th></tr>
                                    {classes.into_iter().map(|c| view! { <ClassRow class=c/> }).collect_view()}
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>"Методические объединения"</h2>
            <ul class="plain groups">
                {info.groups.iter().map(|g| view! {
                    <li>
                        <strong>{g.name.clone()}</strong>
                        {g.head.clone().map(|h| view! { <span class="muted">" — руководитель "{h}</span> })}
                        <div class="muted small">{g.subjects.join(", ")}</div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn ClassRow(class: ClassSummary) -> impl IntoView {
    let name = if class.can_open {
        view! { <a href=format!("/classes/{}", class.id)>{class.name.clone()}</a> }.into_any()
    } else {
        view! { <span>{class.name.clone()}</span> }.into_any()
    };
    view! {
        <tr>
            <td>{name}</td>
            <td class="num">{class.students}</td>
            <td>{class.class_teacher.unwrap_or_else(|| "не назначен".into())}</td>
        </tr>
    }
}
