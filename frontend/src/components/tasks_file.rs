//! «Задания из таблицы» on «Новая работа».

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::file;
use api::procedure_setup::read_tasks_file;
use domain::paper::Task;

/// «Задания из таблицы»: a filled template (or any sheet with номер and макс. балл) replaces
/// the tasks; a file with mistakes names each row and changes nothing.
#[component]
pub fn TasksFromFile(tasks: RwSignal<Vec<Task>>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let said = RwSignal::new(None::<(bool, Vec<String>)>);
    let on_pick = move |_| {
        let Some(input) = input.get() else { return };
        spawn_local(async move {
            let Some((name, data)) = file::picked(&input).await else {
                said.set(Some((false, vec!["Не удалось прочитать файл.".into()])));
                return;
            };
            said.set(Some(match read_tasks_file(name, data).await {
                Ok(read) if read.problems.is_empty() => {
                    let n = read.tasks.len();
                    tasks.update(|old| *old = keep_ids(old, read.tasks));
                    (true, vec![format!("Из таблицы взято заданий: {n}.")])
                }
                Ok(read) => (
                    false,
                    read.problems
                        .into_iter()
                        .map(|p| match p.row {
                            0 => p.message,
                            row => format!("Строка {row}: {}", p.message),
                        })
                        .collect(),
                ),
                Err(err) => (false, vec![err.to_string()]),
            }));
        });
    };
    view! {
        <div class="form inline">
            <label>"Задания из таблицы (XLSX, XLS, CSV)"
                <input type="file" node_ref=input accept=".xlsx,.xls,.csv" data-testid="tasks-file" on:change=on_pick/>
            </label>
            <a href="/api/procedures/tasks-template" download data-testid="tasks-template">"Скачать шаблон"</a>
        </div>
        {move || said.get().map(|(ok, lines)| view! {
            <ul class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="tasks-file-message">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
        })}
    }
}

/// A task of the file with the label of a saved task edits that task: changing a paper after
/// results from a corrected file keeps the scores of every task it still has.
fn keep_ids(old: &[Task], mut new: Vec<Task>) -> Vec<Task> {
    for t in &mut new {
        t.id = old
            .iter()
            .find(|o| o.label.trim().eq_ignore_ascii_case(t.label.trim()))
            .and_then(|o| o.id);
    }
    new
}
