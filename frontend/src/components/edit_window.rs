use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::device::clock;
use api::edit_window::{decide_held_edit, held_edits, set_procedure_closed};

/// The deputy's switch on a procedure: closed, later edits wait for her decision.
#[component]
pub fn CloseSwitch(procedure_id: i32, closed: bool) -> impl IntoView {
    let closed = RwSignal::new(closed);
    let error = RwSignal::new(None);
    let toggle = move |_| {
        let next = !closed.get_untracked();
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
    view! {
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

/// «Ждут решения»: edits that arrived after their procedure was closed, with the time they
/// were typed on the device.
#[component]
pub fn HeldEdits() -> impl IntoView {
    let list = LocalResource::new(held_edits);
    let decide = move |id: String, approve: bool| {
        spawn_local(async move {
            let _ = decide_held_edit(id, approve).await;
            list.refetch();
        });
    };
    view! {
        <Suspense fallback=|| ()>
            {move || list.get().map(|answer| match answer {
                Ok(items) if items.is_empty() => ().into_any(),
                Ok(items) => view! {
                    <section class="card" data-testid="held-edits">
                        <h2>"Ждут решения: изменения после закрытия"</h2>
                        <ul class="attention">
                            {items.into_iter().map(|h| {
                                let (yes, no) = (h.mutation_id.clone(), h.mutation_id.clone());
                                view! {
                                    <li>
                                        <strong>{format!("{} · {} · {}", h.procedure, h.class, h.student)}</strong>
                                        <span>{h.change}</span>
                                        <span class="muted">{format!(
                                            "{}; введено на устройстве {}",
                                            h.author,
                                            clock::local_date_time(&h.typed_at)
                                        )}</span>
                                        <div class="actions">
                                            <button on:click=move |_| decide(yes.clone(), true)>"Принять"</button>
                                            <button class="secondary" on:click=move |_| decide(no.clone(), false)>"Отклонить"</button>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
