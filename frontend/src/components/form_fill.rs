//! «Форма сбора результатов для ФИС ОКО» on a ВПР's codes page: the deputy picks the empty form
//! ФИС ОКО issued for the paper and gets it back filled from what teachers entered, with what is
//! still missing said before she uploads it to ФИС ОКО.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::file;
use api::fis_oko::{fill_form, FormFilled};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn FormFill(procedure_id: Signal<i32>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let filled = RwSignal::new(None::<FormFilled>);
    let failure = RwSignal::new(None::<String>);
    let pick = move |_| {
        let Some(input) = input.get() else { return };
        let id = procedure_id.get_untracked();
        filled.set(None);
        spawn_local(async move {
            let Some((name, data)) = file::picked(&input).await else {
                failure.set(Some("Не удалось прочитать файл.".into()));
                return;
            };
            match fill_form(id, name, data).await {
                Ok(f) => {
                    failure.set(None);
                    filled.set(Some(f));
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };
    let save = move |_| {
        if let Some(f) = filled.get_untracked() {
            if file::download_base64(&f.file_name, &f.data, XLSX).is_err() {
                failure.set(Some("Браузер не дал сохранить файл.".into()));
            }
        }
    };
    view! {
        <section class="card no-print" data-testid="form-fill">
            <h2>"Форма сбора результатов для ФИС ОКО"</h2>
            <p class="muted">"Выберите пустую форму, выданную ФИС ОКО для этой работы: Mera впишет коды, варианты, баллы, номера классов и отметки за предыдущую четверть (триместр). Выпадающие списки и формулы формы сохранятся."</p>
            <label>"Пустая форма (XLSX)"
                <input type="file" node_ref=input accept=".xlsx" data-testid="form-file" on:change=pick/>
            </label>
            {move || failure.get().map(|t| view! { <p class="error-note" role="status">{t}</p> })}
            {move || filled.get().map(|f| {
                let s = f.summary;
                let mut notes = Vec::new();
                if !s.not_entered.is_empty() {
                    notes.push(format!(
                        "Не внесены результаты {} участников (коды {}): в форме у них только код и класс.",
                        s.not_entered.len(),
                        s.not_entered.join(", ")
                    ));
                }
                if s.without_variant > 0 {
                    notes.push(format!(
                        "Вариант не известен у {}: выберите его в форме или загрузите список кодов со столбцом «Вариант».",
                        s.without_variant
                    ));
                }
                if s.without_mark > 0 {
                    notes.push(format!(
                        "Нет отметки за предыдущую четверть (триместр) у {}: в форме «нет отметки».",
                        s.without_mark
                    ));
                }
                view! {
                    <p role="status" data-testid="form-summary">{format!(
                        "Заполнено участников: {}. Писали: {}. Отсутствовали: {}.",
                        s.participants, s.wrote, s.absent
                    )}</p>
                    {(!notes.is_empty()).then(|| view! {
                        <ul class="muted" data-testid="form-notes">
                            {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                        </ul>
                    })}
                    <button type="button" on:click=save data-testid="form-download">"Скачать заполненную форму"</button>
                }
            })}
        </section>
    }
}
