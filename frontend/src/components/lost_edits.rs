//! «Не дошли с устройств»: edits a teacher's device made that the server never received.

use leptos::prelude::*;

use crate::device::clock;
use api::sync::lost_edits;

#[component]
pub fn LostEdits() -> impl IntoView {
    let list = LocalResource::new(lost_edits);
    view! {
        <Suspense fallback=|| ()>
            {move || list.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|items| view! {
                <section class="card warn" data-testid="lost-edits">
                    <h2>"Не дошли изменения с устройств"</h2>
                    <p class="small">"Устройство сообщает, что изменения были сделаны, но сами они на сервер не пришли: память браузера очистили или работали в другом профиле. Попросите учителя открыть «На устройстве» и сохранить файл, если он есть, или внести эти результаты заново."</p>
                    <ul class="attention">
                        {items.into_iter().map(|l| view! {
                            <li>
                                <strong>{format!("{} · {}", l.teacher, l.device)}</strong>
                                <span>{format!("Не пришли {}", l.gap_text())}</span>
                                <span class="muted">{format!(
                                    "замечено {}{}",
                                    clock::local_date_time(&l.since),
                                    l.last_sync.as_deref().map(|t| format!("; последняя синхронизация {}", clock::local_date_time(t))).unwrap_or_default()
                                )}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Suspense>
    }
}
