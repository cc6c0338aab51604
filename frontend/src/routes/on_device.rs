use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::device::store;
use crate::device::sync_engine::{now_iso, use_sync, Phase};
use crate::device::{clock, file};
use domain::format;
use domain::sync::measure_overlay::describe;
use domain::sync::outbox::AttentionKind;
use domain::sync::Mutation;

/// The file «Сохранить в файл» writes and «Загрузить из файла» reads back.
#[derive(Serialize, Deserialize)]
struct SavedOutbox {
    user: String,
    saved_at: String,
    mutations: Vec<Mutation>,
}

/// «На устройстве»: what is kept here, what waits to be sent, what needs attention, and the
/// last resorts (save the outbox to a file, load it back).
#[component]
pub fn OnDevice() -> impl IntoView {
    let sync = use_sync();
    let status = sync.status;
    let state = Memo::new(move |_| {
        sync.revision.track();
        sync.user().map(|u| store::state(&u)).unwrap_or_default()
    });
    let message = RwSignal::new(None::<String>);
    let save_file = move |_| {
        let Some(user) = sync.user() else { return };
        let saved = SavedOutbox {
            user: user.clone(),
            saved_at: now_iso(),
            mutations: state.get_untracked().pending,
        };
        let text = serde_json::to_string_pretty(&saved).unwrap_or_default();
        let name = format!("mera-{user}-{}.json", &saved.saved_at[..10]);
        message.set(Some(match file::download(&name, &text) {
            Ok(()) => format!("Файл {name} сохранён: {} изменений.", saved.mutations.len()),
            Err(_) => "Браузер не дал сохранить файл.".into(),
        }));
    };
    let load_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        spawn_local(async move {
            let Some(user) = sync.user() else { return };
            let parsed = file::picked_text(&input)
                .await
                .and_then(|t| serde_json::from_str::<SavedOutbox>(&t).ok());
            let text = match parsed {
                None => "Это не файл несинхронизированных изменений Меры.".to_string(),
                Some(saved) if saved.user != user => format!(
                    "Файл принадлежит пользователю {}: войдите под его именем, чтобы загрузить его.",
                    saved.user
                ),
                Some(saved) => {
                    let mut current = store::state(&user);
                    let added = current.restore(saved.mutations);
                    if sync.stored(store::save_state(&user, &current)) {
                        sync.sync_now();
                        format!("Загружено изменений: {added}. Они будут отправлены при связи.")
                    } else {
                        store::FULL.to_string()
                    }
                }
            };
            message.set(Some(text));
        });
    };
    view! {
        <h1>"На устройстве"</h1>
        <section class="card" data-testid="device-status">
            <p>{move || if state.with(|s| s.pending.is_empty()) {
                "Всё введённое отправлено на сервер.".to_string()
            } else {
                format!("Сохранено на устройстве, {}.", format::waiting(state.with(|s| s.pending.len())))
            }}</p>
            <p class="muted">{move || match status.get().phase {
                Phase::NoNetwork => "Нет связи: отправка начнётся сама, когда связь появится.".to_string(),
                Phase::NeedsLogin => "Нужно войти снова: изменения сохранены и будут отправлены после входа.".to_string(),
                Phase::Failed(e) => e,
                Phase::Syncing => "Синхронизация…".to_string(),
                Phase::Idle => String::new(),
            }}</p>
            <p class="muted" data-testid="persisted">{move || match status.get().persisted {
                Some(true) => "Браузер обещал хранить данные, пока вы их не удалите.",
                Some(false) => "Браузер не обещал хранить данные постоянно: синхронизируйтесь при первой возможности.",
                None => "",
            }}</p>
            {move || status.get().storage_error.map(|e| view! { <p class="error-note" role="alert">{e}</p> })}
            <div class="actions">
                <button on:click=move |_| sync.sync_now() data-testid="sync-now">"Синхронизировать"</button>
                <button class="secondary" on:click=save_file>"Сохранить в файл"</button>
                <label class="button secondary">
                    "Загрузить из файла"
                    <input type="file" accept="application/json,.json" class="visually-hidden" on:change=load_file/>
                </label>
            </div>
            {move || message.get().map(|m| view! { <p class="note">{m}</p> })}
        </section>
        <section class="card">
            <h2>"Требует внимания"</h2>
            <Show when=move || state.with(|s| s.attention.is_empty())>
                <p class="empty">"Ничего: все изменения приняты."</p>
            </Show>
            <ul class="attention" data-testid="attention-list">
                {move || state.get().attention.into_iter().map(|a| {
                    let id = a.mutation.id.clone();
                    let label = match a.what {
                        AttentionKind::Rejected => "Не принято",
                        AttentionKind::Held => "Ждёт решения завуча",
                        AttentionKind::Conflict { .. } => "Перезаписано чужое значение",
                    };
                    view! {
                        <li>
                            <strong>{label}</strong>
                            {describe(&a.mutation).map(|what| view! { <span>{what}</span> })}
                            <span>{a.reason}</span>
                            <span class="muted">{format!("введено {}", clock::local_date_time(&a.mutation.at))}</span>
                            <button class="secondary" on:click=move |_| sync.dismiss(&id)>"Понятно"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
