use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::disputes::Disputes;
use crate::components::edit_window::CloseSwitch;
use crate::components::error_note::ErrorNote;
use crate::components::f1_import::F1Import;
use crate::components::sheet_figures::SheetFigures;
use crate::device::store;
use crate::device::sync_engine::{use_sync, SyncEngine};
use api::result_sheet::{load_result_sheet, ResultSheet, SheetTask};
use domain::assessment::ProcedureKind;
use domain::error::AppError;
use domain::format;
use domain::sync::replica::{self, Edits, Row};
use domain::sync::result_edit::ABSENCE_CELL;
use domain::sync::{AbsenceSet, ScoreSet};

/// A procedure's results grid: students × tasks, entered on the tablet and saved on it at once.
/// Opens from the device's copy when there is no network.
#[component]
pub fn ResultSheet() -> impl IntoView {
    let params = use_params_map();
    let sync = use_sync();
    let sheet = RwSignal::new(None::<ResultSheet>);
    let problem = RwSignal::new(None::<AppError>);
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let loaded = LocalResource::new(move || {
        let id = id();
        async move {
            let (Some(id), Some(user)) = (id, sync.user()) else {
                return Err(AppError::Invalid("Такой работы нет.".into()));
            };
            match load_result_sheet(id).await {
                Ok(fresh) => {
                    sync.stored(store::save_sheet(&user, &fresh));
                    Ok(fresh)
                }
                Err(AppError::Network) => store::sheet(&user, id).ok_or(AppError::Invalid(
                    "Нет связи, и эта работа ещё не сохранена на устройстве. Откройте её один раз при связи.".into(),
                )),
                Err(e) => Err(e),
            }
        }
    });
    Effect::new(move |_| match loaded.get() {
        Some(Ok(s)) => sheet.set(Some(s)),
        Some(Err(e)) => problem.set(Some(e)),
        None => {}
    });
    // Pulled changes land in the stored copy: show them.
    Effect::new(move |_| {
        sync.revision.track();
        if let (Some(id), Some(user)) = (id(), sync.user()) {
            if let Some(stored) = store::sheet(&user, id) {
                // Only a real change redraws the grid: an edit of this device changes the
                // outbox, not the stored sheet, and must not cost the teacher her place.
                if sheet.with_untracked(|s| s.as_ref().is_some_and(|s| *s != stored)) {
                    sheet.set(Some(stored));
                }
            }
        }
    });
    let class = RwSignal::new(None::<i32>);
    view! {
        {move || problem.get().map(|error| view! { <ErrorNote error/> })}
        {move || sheet.get().map(|s| view! { <Grid sheet=s sync class/> })}
        <Show when=move || sheet.with(Option::is_none) && problem.with(Option::is_none)>
            <p class="muted">"Загрузка…"</p>
        </Show>
    }
}

