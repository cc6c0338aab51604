//! One measure of a plan, as the responsible teacher and the council see it: what, by when, who,
//! which documents; its status with the moves the viewer may make; progress notes and evidence.
//! The page decides where a change goes: the device's outbox («Мои мероприятия») or straight to
//! the server (the council's plan).

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::clock;
use crate::device::sync_engine::new_id;
use crate::device::{file, photo};
use api::plan::{upload_evidence, Progress};
use domain::plan::evidence_file::MAX_BYTES;
use domain::plan::{
    check_move, evidence_link, note_text, Day, MeasureStatus, MeasureView, Mover, Urgency,
};
use domain::sync::measure_edit::{LinkAdd, NoteAdd, PhotoAdd, StatusSet};

/// The button that makes a move, as people say it.
/// Which cards have their progress section open, kept by the page so a card redrawn after a
/// change stays as the user left it.
#[derive(Clone, Copy)]
pub struct OpenDetails(pub RwSignal<BTreeSet<i32>>);

fn move_label(from: MeasureStatus, to: MeasureStatus) -> &'static str {
    use MeasureStatus::*;
    match (from, to) {
        (Planned, InWork) => "В работу",
        (_, Done) => "Выполнено",
        (Done, InWork) | (Cancelled, InWork) => "Вернуть в работу",
        (Cancelled, Planned) => "Восстановить",
        (_, Planned) => "Вернуть в план",
        (_, Cancelled) => "Отменить…",
        _ => to.title(),
    }
}

pub fn urgency_badge(urgency: Urgency) -> impl IntoView {
    urgency.reminder().map(|text| {
        let class = if urgency.is_late() {
            "badge bad"
        } else {
            "badge warn"
        };
        view! { <span class=class data-testid="urgency">{text}</span> }
    })
}

