//! A results file from outside loaded into a procedure: «Отчёт Ф1 из ФИС ОКО» on a ВПР's codes
//! page, a РЦОИ protocol on an exam's sheet. Previewed first (what it fills, what agrees, what
//! differs from what teachers typed, each row it cannot place), written only on the deputy's
//! «Загрузить», all or nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::file;
use api::fis_oko::{load_f1, preview_f1, F1Outcome};
use api::rcoi::{load_protocol, preview_protocol};

/// `rcoi`: a РЦОИ protocol of an ОГЭ / ЕГЭ; otherwise a ВПР's Ф1 report.
#[component]
pub fn F1Import(procedure_id: Signal<i32>, #[prop(optional)] rcoi: bool) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let picked = RwSignal::new(None::<(String, String)>);
    let outcome = RwSignal::new(None::<F1Outcome>);
    let failure = RwSignal::new(None::<String>);
    let run = move |write: bool| {
        let Some((name, data)) = picked.get_untracked() else {
            return;
        };
        let id = procedure_id.get_untracked();
        spawn_local(async move {
            let answer = match (rcoi, write) {
                (false, true) => load_f1(id, name, data).await,
                (false, false) => preview_f1(id, name, data).await,
                (true, true) => load_protocol(id, name, data).await,
                (true, false) => preview_protocol(id, name, data).await,
            };
            match answer {
                Ok(o) => {
                    failure.set(None);
                    outcome.set(Some(o));
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };
    let pick = move |_| {
        let Some(input) = input.get() else { return };
        spawn_local(async move {
            match file::picked(&input).await {
                Some(f) => {
                    picked.set(Some(f));
                    run(false);
                }
                None => failure.set(Some("Не удалось прочитать файл.".into())),
            }
        });
    };
    view! {
        <section class="card no-print" data-testid="f1-import">
            <h2>{if rcoi { "Протокол РЦОИ" } else { "Отчёт Ф1 «Индивидуальные результаты» из ФИС ОКО" }}</h2>
            <p class="muted">"Баллы из файла дополнят то, что не внесено; расхождения с внесённым будут показаны и не изменятся."</p>
            <label>{if rcoi { "Файл протокола (XLS, XLSX)" } else { "Файл отчёта (XLSX)" }}
                <input type="file" node_ref=input accept=".xlsx,.xls" data-testid="f1-file" on:change=pick/>
            </label>
            {move || failure.get().map(|t| view! { <p class="error-note" role="status">{t}</p> })}
            {move || outcome.get().map(|o| view! { <F1Preview o run/> })}
        </section>
    }
}

#[component]
fn F1Preview(o: F1Outcome, run: impl Fn(bool) + Copy + 'static) -> impl IntoView {
    if !o.problems.is_empty() {
        return view! {
            <div data-testid="f1-problems">
                <p class="error-note">{format!("Отчёт не загружается: строк с ошибками — {}.", o.problems.len())}</p>
                <ul>{o.problems.into_iter().map(|p| view! {
                    <li>{if p.row == 0 { p.message } else { format!("Строка {}: {}", p.row, p.message) }}</li>
                }).collect_view()}</ul>
            </div>
        }
        .into_any();
    }
    let summary =
        if o.written {
            format!(
                "Загружено: {} баллов. Совпало с внесённым: {}.",
                o.fills, o.same
            )
        } else {
            format!(
            "Участников: {}. Будет внесено баллов: {}. Совпадает с внесённым: {}. Расхождений: {}.",
            o.participants, o.fills, o.same, o.differences.len()
        )
        };
    let can_load = !o.written && o.fills > 0;
    view! {
        <div data-testid="f1-preview">
            <p role="status" data-testid="f1-summary">{summary}</p>
            {(!o.differences.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table data-testid="f1-differences">
                        <thead><tr><th>"Строка"</th><th>"Код"</th><th>"Что"</th><th>"Внесено"</th><th>"В отчёте"</th></tr></thead>
                        <tbody>{o.differences.into_iter().map(|d| view! {
                            <tr><td>{d.row}</td><td>{d.code}</td><td>{d.what}</td><td>{d.typed}</td><td>{d.reported}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                </div>
            })}
            {can_load.then(|| view! {
                <button type="button" data-testid="f1-load" on:click=move |_| run(true)>"Загрузить"</button>
            })}
        </div>
    }
    .into_any()
}
