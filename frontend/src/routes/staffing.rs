use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::components::outcome::settle;
use api::staffing::{assign_teaching, load_staffing, remove_teaching, set_class_teacher, Staffing};
use domain::error::AppError;

/// «Учебная нагрузка»: for one class at a time, its class teacher and who teaches what.
#[component]
pub fn StaffingSection() -> impl IntoView {
    let data = LocalResource::new(load_staffing);
    let class_id = RwSignal::new(None::<i32>);
    let message = RwSignal::new(None::<(bool, String)>);
    let done = move |answer: Result<(), AppError>, text: String| {
        if settle(message, answer, text) {
            data.refetch();
        }
    };
    view! {
        <section class="card" data-testid="staffing">
            <h2>"Учебная нагрузка"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
                {move || data.get().map(|answer| match answer {
                    Ok(s) if s.classes.is_empty() => view! {
                        <p class="empty">"Сначала добавьте классы."</p>
                    }.into_any(),
                    Ok(s) => {
                        if class_id.get_untracked().is_none() {
                            class_id.set(s.classes.first().map(|c| c.id));
                        }
                        view! { <ClassStaffing s class_id done/> }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Suspense>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="staffing-message">{text}</p>
            })}
        </section>
    }
}

#[component]
fn ClassStaffing(
    s: Staffing,
    class_id: RwSignal<Option<i32>>,
    done: impl Fn(Result<(), AppError>, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let s = StoredValue::new(s);
    let subject = RwSignal::new(None::<i32>);
    let teacher = RwSignal::new(None::<i32>);
    let parse = |ev: &leptos::ev::Event| event_target_value(ev).parse::<i32>().ok();
    let class_name = move || {
        s.with_value(|s| {
            s.classes
                .iter()
                .find(|c| Some(c.id) == class_id.get())
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    };
    let lead = move |ev: leptos::ev::Event| {
        let (Some(class), Some(person)) = (class_id.get_untracked(), parse(&ev)) else {
            return;
        };
        let text = format!("Классный руководитель {} назначен.", class_name());
        spawn_local(async move { done(set_class_teacher(class, person).await, text) });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(class), Some(subj), Some(person)) = (
            class_id.get_untracked(),
            subject.get_untracked(),
            teacher.get_untracked(),
        ) else {
            done(
                Err(AppError::Invalid("Выберите предмет и учителя.".into())),
                String::new(),
            );
            return;
        };
        let text = format!("Нагрузка в {} назначена.", class_name());
        spawn_local(async move { done(assign_teaching(class, subj, person).await, text) });
    };
    view! {
        <label>"Класс"
            <select name="class" on:change=move |ev| class_id.set(parse(&ev))>
                {s.with_value(|s| s.classes.iter().map(|c| view! {
                    <option value=c.id selected=Some(c.id) == class_id.get_untracked()>{c.name.clone()}</option>
                }).collect_view())}
            </select>
        </label>
        {move || {
            let current = class_id.get();
            let lead_id = s.with_value(|s| s.class_teachers.iter().find(|(c, _)| Some(*c) == current).map(|(_, a)| *a));
            view! {
                <label>"Классный руководитель"
                    <select name="class_teacher" on:change=lead>
                        <option value="" selected=lead_id.is_none()>"не назначен"</option>
                        {s.with_value(|s| s.teachers.iter().map(|t| view! {
                            <option value=t.id selected=Some(t.id) == lead_id>{t.name.clone()}</option>
                        }).collect_view())}
                    </select>
                </label>
                <div class="table-wrap">
                    <table data-testid="teaching">
                        <thead><tr><th>"Предмет"</th><th>"Учитель"</th><th></th></tr></thead>
                        <tbody>
                            {s.with_value(|s| s.teaching.iter().filter(|t| Some(t.class_id) == current).cloned().collect::<Vec<_>>())
                                .into_iter()
                                .map(|t| {
                                    let (subject, teacher) = (t.subject.clone(), t.teacher.clone());
                                    let remove = move |_| {
                                        let text = format!("Назначение снято: {}, {}.", t.subject, t.teacher);
                                        spawn_local(async move {
                                            done(remove_teaching(t.class_id, t.subject_id, t.account_id).await, text)
                                        });
                                    };
                                    view! {
                                        <tr>
                                            <td>{subject}</td>
                                            <td>{teacher}</td>
                                            <td><button type="button" class="secondary small" on:click=remove>"Снять"</button></td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }}
        <form class="form inline" on:submit=add>
            <label>"Предмет"
                <select name="subject" on:change=move |ev| subject.set(parse(&ev))>
                    <option value="">"—"</option>
                    {s.with_value(|s| s.subjects.iter().map(|x| view! { <option value=x.id>{x.name.clone()}</option> }).collect_view())}
                </select>
            </label>
            <label>"Учитель"
                <select name="teacher" on:change=move |ev| teacher.set(parse(&ev))>
                    <option value="">"—"</option>
                    {s.with_value(|s| s.teachers.iter().map(|x| view! { <option value=x.id>{x.name.clone()}</option> }).collect_view())}
                </select>
            </label>
            <button type="submit">"Назначить"</button>
        </form>
    }
}
