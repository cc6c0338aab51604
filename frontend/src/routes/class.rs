use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::class_term::ClassTerm;
use crate::components::error_note::ErrorNote;
use crate::components::outcome::settle;
use api::class_results::{class_procedures, ProcedureSummary};
use api::school::{class_roster, ClassChoice, ClassDetail};
use api::setup::{move_student, student_leaves};
use domain::error::AppError;
use domain::format;
use leptos::task::spawn_local;

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
    let procedures = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
        async move {
            match id {
                Some(id) => class_procedures(id).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let reload = move || detail.refetch();
    // Lives above the view, which is rebuilt when the roster is loaded again after a move.
    let message = RwSignal::new(None::<(bool, String)>);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || detail.get().map(|answer| match answer {
                Ok(detail) => view! { <ClassView detail reload message/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
            {move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok())).map(|class_id| view! { <ClassTerm class_id/> })}
            {move || procedures.get().and_then(Result::ok).map(|list| view! { <Procedures list/> })}
        </Suspense>
    }
}

/// The procedures the class wrote, with the marks its students got.
#[component]
fn Procedures(list: Vec<ProcedureSummary>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Оценочные процедуры"</h2>
            {if list.is_empty() {
                view! { <p class="empty">"Результатов оценочных процедур по вашим предметам в этом классе пока нет."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table data-testid="procedures">
                            <thead><tr>
                                <th>"Процедура"</th><th class="num">"Писали"</th>
                                <th class="num">"«5»"</th><th class="num">"«4»"</th><th class="num">"«3»"</th><th class="num">"«2»"</th>
                                <th class="num">"Средняя отметка"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|p| {
                                    let mean = p.mean_mark().map(format::decimal).unwrap_or_else(|| "—".into());
                                    let wrote = format!("{} из {}", p.wrote(), p.listed);
                                    view! {
                                        <tr>
                                            <td>
                                                {p.title.clone()}
                                                <div class="muted small">{format::date(&p.held_on)}{p.source.clone().map(|s| format!(" · {s}"))}</div>
                                            </td>
                                            <td class="num">{wrote}</td>
                                            <td class="num">{p.marks[3]}</td>
                                            <td class="num">{p.marks[2]}</td>
                                            <td class="num">{p.marks[1]}</td>
                                            <td class="num">{p.marks[0]}</td>
                                            <td class="num">{mean}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ClassView(
    detail: ClassDetail,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let class = detail.class;
    let move_to = StoredValue::new(detail.move_to);
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
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="move-message">{text}</p>
            })}
            {if detail.students.is_empty() {
                view! { <p class="empty">"В классе пока нет учеников."</p> }.into_any()
            } else {
                view! {
                    <ol class="roster" data-testid="roster">
                        {detail.students.into_iter().map(|s| view! {
                            <li>
                                {s.full_name.clone()}
                                {s.has_ovz.then(|| view! { <span class="badge" title="ограниченные возможности здоровья">"ОВЗ"</span> })}
                                {(!move_to.with_value(Vec::is_empty)).then(|| view! {
                                    <MoveStudent student_id=s.id name=s.full_name.clone() choices=move_to.get_value() message reload/>
                                })}
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

/// «Перевести в …»: for those who may change this class's roster.
#[component]
fn MoveStudent(
    student_id: i32,
    name: String,
    choices: Vec<ClassChoice>,
    message: RwSignal<Option<(bool, String)>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = StoredValue::new(name);
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if value == LEFT {
            leave(student_id, name.get_value(), message, reload);
            return;
        }
        let Ok(class_id) = value.parse::<i32>() else {
            return;
        };
        let target = choices_name(&ev);
        spawn_local(async move {
            match move_student(student_id, class_id).await {
                Ok(()) => {
                    message.set(Some((
                        true,
                        format!("{} переведён(а) в {target}.", name.get_value()),
                    )));
                    reload();
                }
                Err(err) => message.set(Some((false, err.to_string()))),
            }
        });
    };
    view! {
        <select class="move" aria-label=format!("Перевести: {}", name.get_value()) on:change=on_change>
            <option value="" selected>"Перевести в…"</option>
            {choices.into_iter().map(|c| view! { <option value=c.id>{c.name}</option> }).collect_view()}
            <option value=LEFT>"Выбыл(а) из школы"</option>
        </select>
    }
}

/// The choice that takes a student off the list: they left the school.
const LEFT: &str = "left";

/// Asks first, since the student leaves the class list (the results stay).
fn leave(
    student_id: i32,
    name: String,
    message: RwSignal<Option<(bool, String)>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) {
    let question = format!(
        "{name} выбыл(а) из школы? Ученик уйдёт из списка класса, его результаты сохранятся."
    );
    let sure = web_sys::window()
        .and_then(|w| w.confirm_with_message(&question).ok())
        .unwrap_or(false);
    if !sure {
        reload();
        return;
    }
    spawn_local(async move {
        let answer = student_leaves(student_id).await;
        if settle(message, answer, format!("{name} выбыл(а) из школы.")) {
            reload();
        }
    });
}

/// The chosen option's text, for the confirmation.
fn choices_name(ev: &leptos::ev::Event) -> String {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .and_then(|s| s.selected_options().item(0))
        .and_then(|o| o.text_content())
        .unwrap_or_default()
}
