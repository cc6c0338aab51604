use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::device::clock;
use api::edit_window::{
    decide_held_edits, held_edits, set_procedure_closed, HeldDecision, HeldGroup,
};
use domain::indicators::completeness::Completeness;

/// The deputy's switch on a procedure: closed, later edits wait for her decision. Closing a work
/// that is not wholly entered asks first.
#[component]
pub fn CloseSwitch(
    procedure_id: i32,
    closed: bool,
    /// How much of the work is entered, over every class.
    entered: Signal<Completeness>,
) -> impl IntoView {
    let closed = RwSignal::new(closed);
    let error = RwSignal::new(None);
    let asking = RwSignal::new(false);
    let send = move || {
        let next = !closed.get_untracked();
        asking.set(false);
        spawn_local(async move {
            match set_procedure_closed(procedure_id, next).await {
                Ok(()) => {
                    closed.set(next);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let toggle = move |_| {
        if !closed.get_untracked() && !entered.get_untracked().is_complete() {
            asking.set(true);
        } else {
            send();
        }
    };
    view! {
        <Show when=move || asking.get()>
            <div class="note warn" role="alertdialog" data-testid="close-ask">
                <p>{move || format!(
                    "Работа внесена не полностью: {}. Закрыть её сейчас? Результаты, которые придут позже, будут ждать вашего решения.",
                    entered.get().text()
                )}</p>
                <div class="actions">
                    <button data-testid="close-confirm" on:click=move |_| send()>"Да, закрыть"</button>
                    <button class="secondary" on:click=move |_| asking.set(false)>"Отмена"</button>
                </div>
            </div>
        </Show>
        <div class="actions">
            <button class="secondary" on:click=toggle data-testid="close-switch">
                {move || if closed.get() { "Открыть для изменений" } else { "Закрыть для изменений" }}
            </button>
            <span class="muted">{move || if closed.get() {
                "Закрыта: поздние изменения ждут вашего решения."
            } else {
                "Открыта: результаты принимаются сразу."
            }}</span>
        </div>
        {move || error.get().map(|error| view! { <ErrorNote error/> })}
    }
}

/// «Ждут решения»: edits that arrived after their procedure was closed, one card per teacher,
/// procedure and class, settled with one decision; the cells are listed inside.
#[component]
pub fn HeldEdits() -> impl IntoView {
    let list = LocalResource::new(held_edits);
    let error = RwSignal::new(None);
    let decide = move |mutation_ids: Vec<String>, approve: bool| {
        spawn_local(async move {
            match decide_held_edits(HeldDecision {
                mutation_ids,
                approve,
            })
            .await
            {
                Ok(_) => error.set(None),
                Err(e) => error.set(Some(e)),
            }
            list.refetch();
        });
    };
    view! {
        {move || error.get().map(|error| view! { <ErrorNote error/> })}
        <Suspense fallback=|| ()>
            {move || list.get().map(|answer| match answer {
                Ok(groups) if groups.is_empty() => ().into_any(),
                Ok(groups) => view! {
                    <section class="card" data-testid="held-edits">
                        <h2>"Ждут решения: изменения после закрытия"</h2>
                        <ul class="attention">
                            {groups.into_iter().map(|g| view! { <Group group=g decide/> }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Group(
    group: HeldGroup,
    decide: impl Fn(Vec<String>, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ids = StoredValue::new(group.ids());
    let asking = RwSignal::new(false);
    let count = group.count_text();
    let typed = typed_span(&group);
    view! {
        <li data-testid="held-group">
            <strong>{format!("{} · {} · {}", group.procedure, group.class, group.author)}</strong>
            <span>{format!("{count}; введены на устройстве {typed}")}</span>
            <details>
                <summary>"Что изменено"</summary>
                <ul class="cells" data-testid="held-cells">
                    {group.edits.into_iter().map(|e| {
                        let (yes, no) = (e.mutation_id.clone(), e.mutation_id);
                        view! {
                            <li>
                                {format!("{}: {}", e.student, e.change)}
                                " "
                                <button class="link" on:click=move |_| decide(vec![yes.clone()], true)>"принять"</button>
                                " · "
                                <button class="link" on:click=move |_| decide(vec![no.clone()], false)>"отклонить"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
            <div class="actions">
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <button data-testid="held-approve" on:click=move |_| decide(ids.get_value(), true)>"Принять все"</button>
                        <button class="secondary" data-testid="held-decline" on:click=move |_| asking.set(true)>"Отклонить все"</button>
                    }
                >
                    <span>"Отклонить все изменения этой карточки? Учитель увидит, что они не приняты."</span>
                    <button class="danger" data-testid="held-decline-confirm" on:click=move |_| decide(ids.get_value(), false)>"Да, отклонить"</button>
                    <button class="secondary" on:click=move |_| asking.set(false)>"Отмена"</button>
                </Show>
            </div>
        </li>
    }
}

/// «25.11.2026 10:02» or «25.11.2026 10:02 – 10:40»: when the group was typed, in local time.
fn typed_span(group: &HeldGroup) -> String {
    let times: Vec<&str> = group.edits.iter().map(|e| e.typed_at.as_str()).collect();
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
        return String::new();
    };
    let (first, last) = (clock::local_date_time(first), clock::local_date_time(last));
    if first == last {
        return first;
    }
    match (first.split_once(' '), last.split_once(' ')) {
        (Some((d1, _)), Some((d2, t2))) if d1 == d2 => format!("{first} – {t2}"),
        _ => format!("{first} – {last}"),
    }
}