#[component]
pub fn MeasureCard(
    measure: MeasureView,
    /// How the viewer may move it; `None`: she only reads.
    mover: Option<Mover>,
    today: Day,
    /// Something of this measure waits on the device to be sent.
    #[prop(optional)]
    unsent: bool,
    /// Notes and links not yet sent, by id.
    #[prop(optional)]
    unsent_items: BTreeSet<String>,
    on_change: Callback<Progress>,
    /// Called after a file went up, so the page fetches the measure again.
    on_uploaded: Callback<()>,
    /// Name the plan (a list of measures from several plans).
    #[prop(optional)]
    show_plan: bool,
    /// Extra controls for the plan's managers (editing, history).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let id = measure.id;
    let status = measure.status;
    let urgency = measure.urgency(today);
    let moves: Vec<MeasureStatus> = MeasureStatus::ALL
        .into_iter()
        .filter(|to| mover.is_some_and(|mv| check_move(status, *to, mv, Some("—")).is_ok()))
        .collect();
    let cancelling = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let move_to = move |to: MeasureStatus| {
        if to == MeasureStatus::Cancelled && !cancelling.get_untracked() {
            cancelling.set(true);
            return;
        }
        let why = (to == MeasureStatus::Cancelled).then(|| reason.get_untracked());
        let Some(mover) = mover else { return };
        if let Err(e) = check_move(status, to, mover, why.as_deref()) {
            problem.set(Some(e));
            return;
        }
        problem.set(None);
        on_change.run(Progress::Status(StatusSet {
            measure_id: id,
            from: status,
            to,
            reason: why,
        }));
    };
    let note = RwSignal::new(String::new());
    let add_note = move |_| match note_text(&note.get_untracked()) {
        Ok(text) => {
            problem.set(None);
            note.set(String::new());
            on_change.run(Progress::Note(NoteAdd {
                measure_id: id,
                note_id: new_id(),
                text,
            }));
        }
        Err(e) => problem.set(Some(e)),
    };
    let link = RwSignal::new(String::new());
    let link_title = RwSignal::new(String::new());
    let add_link = move |_| match evidence_link(&link.get_untracked()) {
        Ok(url) => {
            problem.set(None);
            link.set(String::new());
            on_change.run(Progress::Link(LinkAdd {
                measure_id: id,
                evidence_id: new_id(),
                title: link_title.get_untracked(),
                url,
            }));
            link_title.set(String::new());
        }
        Err(e) => problem.set(Some(e)),
    };
    let uploading = RwSignal::new(false);
    let upload = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        spawn_local(async move {
            let Some(picked) = file::picked_file(&input) else {
                return;
            };
            uploading.set(true);
            // A photo is scaled down and kept in the outbox: it needs no network.
            if photo::is_photo(&picked) {
                let scaled = photo::scaled_jpeg(&picked).await;
                uploading.set(false);
                input.set_value("");
                match scaled {
                    Some(content_base64) => on_change.run(Progress::Photo(PhotoAdd {
                        measure_id: id,
                        evidence_id: new_id(),
                        name: photo::jpeg_name(&picked.name()),
                        content_base64,
                    })),
                    None => {
                        problem.set(Some("Не удалось прочитать фото на этом устройстве.".into()))
                    }
                }
                return;
            }
            let read = file::picked(&input).await;
            input.set_value("");
            let Some((name, content)) = read else {
                uploading.set(false);
                return;
            };
            if content.len() / 4 * 3 > MAX_BYTES + 2 {
                uploading.set(false);
                problem.set(Some(format!(
                    "Файл больше {} МБ: уменьшите его (например, сожмите скан).",
                    MAX_BYTES / 1024 / 1024
                )));
                return;
            }
            let answer = upload_evidence(id, name, content).await;
            uploading.set(false);
            match answer {
                Ok(_) => {
                    problem.set(None);
                    on_uploaded.run(());
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    let progress_count = measure.notes.len() + measure.evidence.len();
    let term = measure.term_text();
    let who = measure
        .responsible
        .iter()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let is_unsent = |id: &str| unsent_items.contains(id);
    let open = use_context::<OpenDetails>();
    let was_open = open.is_some_and(|o| o.0.with_untracked(|s| s.contains(&id)));
    let toggled = move |ev: leptos::ev::Event| {
        let details: web_sys::HtmlDetailsElement = event_target(&ev);
        if let Some(o) = open {
            o.0.update(|s| {
                if details.open() {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            });
        }
    };
    view! {
        <article class="measure card" id=format!("measure-{id}") data-testid="measure" data-measure=id data-status=status.code()>
            <h3><span class="muted">{measure.number.clone()}" "</span>{measure.title.clone()}</h3>
            {show_plan.then(|| view! { <p class="muted small">{measure.plan_title.clone()}</p> })}
            <dl class="facts">
                <div><dt>"Сроки"</dt><dd>{if term.is_empty() { "не назначены".to_string() } else { term }}</dd></div>
                <div><dt>"Ответственные"</dt><dd>{if who.is_empty() { "не назначены".to_string() } else { who }}</dd></div>
                <div><dt>"Документы"</dt><dd>{measure.documents.join(", ")}</dd></div>
            </dl>
            <p class="state">
                <span class=format!("status {}", status.code()) data-testid="status">{status.title()}</span>
                {urgency_badge(urgency)}
                {unsent.then(|| view! { <span class="badge warn" data-testid="unsent">"не отправлено"</span> })}
            </p>
            {measure.cancel_reason.clone().map(|r| view! { <p class="note">"Причина отмены: "{r}</p> })}
            <div class="actions">
                {moves.into_iter().map(|to| view! {
                    <button class="secondary" data-move=to.code() on:click=move |_| move_to(to)>{move_label(status, to)}</button>
                }).collect_view()}
            </div>
            <Show when=move || cancelling.get()>
                <div class="form">
                    <label>"Причина отмены"
                        <input type="text" data-testid="cancel-reason" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                    </label>
                    <div class="actions">
                        <button on:click=move |_| move_to(MeasureStatus::Cancelled)>"Отменить мероприятие"</button>
                        <button class="secondary" on:click=move |_| cancelling.set(false)>"Не отменять"</button>
                    </div>
                </div>
            </Show>
            {move || problem.get().map(|p| view! { <p class="error-note" role="alert">{p}</p> })}
            <details open=was_open on:toggle=toggled>
                <summary>{format!("Ход работы: {}", domain::format::count(progress_count as u32, "запись", "записи", "записей"))}</summary>
                <ul class="plain notes" data-testid="notes">
                    {measure.notes.iter().map(|n| view! {
                        <li>
                            <span class="muted small">{format!("{} · {}", clock::local_date_time(&n.written_at), n.author)}</span>
                            {is_unsent(&n.id).then(|| view! { <span class="badge warn">"ждёт отправки"</span> })}
                            <p>{n.text.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <ul class="plain evidence" data-testid="evidence">
                    {measure.evidence.iter().map(|e| {
                        let href = e.url.clone().unwrap_or_else(|| format!("/api/evidence/{}", e.id));
                        // A photo still on the device has nothing to open on the server yet.
                        let title = if is_unsent(&e.id) && e.url.is_none() {
                            view! { <span>{e.title.clone()}</span> }.into_any()
                        } else {
                            view! { <a href=href target="_blank" rel="noopener noreferrer">{e.title.clone()}</a> }.into_any()
                        };
                        view! {
                            <li>
                                {title}
                                <span class="muted small">{format!(" · {}", e.added_by)}</span>
                                {is_unsent(&e.id).then(|| view! { <span class="badge warn">"ждёт отправки"</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="form" hidden=mover.is_none()>
                    <label>"Заметка о ходе работы"
                        <textarea rows="3" data-testid="note-text" prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    </label>
                    <button on:click=add_note>"Добавить заметку"</button>
                    <label>"Ссылка на документ"
                        <input type="url" placeholder="https://" data-testid="link-url" prop:value=link on:input=move |ev| link.set(event_target_value(&ev))/>
                    </label>
                    <label>"Название ссылки"
                        <input type="text" prop:value=link_title on:input=move |ev| link_title.set(event_target_value(&ev))/>
                    </label>
                    <button class="secondary" on:click=add_link>"Добавить ссылку"</button>
                    <label class="button">
                        {move || if uploading.get() { "Файл загружается…" } else { "Приложить фото или документ" }}
                        <input class="visually-hidden" type="file" data-testid="evidence-file"
                            accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx,.odt,.ods,image/*" on:change=upload/>
                    </label>
                </div>
            </details>
            {children.map(|c| c())}
        </article>
    }
}
