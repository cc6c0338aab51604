use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::edit_window::HeldEdits;
use crate::components::error_note::ErrorNote;
use crate::components::lost_edits::LostEdits;
use crate::device::signed_in::use_signed_in;
use crate::device::store;
use crate::device::sync_engine::use_sync;
use api::auth::SCHOOL_ROLES;
use api::result_sheet::{load_result_sheet, my_procedures, ProcedureItem};
use domain::format;
use domain::policy::Role;

/// «Работы»: this year's procedures of the user's classes. Online the list is fetched and the
/// sheets the user fills in are kept on the device, so they open in class with no network.
#[component]
pub fn Procedures() -> impl IntoView {
    let sync = use_sync();
    let list = LocalResource::new(move || async move {
        let answer = sync.or_kept(store::PROCEDURES, my_procedures().await);
        if let (Ok((list, false)), Some(user)) = (&answer, sync.user()) {
            keep_sheets(user, list);
        }
        answer
    });
    let decides = use_signed_in().has(&[Role::Deputy, Role::Director]);
    let reads_results = use_signed_in().has(&SCHOOL_ROLES);
    let makes = use_signed_in().has(&[Role::Deputy, Role::MoHead, Role::Teacher]);
    view! {
        <h1>"Работы"</h1>
        {makes.then(|| view! {
            <p><a class="button" href="/procedures/new" data-testid="new-procedure-link">"Новая работа"</a></p>
        })}
        {decides.then(|| view! { <HeldEdits/> <LostEdits/> })}
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || list.get().map(|answer| match answer {
                Ok((list, _)) if list.is_empty() => view! {
                    <p class="card empty">"В этом учебном году у ваших классов пока нет работ."</p>
                }.into_any(),
                Ok((list, from_device)) => view! {
                    <Show when=move || from_device>
                        <p class="note">"Нет связи: список сохранён на устройстве."</p>
                    </Show>
                    <ul class="tiles" data-testid="procedures">
                        {list.into_iter().map(|p| view! { <ProcedureTile p report=reads_results/> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ProcedureTile(p: ProcedureItem, report: bool) -> impl IntoView {
    view! {
        <li class="procedure-item">
            <a class="tile" href=format!("/procedures/{}", p.id)>
                <strong>{p.title.clone()}</strong>
                <span>{format!("{} · {} · {}", p.kind, p.subject, format::date(&p.held_on))}</span>
                <span>{p.classes.join(", ")}</span>
                <span class="muted">{format!("внесено {} из {}", p.entered, p.students)}</span>
                {p.closed.then(|| view! { <span class="badge warn">"закрыта для изменений"</span> })}
            </a>
            {report.then(|| view! {
                <a class="report-link" href=format!("/procedures/{}/report", p.id) data-testid="report-link">"Аналитическая справка"</a>
            })}
        </li>
    }
}

/// Fetches the sheets the user may fill in, one after another, so they are there offline.
fn keep_sheets(user: String, list: &[ProcedureItem]) {
    let ids: Vec<i32> = list.iter().filter(|p| p.editable).map(|p| p.id).collect();
    spawn_local(async move {
        for id in ids {
            match load_result_sheet(id).await {
                Ok(sheet) => {
                    if store::save_sheet(&user, &sheet).is_err() {
                        return;
                    }
                }
                Err(_) => return,
            }
        }
    });
}
