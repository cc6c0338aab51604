//! «Изменить работу»: the date, stage, title and paper of a procedure. Before the first result
//! a change is saved at once; after it the server first says what it does to the results («у 7
//! учеников изменится отметка», each student named) and saves only when the deputy confirms.
//! «Отменить работу» deletes a procedure with no results and cancels one with results.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::error_note::ErrorNote;
use crate::components::paper_editor::{problems as paper_problems, PaperEditor, PaperFields};
use crate::routes::procedure_setup::StageField;
use api::procedure_setup::{
    cancel_procedure, change_procedure, open_procedure, CancelOutcome, ChangeOutcome, MarkMove,
    PaperChange, ProcedureEdit,
};
use domain::format;

#[component]
pub fn ProcedureChangePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let data = LocalResource::new(move || {
        let id = id();
        async move { open_procedure(id.unwrap_or(0)).await }
    });
    view! {
        <h1>"Изменить работу"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(edit) => view! { <ChangeForm edit/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// What the server said a change would do, waiting for «Подтвердить».
#[derive(Clone)]
struct Pending {
    summary: String,
    moves: Vec<MarkMove>,
}

#[component]
fn ChangeForm(edit: ProcedureEdit) -> impl IntoView {
    let id = edit.id;
    let kind = RwSignal::new(edit.kind);
    let stage = RwSignal::new(edit.stage);
    let held_on = RwSignal::new(edit.held_on.clone());
    let title = RwSignal::new(edit.title.clone());
    let fields = PaperFields::new(edit.paper.clone());
    let failure = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let problems = Memo::new(move |_| paper_problems(fields));
    // Any edit after a preview makes the preview stale.
    Effect::new(move |_| {
        fields.paper();
        held_on.track();
        title.track();
        stage.track();
        pending.set(None);
    });
    let navigate = use_navigate();
    let send = move |confirm: bool| {
        let change = PaperChange {
            procedure_id: id,
            stage: stage.get_untracked(),
            held_on: held_on.get_untracked(),
            title: title.get_untracked(),
            paper: untrack(|| fields.paper()),
            confirm,
        };
        let navigate = navigate.clone();
        failure.set(None);
        spawn_local(async move {
            match change_procedure(change).await {
                Ok(ChangeOutcome::Saved) => {
                    navigate(&format!("/procedures/{id}"), Default::default())
                }
                Ok(ChangeOutcome::Confirm { summary, moves }) => {
                    pending.set(Some(Pending { summary, moves }))
                }
                Err(err) => failure.set(Some(err.to_string())),
            }
        });
    };
    let preview = send.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        preview(false);
    };
    let results = edit.results;
    view! {
        <p class="muted" data-testid="procedure-facts">
            {format!("{} · {} · {} · {}", edit.kind.title(), edit.subject, edit.classes.join(", "), format::date(&edit.held_on))}
        </p>
        {edit.source.clone().map(|s| view! { <p class="muted">{s}</p> })}
        {(results > 0).then(|| view! {
            <p class="note" data-testid="results-in">
                {format!("Внесено результатов: {results}. Изменение заданий или шкалы сначала покажет, как оно меняет отметки.")}
            </p>
        })}
        <form class="form card" on:submit=submit data-testid="change-procedure">
            <div class="form inline">
                <StageField kind stage/>
                <label>"Дата"
                    <input type="date" required data-testid="held-on" prop:value=held_on on:input=move |ev| held_on.set(event_target_value(&ev))/>
                </label>
            </div>
            <label>"Название"
                <input data-testid="title" prop:value=title on:input=move |ev| title.set(event_target_value(&ev))/>
            </label>
            <PaperEditor fields with_table=Signal::derive(move || kind.get().has_test_scores())/>
            {move || failure.get().map(|text| view! { <p class="error-note" role="status" data-testid="change-failure">{text}</p> })}
            {move || pending.get().map(|p| {
                let confirm = send.clone();
                view! {
                    <div class="card warn" role="status" data-testid="change-preview">
                        <p><strong>{p.summary}</strong></p>
                        {(!p.moves.is_empty()).then(|| view! {
                            <div class="table-wrap">
                                <table data-testid="mark-moves">
                                    <thead><tr><th>"Ученик"</th><th>"Класс"</th><th>"Было"</th><th>"Станет"</th></tr></thead>
                                    <tbody>
                                        {p.moves.into_iter().map(|m| view! {
                                            <tr><td>{m.student}</td><td>{m.class}</td><td>{m.before}</td><td>{m.after}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        })}
                        <button type="button" data-testid="confirm-change" on:click=move |_| confirm(true)>"Подтвердить изменение"</button>
                        <button type="button" class="link" on:click=move |_| pending.set(None)>"Не менять"</button>
                    </div>
                }
            })}
            <button type="submit" data-testid="save-change" disabled=move || !problems.get().is_empty()>"Сохранить"</button>
        </form>
        <CancelButton id results/>
    }
}

#[component]
fn CancelButton(id: i32, results: u32) -> impl IntoView {
    let failure = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let question = if results > 0 {
        "Отменить работу? Результаты сохранятся, но работа уйдёт из списков и показателей."
    } else {
        "Удалить работу? Результатов по ней нет."
    };
    let cancel = move |_| {
        if !window().confirm_with_message(question).unwrap_or(false) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            match cancel_procedure(id).await {
                Ok(CancelOutcome::Deleted | CancelOutcome::Cancelled) => {
                    navigate("/procedures", Default::default())
                }
                Err(err) => failure.set(Some(err.to_string())),
            }
        });
    };
    view! {
        <p>
            <button type="button" class="danger" data-testid="cancel-procedure" on:click=cancel>
                {if results > 0 { "Отменить работу" } else { "Удалить работу" }}
            </button>
        </p>
        {move || failure.get().map(|text| view! { <p class="error-note" role="status">{text}</p> })}
    }
}
