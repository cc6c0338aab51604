//! «Новая работа»: the deputy, an МО head or a teacher makes a procedure. The paper starts
//! empty, from the catalogue of known papers or from an earlier procedure, and every way ends in
//! the same form: tasks by row (a new row on Enter in the last one), the scale, and the checks
//! of `domain::paper` shown as they are typed.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::components::error_note::ErrorNote;
use crate::components::tasks_file::TasksFromFile;
use api::procedure_setup::{
    create_procedure, load_procedure_setup, school_own, ProcedureDraft, ProcedureSetup,
};
use domain::assessment::{ProcedureKind, Scale, Stage};
use domain::paper::catalogue::ILLUSTRATIVE;
use domain::paper::{proposed_title, Paper, Task};

#[component]
pub fn ProcedureSetupPage() -> impl IntoView {
    let data = LocalResource::new(load_procedure_setup);
    view! {
        <h1>"Новая работа"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(setup) => view! { <ProcedureForm setup/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

fn empty_task(n: usize) -> Task {
    Task {
        label: n.to_string(),
        max_score: 1,
        ..Task::default()
    }
}

#[component]
fn ProcedureForm(setup: ProcedureSetup) -> impl IntoView {
    let setup = StoredValue::new(setup);
    let any_kind = setup.with_value(|s| s.allowed.iter().any(|a| a.any_kind));
    let kinds: Vec<ProcedureKind> = ProcedureKind::ALL
        .into_iter()
        .filter(|k| any_kind || school_own(*k))
        .collect();
    let kind = RwSignal::new(if any_kind {
        ProcedureKind::Vpr
    } else {
        ProcedureKind::Control
    });
    let stage = RwSignal::new(None::<Stage>);
    let subject = RwSignal::new(setup.with_value(|s| s.subjects.first().map(|s| s.id)));
    let grade = RwSignal::new(setup.with_value(|s| s.classes.first().map(|c| c.grade)));
    let chosen = RwSignal::new(BTreeSet::<i32>::new());
    let held_on = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let tasks = RwSignal::new(vec![empty_task(1)]);
    let scale = RwSignal::new(Scale {
        mark3_from: 1,
        mark4_from: 2,
        mark5_from: 3,
    });
    let source = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);

    // Classes of the chosen grade where the chosen subject and kind are the asker's to make.
    let classes = Memo::new(move |_| {
        let (k, s, g) = (kind.get(), subject.get(), grade.get());
        setup.with_value(|set| {
            set.classes
                .iter()
                .filter(|c| Some(c.grade) == g)
                .filter(|c| {
                    set.allowed.iter().any(|a| {
                        a.class_id == c.id
                            && Some(a.subject_id) == s
                            && (a.any_kind || school_own(k))
                    })
                })
                .map(|c| (c.id, c.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let paper = Memo::new(move |_| Paper {
        tasks: tasks.get(),
        scale: scale.get(),
    });
    let problems = Memo::new(move |_| paper.get().problems());
    let subject_name = move || {
        setup.with_value(|s| {
            s.subjects
                .iter()
                .find(|x| Some(x.id) == subject.get())
                .map(|x| x.name.clone())
                .unwrap_or_default()
        })
    };
    let proposed = move || {
        proposed_title(
            kind.get(),
            stage.get(),
            &subject_name(),
            grade.get().unwrap_or(0),
        )
    };

    let start_from = move |value: String| {
        let set = setup.get_value();
        if let Some(key) = value.strip_prefix("known:") {
            if let Some(p) = set.catalogue.iter().find(|p| p.key == key) {
                kind.set(p.kind);
                grade.set(Some(p.grade));
                if let Some(s) = set.subjects.iter().find(|s| s.name == p.subject) {
                    subject.set(Some(s.id));
                }
                tasks.set(p.paper.tasks.clone());
                scale.set(p.paper.scale);
                source.set(Some(p.source.clone()));
            }
        } else if let Some(id) = value
            .strip_prefix("copy:")
            .and_then(|v| v.parse::<i32>().ok())
        {
            if let Some(p) = set.earlier.iter().find(|p| p.id == id) {
                grade.set(Some(p.grade));
                subject.set(Some(p.subject_id));
                tasks.set(p.paper.tasks.clone());
                scale.set(p.paper.scale);
                source.set(Some(format!("Копия работы «{}» ({})", p.title, p.year)));
            }
        } else {
            tasks.set(vec![empty_task(1)]);
            source.set(None);
        }
        chosen.set(BTreeSet::new());
    };

    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(subject_id) = subject.get_untracked() else {
            failure.set(Some("Выберите предмет.".into()));
            return;
        };
        let draft = ProcedureDraft {
            kind: kind.get_untracked(),
            stage: stage.get_untracked(),
            subject_id,
            grade: grade.get_untracked().unwrap_or(0),
            class_ids: chosen.get_untracked().into_iter().collect(),
            held_on: held_on.get_untracked(),
            title: title.get_untracked(),
            paper: paper.get_untracked(),
            source: source.get_untracked(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match create_procedure(draft).await {
                Ok(id) => navigate(&format!("/procedures/{id}"), Default::default()),
                Err(err) => failure.set(Some(err.to_string())),
            }
        });
    };

    let grades: BTreeSet<i16> = setup.with_value(|s| s.classes.iter().map(|c| c.grade).collect());
    view! {
        <form class="form card" on:submit=submit data-testid="new-procedure">
            <label>"Начать с"
                <select data-testid="start-from" on:change=move |ev| start_from(event_target_value(&ev))>
                    <option value="">"пустой работы"</option>
                    <optgroup label="Известные работы">
                        {setup.with_value(|s| s.catalogue.iter().map(|p| {
                            let note = if p.scale_confirmed { String::new() } else { format!(" — шкала: {ILLUSTRATIVE}") };
                            view! { <option value=format!("known:{}", p.key)>{format!("{}{note}", p.title())}</option> }
                        }).collect_view())}
                    </optgroup>
                    <optgroup label="Копия прежней работы">
                        {setup.with_value(|s| s.earlier.iter().map(|p| view! {
                            <option value=format!("copy:{}", p.id)>{format!("{} · {}", p.title, p.year)}</option>
                        }).collect_view())}
                    </optgroup>
                </select>
            </label>
            {move || source.get().map(|s| view! { <p class="muted" data-testid="paper-source">{s}</p> })}
            <div class="form inline">
                <label>"Вид"
                    <select data-testid="kind" on:change=move |ev| {
                        if let Some(k) = ProcedureKind::from_code(&event_target_value(&ev)) { kind.set(k) }
                    }>
                        {kinds.iter().map(|k| {
                            let k = *k;
                            view! { <option value=k.code() selected=move || kind.get() == k>{k.title()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>"Этап"
                    <select data-testid="stage" on:change=move |ev| stage.set(Stage::from_code(&event_target_value(&ev)))>
                        <option value="">"—"</option>
                        {Stage::ALL.map(|s| view! { <option value=s.code()>{s.title()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Предмет"
                    <select data-testid="subject" on:change=move |ev| subject.set(event_target_value(&ev).parse().ok())>
                        {setup.with_value(|s| s.subjects.iter().map(|x| {
                            let id = x.id;
                            view! { <option value=id.to_string() selected=move || subject.get() == Some(id)>{x.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
                <label>"Параллель"
                    <select data-testid="grade" on:change=move |ev| { grade.set(event_target_value(&ev).parse().ok()); chosen.set(BTreeSet::new()); }>
                        {grades.into_iter().map(|g| view! {
                            <option value=g.to_string() selected=move || grade.get() == Some(g)>{format!("{g} класс")}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Дата"
                    <input type="date" required data-testid="held-on" prop:value=held_on on:input=move |ev| held_on.set(event_target_value(&ev))/>
                </label>
            </div>
            <fieldset data-testid="classes">
                <legend>"Классы"</legend>
                {move || {
                    let list = classes.get();
                    if list.is_empty() {
                        return view! { <p class="muted">"Для этого предмета и вида работы в параллели нет ваших классов."</p> }.into_any();
                    }
                    list.into_iter().map(|(id, name)| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |_| chosen.update(|c| if !c.remove(&id) { c.insert(id); })/>
                            {name}
                        </label>
                    }).collect_view().into_any()
                }}
            </fieldset>
            <label>"Название"
                <input data-testid="title" prop:value=title placeholder=proposed on:input=move |ev| title.set(event_target_value(&ev))/>
            </label>
            <TasksFromFile tasks/>
            <TaskTable tasks/>
            <ScaleFields scale paper/>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="error-note" data-testid="paper-problems">
                        {list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                })
            }}
            {move || failure.get().map(|text| view! { <p class="error-note" role="status" data-testid="create-failure">{text}</p> })}
            <button type="submit" data-testid="create-procedure" disabled=move || !problems.get().is_empty() || chosen.get().is_empty()>
                "Создать работу"
            </button>
        </form>
    }
}

#[component]
fn TaskTable(tasks: RwSignal<Vec<Task>>) -> impl IntoView {
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut Task)>| {
        tasks.update(|ts| {
            if let Some(t) = ts.get_mut(i) {
                f(t)
            }
        })
    };
    let add = move || tasks.update(|ts| ts.push(empty_task(ts.len() + 1)));
    // Enter in the last row adds a row: a paper is typed top to bottom without the mouse.
    let enter_adds = move |i: usize| {
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Enter" {
                ev.prevent_default();
                if i + 1 == tasks.with_untracked(Vec::len) {
                    add();
                }
            }
        }
    };
    view! {
        <div class="table-wrap">
            <table data-testid="tasks">
                <thead><tr><th>"№"</th><th>"Макс. балл"</th><th>"Уровень"</th><th>"Тема"</th><th>"Код"</th><th></th></tr></thead>
                <tbody>
                    {move || tasks.get().into_iter().enumerate().map(|(i, t)| view! {
                        <tr>
                            <td><input aria-label=format!("Номер задания {}", i + 1) prop:value=t.label.clone() size="5"
                                on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |t| t.label = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><input type="number" min="1" aria-label=format!("Максимальный балл задания {}", i + 1) prop:value=t.max_score.to_string()
                                on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(0); edit(i, Box::new(move |t| t.max_score = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><select aria-label=format!("Уровень задания {}", i + 1)
                                on:change=move |ev| { let v = event_target_value(&ev) == "П"; edit(i, Box::new(move |t| t.advanced = v)) }>
                                <option selected=!t.advanced>"Б"</option>
                                <option selected=t.advanced>"П"</option>
                            </select></td>
                            <td><input aria-label=format!("Тема задания {}", i + 1) prop:value=t.topic.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |t| t.topic = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><input aria-label=format!("Код задания {}", i + 1) prop:value=t.skill_code.clone() size="6"
                                on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |t| t.skill_code = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><button type="button" class="link" aria-label=format!("Убрать задание {}", i + 1)
                                on:click=move |_| tasks.update(|ts| { ts.remove(i); })>"×"</button></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <button type="button" data-testid="add-task" on:click=move |_| add()>"Добавить задание"</button>
    }
}

#[component]
fn ScaleFields(scale: RwSignal<Scale>, paper: Memo<Paper>) -> impl IntoView {
    let field = move |mark: u8| {
        let get = move || {
            let s = scale.get();
            match mark {
                3 => s.mark3_from,
                4 => s.mark4_from,
                _ => s.mark5_from,
            }
        };
        view! {
            <label>{format!("«{mark}» от")}
                <input type="number" min="1" data-testid=format!("mark{mark}") prop:value=move || get().to_string()
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(0);
                        scale.update(|s| match mark {
                            3 => s.mark3_from = v,
                            4 => s.mark4_from = v,
                            _ => s.mark5_from = v,
                        })
                    }/>
            </label>
        }
    };
    view! {
        <fieldset class="form inline" data-testid="scale">
            <legend>"Шкала: первичный балл → отметка"</legend>
            {field(3)}
            {field(4)}
            {field(5)}
            <p class="muted">{move || format!("Максимум работы: {} б.", paper.get().max_primary())}</p>
        </fieldset>
    }
}