#[component]
fn Grid(
    sheet: ResultSheet,
    sync: SyncEngine,
    /// The class shown, kept by the page so a redrawn grid stays on it.
    class: RwSignal<Option<i32>>,
) -> impl IntoView {
    if !class.with_untracked(|c| c.is_some_and(|id| sheet.classes.iter().any(|x| x.id == id))) {
        class.set(
            sheet
                .classes
                .iter()
                .find(|c| c.editable)
                .or(sheet.classes.first())
                .map(|c| c.id),
        );
    }
    let conflicts = RwSignal::new(sheet.conflicts.clone());
    let sheet = StoredValue::new(sheet);
    let pending = Memo::new(move |_| {
        sync.revision.track();
        sync.user()
            .map(|u| {
                let state = store::state(&u);
                Edits {
                    held: state.held(),
                    pending: state.pending,
                }
            })
            .unwrap_or_default()
    });
    let error = RwSignal::new(None::<String>);
    let focused = RwSignal::new(None::<(usize, usize)>);
    // Where a cell's entry moves next: along the student's row (as Tab does), or down the task's
    // column (a paper at a time, or a task at a time).
    let across = RwSignal::new(true);
    let students = move || {
        sheet.with_value(|s| {
            s.students
                .iter()
                .filter(|st| Some(st.class_id) == class.get())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let editable = move || {
        sheet.with_value(|s| {
            !s.closed
                && s.classes
                    .iter()
                    .any(|c| Some(c.id) == class.get() && c.editable)
        })
    };
    let (title, meta, source, tasks) = sheet.with_value(|s| {
        (
            s.title.clone(),
            format!("{} · {} · {}", s.kind, s.subject, format::date(&s.held_on)),
            s.source.clone(),
            s.tasks.clone(),
        )
    });
    let tasks = StoredValue::new(tasks);
    let set_score = move |student_id: i32, task: &SheetTask, text: &str| -> bool {
        let text = text.trim();
        let score = if text.is_empty() {
            None
        } else {
            match text.parse::<i16>() {
                Ok(v) if (0..=task.max_score).contains(&v) => Some(v),
                _ => {
                    error.set(Some(format!(
                        "«{text}» не принято: балл за задание {} — целое число от 0 до {}. В ячейке то, что сохранено.",
                        task.label, task.max_score
                    )));
                    return false;
                }
            }
        };
        error.set(None);
        let (procedure_id, base) =
            sheet.with_value(|s| (s.procedure_id, replica::version(s, student_id, task.id)));
        let payload = ScoreSet {
            procedure_id,
            student_id,
            task_id: task.id,
            score,
        };
        sync.record(
            ScoreSet::KIND,
            serde_json::to_value(payload).unwrap_or_default(),
            base,
        )
    };
    let set_absent = move |student_id: i32, absent: bool| {
        let (procedure_id, base) = sheet.with_value(|s| {
            (
                s.procedure_id,
                replica::version(s, student_id, ABSENCE_CELL),
            )
        });
        let payload = AbsenceSet {
            procedure_id,
            student_id,
            absent,
        };
        sync.record(
            AbsenceSet::KIND,
            serde_json::to_value(payload).unwrap_or_default(),
            base,
        );
    };
    let entered = Signal::derive(move || {
        sheet.with_value(|s| pending.with(|p| replica::figures(s, p, None).completeness()))
    });
    let row_of = move |student_id: i32| -> Row {
        sheet.with_value(|s| pending.with(|p| replica::row(s, p, student_id)))
    };
    let cell_id = |r: usize, c: usize| format!("cell-{r}-{c}");
    // Whether the cell took the focus (an absent student's cells do not).
    let focus = move |r: usize, c: usize| -> bool {
        use wasm_bindgen::JsCast;
        let Some(input) = document()
            .get_element_by_id(&cell_id(r, c))
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|input| !input.disabled())
        else {
            return false;
        };
        let _ = input.focus();
        input.select();
        true
    };
    // The cell after (r, c) in the direction chosen; past a row's end, the next row's first.
    let next = move |r: usize, c: usize| {
        let rows = students().len();
        let cols = tasks.with_value(Vec::len);
        let (mut r, mut c) = (r, c);
        loop {
            if across.get_untracked() && c + 1 < cols {
                c += 1;
            } else if r + 1 < rows {
                r += 1;
                if across.get_untracked() {
                    c = 0;
                }
            } else {
                return;
            }
            if focus(r, c) {
                return;
            }
        }
    };
    let on_key = move |r: usize, c: usize, ev: web_sys::KeyboardEvent| {
        let rows = students().len();
        let cols = tasks.with_value(Vec::len);
        let target = match ev.key().as_str() {
            "Enter" | "ArrowDown" if r + 1 < rows => Some((r + 1, c)),
            "ArrowUp" if r > 0 => Some((r - 1, c)),
            "ArrowRight" if c + 1 < cols => Some((r, c + 1)),
            "ArrowLeft" if c > 0 => Some((r, c - 1)),
            _ => None,
        };
        if let Some((r, c)) = target {
            ev.prevent_default();
            focus(r, c);
        }
    };
    // The number pad: the focused cell's possible scores; a tap fills it and moves on.
    let pad = move || {
        let (r, c) = focused.get()?;
        let task = tasks.with_value(|t| t.get(c).cloned())?;
        let student = students().get(r).cloned()?;
        Some((r, c, task, student))
    };
    view! {
        <h1>{title}</h1>
        <p class="muted">{meta}</p>
        {source.map(|s| view! { <p class="note">{s}</p> })}
        {sheet.with_value(|s| s.can_close.then(|| view! { <CloseSwitch procedure_id=s.procedure_id closed=s.closed entered/> }))}
        {sheet.with_value(|s| s.can_change.then(|| view! {
            <p><a class="button secondary" href=format!("/procedures/{}/edit", s.procedure_id) data-testid="change-link">"Изменить работу"</a></p>
        }))}
        {sheet.with_value(|s| (s.can_close && s.kind == ProcedureKind::Vpr.title()).then(|| view! {
            <p><a class="button secondary" href=format!("/procedures/{}/codes", s.procedure_id) data-testid="codes-link">"Коды участников"</a></p>
        }))}
        {sheet.with_value(|s| {
            let exam = [ProcedureKind::Oge, ProcedureKind::Ege, ProcedureKind::TrialExam]
                .iter()
                .any(|k| k.title() == s.kind);
            let id = s.procedure_id;
            (s.can_close && exam).then(|| view! { <F1Import procedure_id=Signal::derive(move || id) rcoi=true/> })
        })}
        <Show when=move || sheet.with_value(|s| s.classes.len() > 1)>
            <div class="class-switch" role="tablist">
                {sheet.with_value(|s| s.classes.clone()).into_iter().map(|c| view! {
                    <button
                        class=move || if class.get() == Some(c.id) { "chip active" } else { "chip" }
                        on:click=move |_| class.set(Some(c.id))
                    >{c.name.clone()}</button>
                }).collect_view()}
            </div>
        </Show>
        {move || sync.status.get().storage_error.map(|e| view! { <p class="error-note" role="alert">{e}</p> })}
        <Show when=move || sheet.with_value(|s| s.closed)>
            <p class="note" data-testid="closed-note">"Работа закрыта для изменений: новые результаты ждут решения заместителя директора."</p>
        </Show>
        {move || {
            let n = pending.with(|e| e.held_in(sheet.with_value(|s| s.procedure_id)));
            (n > 0).then(|| view! {
                <p class="note held-note" data-testid="held-note">
                    {format!(
                        "Ждут решения заместителя директора: {} (в таблице отмечены рамкой). До решения в отчётах прежние значения.",
                        format::count(n as u32, "ваше значение", "ваших значения", "ваших значений")
                    )}
                </p>
            })
        }}
        {move || error.get().map(|e| view! { <p class="error-note" role="alert" data-testid="cell-error">{e}</p> })}
        <Disputes conflicts sheet/>
        <div class="table-wrap grid-wrap">
            <table class="grid" data-testid="grid">
                <thead>
                    <tr>
                        <th class="name">"Ученик"</th>
                        {tasks.with_value(|t| t.clone()).into_iter().map(|t| view! {
                            <th title=t.topic.clone().unwrap_or_default()>
                                {t.label.clone()}<small>{format!("из {}", t.max_score)}</small>
                            </th>
                        }).collect_view()}
                        <th>"Не писал(а)"</th>
                        <th>{sheet.with_value(|s| if s.test_scores.is_empty() { "Балл" } else { "Балл (тестовый)" })}</th>
                        <th>"Отметка"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || students().into_iter().enumerate().map(|(r, st)| {
                        let sid = st.id;
                        view! {
                            <tr data-testid="grid-row" class:absent=move || row_of(sid).absent>
                                <th class="name">{st.full_name.clone()}</th>
                                {tasks.with_value(|t| t.clone()).into_iter().enumerate().map(|(c, task)| {
                                    let task_for_input = task.clone();
                                    let value = move || row_of(sid).scores.get(&task.id).map(|v| v.to_string()).unwrap_or_default();
                                    let unsent = move || row_of(sid).unsent.contains(&task.id);
                                    let held = move || row_of(sid).held.contains(&task.id);
                                    let disputed = move || conflicts.with(|cs| cs.iter().any(|x| x.student_id == sid && x.task_id == task.id));
                                    view! {
                                        <td class:unsent=unsent class:held=held class:conflict=disputed
                                            title=move || held().then_some("Ждёт решения заместителя директора")>
                                            <input
                                                id=cell_id(r, c)
                                                inputmode="numeric"
                                                autocomplete="off"
                                                maxlength="2"
                                                aria-label=format!("{}, задание {}", st.full_name, task.label)
                                                prop:value=value
                                                disabled=move || !editable() || row_of(sid).absent
                                                on:focus=move |_| focused.set(Some((r, c)))
                                                // Typing replaces what the cell holds, as in a spreadsheet: a
                                                // digit after a tap is the score, not a second digit.
                                                on:click=move |ev| select_target(&ev)
                                                on:input=move |ev| {
                                                    let text = event_target_value(&ev);
                                                    if set_score(sid, &task_for_input, &text) {
                                                        // One key a cell: a digit that can be the whole score moves on.
                                                        let t = text.trim();
                                                        if task_for_input.max_score < 10 && t.len() == 1 {
                                                            next(r, c);
                                                        }
                                                    } else {
                                                        // What is saved stays in sight; the refusal is said above.
                                                        use wasm_bindgen::JsCast;
                                                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                                            input.set_value(&row_of(sid).scores.get(&task_for_input.id).map(|v| v.to_string()).unwrap_or_default());
                                                        }
                                                    }
                                                }
                                                on:keydown=move |ev| on_key(r, c, ev)
                                            />
                                        </td>
                                    }
                                }).collect_view()}
                                <td class:held=move || row_of(sid).held.contains(&ABSENCE_CELL)>
                                    <input
                                        type="checkbox"
                                        tabindex="-1"
                                        aria-label=format!("{} не писал(а)", st.full_name)
                                        prop:checked=move || row_of(sid).absent
                                        disabled=move || !editable()
                                        on:change=move |ev| set_absent(sid, event_target_checked(&ev))
                                    />
                                </td>
                                <td data-testid="total">{move || sheet.with_value(|s| row_of(sid).total(s).map(|t| s.shown_total(t))).unwrap_or_default()}</td>
                                <td data-testid="mark">{move || sheet.with_value(|s| row_of(sid).mark(s)).map(|t| t.to_string()).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || pad().filter(|_| editable()).map(|(r, c, task, student)| {
            view! {
                <div class="number-pad" data-testid="number-pad">
                    <span>{format!("{}, задание {}", student.full_name, task.label)}</span>
                    {(0..=task.max_score).map(|v| {
                        let task = task.clone();
                        view! {
                            <button
                                on:pointerdown=|ev| ev.prevent_default()
                                on:click=move |_| {
                                    if set_score(student.id, &task, &v.to_string()) {
                                        next(r, c);
                                    }
                                }
                            >{v}</button>
                        }
                    }).collect_view()}
                    <button type="button" class="secondary" data-testid="pad-direction"
                        on:pointerdown=|ev| ev.prevent_default()
                        on:click=move |_| across.update(|a| *a = !*a)
                    >{move || if across.get() { "Дальше: → по строке" } else { "Дальше: ↓ по столбцу" }}</button>
                </div>
            }
        })}
        {move || {
            let figures = sheet.with_value(|s| pending.with(|p| replica::figures(s, p, class.get())));
            view! { <SheetFigures figures tasks=tasks.get_value()/> }
        }}
    }
}

fn select_target(ev: &leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}
