use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::components::outcome::settle;
use api::subjects::{create_group, create_subject, load_subjects, set_subject_group, SubjectSetup};
use domain::error::AppError;

/// «Предметы и МО»: the school's subjects grouped by МО; a new МО, a new subject, a subject
/// moved to another МО. МО heads are given on the administrator's accounts screen.
#[component]
pub fn SubjectsSection() -> impl IntoView {
    let data = LocalResource::new(load_subjects);
    let message = RwSignal::new(None::<(bool, String)>);
    let done = move |answer: Result<(), AppError>, text: String| {
        if settle(message, answer, text) {
            data.refetch();
        }
    };
    view! {
        <section class="card" data-testid="subjects">
            <h2>"Предметы и МО"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
                {move || data.get().map(|answer| match answer {
                    Ok(setup) => view! { <SubjectTable setup done/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Suspense>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="subjects-message">{text}</p>
            })}
            <p class="muted">"Руководителей МО назначает администратор на экране «Учётные записи»."</p>
        </section>
    }
}

#[component]
fn SubjectTable(
    setup: SubjectSetup,
    done: impl Fn(Result<(), AppError>, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let groups = StoredValue::new(setup.groups);
    let group_name = move |id: Option<i32>| {
        groups.with_value(|gs| {
            id.and_then(|id| gs.iter().find(|g| g.id == id))
                .map(|g| g.name.clone())
                .unwrap_or_else(|| "без МО".into())
        })
    };
    let group_options = move |chosen: Option<i32>| {
        view! {
            <option value="" selected=chosen.is_none()>"Без МО"</option>
            {groups.with_value(|gs| gs.iter().map(|g| view! {
                <option value=g.id.to_string() selected=chosen == Some(g.id)>{g.name.clone()}</option>
            }).collect_view())}
        }
    };
    let new_group = RwSignal::new(String::new());
    let new_subject = RwSignal::new(String::new());
    let new_subject_group = RwSignal::new(None::<i32>);
    let add_group = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_group.get_untracked();
        spawn_local(async move {
            let answer = create_group(name.clone()).await;
            if answer.is_ok() {
                new_group.set(String::new());
            }
            done(answer, format!("МО «{}» добавлено.", name.trim()));
        });
    };
    let add_subject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (name, group) = (
            new_subject.get_untracked(),
            new_subject_group.get_untracked(),
        );
        spawn_local(async move {
            let answer = create_subject(name.clone(), group).await;
            if answer.is_ok() {
                new_subject.set(String::new());
            }
            done(answer, format!("Предмет «{}» добавлен.", name.trim()));
        });
    };
    view! {
        <div class="table-wrap">
            <table data-testid="subject-list">
                <thead><tr><th>"Предмет"</th><th>"МО"</th></tr></thead>
                <tbody>
                    {setup.subjects.into_iter().map(|s| {
                        let (id, name) = (s.id, s.name.clone());
                        let label = format!("МО предмета «{}»", s.name);
                        view! {
                            <tr>
                                <td>{s.name}</td>
                                <td>
                                    <select aria-label=label on:change=move |ev| {
                                        let group = event_target_value(&ev).parse::<i32>().ok();
                                        let name = name.clone();
                                        spawn_local(async move {
                                            let answer = set_subject_group(id, group).await;
                                            done(answer, format!("«{name}»: {}.", group_name(group)));
                                        });
                                    }>
                                        {group_options(s.group_id)}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <form class="form inline" on:submit=add_subject data-testid="new-subject">
            <label>"Новый предмет"
                <input name="subject" required prop:value=new_subject
                    on:input=move |ev| new_subject.set(event_target_value(&ev))/>
            </label>
            <label>"МО"
                <select name="group" data-testid="subject-group" on:change=move |ev| new_subject_group.set(event_target_value(&ev).parse().ok())>
                    {group_options(None)}
                </select>
            </label>
            <button type="submit">"Добавить предмет"</button>
        </form>
        <form class="form inline" on:submit=add_group data-testid="new-group">
            <label>"Новое МО"
                <input name="group" required prop:value=new_group
                    on:input=move |ev| new_group.set(event_target_value(&ev))/>
            </label>
            <button type="submit">"Добавить МО"</button>
        </form>
    }
}
