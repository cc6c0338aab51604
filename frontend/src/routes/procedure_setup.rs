//! «Новая работа»: the deputy, an МО head or a teacher makes a procedure. The paper starts
//! empty, from the catalogue of known papers or from an earlier procedure, and every way ends in
//! the same form: tasks by row (a new row on Enter in the last one), the scale, and the checks
//! of `domain::paper` shown as they are typed.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::components::error_note::ErrorNote;
use crate::components::paper_editor::{
    empty_task, problems as paper_problems, PaperEditor, PaperFields,
};
use api::procedure_setup::{
    create_procedure, load_procedure_setup, school_own, ProcedureDraft, ProcedureSetup,
};
use domain::assessment::{ProcedureKind, Scale, Stage};
use domain::paper::catalogue::ILLUSTRATIVE;
use domain::paper::{proposed_title, Paper};

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
    let fields = PaperFields::new(Paper {
        tasks: vec![empty_task(1)],
        scale: Scale {
            mark3_from: 1,
            mark4_from: 2,
            mark5_from: 3,
        },
        test_scores: Vec::new(),
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
    let problems = Memo::new(move |_| paper_problems(fields));
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
                fields.set(p.paper.clone());
                source.set(Some(p.source.clone()));
            }
        } else if let Some(id) = value
            .strip_prefix("copy:")
            .and_then(|v| v.parse::<i32>().ok())
        {
            if let Some(p) = set.earlier.iter().find(|p| p.id == id) {
                grade.set(Some(p.grade));
                subject.set(Some(p.subject_id));
                fields.set(p.paper.clone());
                source.set(Some(format!("Копия работы «{}» ({})", p.title, p.year)));
            }
        } else {
            fields.tasks.set(vec![empty_task(1)]);
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
            paper: untrack(|| fields.paper()),
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
                        if let Some(k) = ProcedureKind::from_code(&event_target_value(&ev)) {
                            kind.set(k);
                            stage.set(None);
                        }
                    }>
                        {kinds.iter().map(|k| {
                            let k = *k;
                            view! { <option value=k.code() selected=move || kind.get() == k>{k.title()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <StageField kind stage/>
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
            <PaperEditor fields with_table=Signal::derive(move || kind.get().has_test_scores())/>
            {move || failure.get().map(|text| view! { <p class="error-note" role="status" data-testid="create-failure">{text}</p> })}
            <button type="submit" data-testid="create-procedure" disabled=move || !problems.get().is_empty() || chosen.get().is_empty()>
                "Создать работу"
            </button>
        </form>
    }
}

/// «Этап»: the stages the kind has (a diagnostic's series, an olympiad's rounds), or none.
#[component]
pub fn StageField(kind: RwSignal<ProcedureKind>, stage: RwSignal<Option<Stage>>) -> impl IntoView {
    view! {
        <Show when=move || !kind.get().stages().is_empty()>
            <label>"Этап"
                <select data-testid="stage" on:change=move |ev| stage.set(Stage::from_code(&event_target_value(&ev)))>
                    <option value="">"—"</option>
                    {move || kind.get().stages().iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.code() selected=move || stage.get() == Some(s)>{s.title()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </Show>
    }
}
