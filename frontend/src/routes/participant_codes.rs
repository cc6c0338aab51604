//! «Коды участников» of a ВПР: the organiser's list per class with the class's ordinal, the
//! missing codes issued with one button, the school's own list loaded from a file instead, printed
//! one class to a page or downloaded as XLSX; the ФИС ОКО collection form filled; and the ФИС ОКО
//! report Ф1 loaded back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::components::error_note::ErrorNote;
use crate::components::f1_import::F1Import;
use crate::components::form_fill::FormFill;
use crate::device::file;
use api::participant_codes::{issue_codes, load_codes, participant_codes, CodeList};

#[component]
pub fn ParticipantCodesPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let list = RwSignal::new(None::<CodeList>);
    let loaded = LocalResource::new(move || {
        let id = id().unwrap_or(0);
        async move { participant_codes(id).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(l)) = loaded.get() {
            list.set(Some(l));
        }
    });
    view! {
        <h1>"Коды участников"</h1>
        {move || match loaded.get() {
            Some(Err(error)) => Some(view! { <ErrorNote error/> }),
            _ => None,
        }}
        // Drawn once, not again when the list arrives: a file the deputy already chose stays chosen.
        <Show when=move || !matches!(loaded.get(), Some(Err(_)))>
            <Codes list id=Signal::derive(move || id().unwrap_or(0))/>
            <FormFill procedure_id=Signal::derive(move || id().unwrap_or(0))/>
            <F1Import procedure_id=Signal::derive(move || id().unwrap_or(0))/>
        </Show>
    }
}

#[component]
fn Codes(list: RwSignal<Option<CodeList>>, id: Signal<i32>) -> impl IntoView {
    let said = RwSignal::new(None::<(bool, Vec<String>)>);
    let issue = move |_| {
        let id = id.get_untracked();
        spawn_local(async move {
            match issue_codes(id).await {
                Ok(l) => {
                    said.set(Some((true, vec!["Коды выданы.".into()])));
                    list.set(Some(l));
                }
                Err(e) => said.set(Some((false, vec![e.to_string()]))),
            }
        });
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let pick = move |_| {
        let Some(input) = input.get() else { return };
        let id = id.get_untracked();
        spawn_local(async move {
            let Some((name, data)) = file::picked(&input).await else {
                said.set(Some((false, vec!["Не удалось прочитать файл.".into()])));
                return;
            };
            said.set(Some(match load_codes(id, name, data).await {
                Ok(done) => match done.list {
                    Some(l) => {
                        list.set(Some(l));
                        (true, vec!["Список кодов загружен.".into()])
                    }
                    None => (
                        false,
                        done.problems
                            .into_iter()
                            .map(|p| match p.row {
                                0 => p.message,
                                row => format!("Строка {row}: {}", p.message),
                            })
                            .collect(),
                    ),
                },
                Err(e) => (false, vec![e.to_string()]),
            }));
        });
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        {move || list.get().map(|l| view! {
            <p class="muted">{l.title.clone()}</p>
            <div class="form inline no-print">
                <button type="button" on:click=issue disabled=l.missing == 0 data-testid="issue-codes">
                    {format!("Выдать коды ({})", l.missing)}
                </button>
                <label>"Свой список кодов (ФИО, класс, код; вариант, если известен)"
                    <input type="file" node_ref=input accept=".xlsx,.xls,.csv" data-testid="codes-file" on:change=pick/>
                </label>
                <a class="button secondary" href=format!("/api/code-list/{}", l.procedure_id) download data-testid="codes-xlsx">"Скачать XLSX"</a>
                <button type="button" class="secondary" on:click=print>"Печать"</button>
            </div>
            {l.classes.into_iter().map(|c| view! {
                <section class="code-class" data-testid="code-class">
                    <h2>{format!("{} класс · порядковый номер {}", c.name, c.ordinal)}</h2>
                    <table>
                        <thead><tr><th>"ФИО"</th><th>"Код участника"</th><th>"Вариант"</th></tr></thead>
                        <tbody>
                            {c.pupils.into_iter().map(|s| view! {
                                <tr data-testid="code-row">
                                    <td>{s.name}</td>
                                    <td>{s.code.unwrap_or_else(|| "не выдан".into())}</td>
                                    <td>{s.variant.map(|v| v.to_string()).unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }).collect_view()}
        })}
        {move || said.get().map(|(ok, lines)| view! {
            <ul class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="codes-message">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
        })}
    }
}
