//! The council's form for a measure: wording, period and dates, responsible people, expected
//! documents. The same form adds a measure to a section.

use leptos::prelude::*;
use leptos::task::spawn_local;

use api::plan::{load_measure_history, save_measure, MeasureDraft};
use domain::plan::{MeasureView, Person};

#[component]
pub fn MeasureForm(
    draft: MeasureDraft,
    staff: Vec<Person>,
    /// Gets the saved measure's id.
    on_saved: Callback<i32>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let title = RwSignal::new(draft.title.clone());
    let period = RwSignal::new(draft.period.clone().unwrap_or_default());
    let starts = RwSignal::new(draft.starts_on.clone().unwrap_or_default());
    let due = RwSignal::new(draft.due_on.clone().unwrap_or_default());
    let documents = RwSignal::new(draft.documents.clone());
    let responsible = RwSignal::new(draft.responsible.clone());
    let problem = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let names = StoredValue::new(staff.clone());
    let name_of = move |id: i32| {
        names
            .with_value(|s| s.iter().find(|p| p.id == id).map(|p| p.name.clone()))
            .unwrap_or_default()
    };
    let save = move |_| {
        let optional = |s: String| (!s.trim().is_empty()).then_some(s);
        let draft = MeasureDraft {
            title: title.get_untracked(),
            period: optional(period.get_untracked()),
            starts_on: optional(starts.get_untracked()),
            due_on: optional(due.get_untracked()),
            documents: documents.get_untracked(),
            responsible: responsible.get_untracked(),
            ..draft.clone()
        };
        saving.set(true);
        spawn_local(async move {
            let answer = save_measure(draft).await;
            saving.set(false);
            match answer {
                Ok(id) => on_saved.run(id),
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    let text = |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));
    view! {
        <div class="form measure-form" data-testid="measure-form">
            <label>"Мероприятие"
                <textarea rows="3" prop:value=title on:input=text(title)></textarea>
            </label>
            <div class="form inline">
                <label>"Начало"<input type="date" prop:value=starts on:input=text(starts)/></label>
                <label>"Срок"<input type="date" data-testid="due" prop:value=due on:input=text(due)/></label>
                <label>"Период словами"<input type="text" placeholder="в течение года" prop:value=period on:input=text(period)/></label>
            </div>
            <div>
                <strong>"Ответственные"</strong>
                <ul class="plain chips">
                    {move || responsible.get().into_iter().map(|id| view! {
                        <li>
                            <button class="chip active" title="Убрать"
                                on:click=move |_| responsible.update(|r| r.retain(|x| *x != id))>
                                {name_of(id)}" ×"
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
                <label>"Добавить ответственного"
                    <select data-testid="add-responsible" on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse::<i32>() {
                            responsible.update(|r| if !r.contains(&id) { r.push(id) });
                        }
                    }>
                        <option value="">"— выберите сотрудника —"</option>
                        {staff.into_iter().map(|p| view! { <option value=p.id>{p.name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <label>"Документы (по одному в строке)"
                <textarea rows="3" prop:value=documents on:input=text(documents)></textarea>
            </label>
            {move || problem.get().map(|p| view! { <p class="error-note" role="alert">{p}</p> })}
            <div class="actions">
                <button on:click=save disabled=move || saving.get()>"Сохранить"</button>
                <button class="secondary" on:click=move |_| on_cancel.run(())>"Отмена"</button>
            </div>
        </div>
    }
}

/// The draft that edits `m`.
pub fn draft_of(m: &MeasureView) -> MeasureDraft {
    MeasureDraft {
        measure_id: Some(m.id),
        section_id: m.section_id,
        title: m.title.clone(),
        period: m.period.clone(),
        starts_on: m.starts_on.clone(),
        due_on: m.due_on.clone(),
        responsible: m.responsible.iter().map(|p| p.id).collect(),
        documents: m.documents.join("\n"),
    }
}

/// A measure's history from the audit log, loaded when asked for.
#[component]
pub fn MeasureHistory(measure_id: i32) -> impl IntoView {
    let lines = LocalResource::new(move || load_measure_history(measure_id));
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || lines.get().map(|answer| match answer {
                Ok(lines) if lines.is_empty() => view! { <p class="empty">"Изменений не было."</p> }.into_any(),
                Ok(lines) => view! {
                    <ul class="plain history" data-testid="history">
                        {lines.into_iter().map(|l| view! {
                            <li>
                                <span class="muted small">{format!("{} · {}", crate::device::clock::local_date_time(&l.at), l.who)}</span>
                                {l.after_approval.then(|| view! { <span class="badge">"после утверждения"</span> })}
                                <p>{l.what}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <crate::components::error_note::ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
