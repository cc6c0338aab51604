//! The paper's form, the same on «Новая работа» and «Изменить работу»: tasks from a file or
//! typed by row (a new row on Enter in the last one), the scale, an ОГЭ / ЕГЭ score table, and
//! the checks of `domain::paper` shown as they are typed.

use leptos::prelude::*;

use crate::components::tasks_file::TasksFromFile;
use domain::assessment::Scale;
use domain::paper::{Paper, Task};

pub fn empty_task(n: usize) -> Task {
    Task {
        label: n.to_string(),
        max_score: 1,
        ..Task::default()
    }
}

/// The paper as it is being edited.
#[derive(Clone, Copy)]
pub struct PaperFields {
    pub tasks: RwSignal<Vec<Task>>,
    pub scale: RwSignal<Scale>,
    pub test_scores: RwSignal<Vec<i16>>,
    /// What was typed in the score table, kept as typed until it reads as numbers.
    pub table_text: RwSignal<String>,
}

impl PaperFields {
    pub fn new(paper: Paper) -> PaperFields {
        PaperFields {
            table_text: RwSignal::new(table_text(&paper.test_scores)),
            tasks: RwSignal::new(paper.tasks),
            scale: RwSignal::new(paper.scale),
            test_scores: RwSignal::new(paper.test_scores),
        }
    }

    pub fn set(&self, paper: Paper) {
        self.table_text.set(table_text(&paper.test_scores));
        self.tasks.set(paper.tasks);
        self.scale.set(paper.scale);
        self.test_scores.set(paper.test_scores);
    }

    pub fn paper(&self) -> Paper {
        Paper {
            tasks: self.tasks.get(),
            scale: self.scale.get(),
            test_scores: self.test_scores.get(),
        }
    }
}

fn table_text(scores: &[i16]) -> String {
    scores
        .iter()
        .map(i16::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every problem of the paper, or of the score table as typed.
pub fn problems(fields: PaperFields) -> Vec<String> {
    let mut out = fields.paper().problems();
    if fields.table_text.with(|t| parse_table(t).is_none()) {
        out.push("Таблица перевода: только целые числа через пробел или запятую.".into());
    }
    out
}

fn parse_table(text: &str) -> Option<Vec<i16>> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().ok())
        .collect()
}

/// The file, the task rows, the scale and (`with_table`) the score table.
#[component]
pub fn PaperEditor(fields: PaperFields, #[prop(into)] with_table: Signal<bool>) -> impl IntoView {
    let paper = Memo::new(move |_| fields.paper());
    view! {
        <TasksFromFile tasks=fields.tasks/>
        <TaskTable tasks=fields.tasks/>
        <ScaleFields scale=fields.scale paper/>
        <Show when=move || with_table.get()>
            <label>"Перевод первичных баллов в тестовые (для 0, 1, 2 … первичных баллов)"
                <textarea data-testid="test-scores" rows="2" prop:value=fields.table_text
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        if let Some(table) = parse_table(&text) { fields.test_scores.set(table) }
                        fields.table_text.set(text);
                    }></textarea>
            </label>
            <p class="muted">"Оставьте пустым, если у работы нет официальной таблицы перевода."</p>
        </Show>
        {move || {
            let list = problems(fields);
            (!list.is_empty()).then(|| view! {
                <ul class="error-note" data-testid="paper-problems">
                    {list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            })
        }}
    }
}

#[component]
fn TaskTable(tasks: RwSignal<Vec<Task>>) -> impl IntoView {
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut Task)>| {
        tasks.update(|ts| {
            if let Some(t) = ts.get_mut(i) {
                f(t)
            }
        })
    };
    let add = move || tasks.update(|ts| ts.push(empty_task(ts.len() + 1)));
    // Enter in the last row adds a row: a paper is typed top to bottom without the mouse.
    let enter_adds = move |i: usize| {
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Enter" {
                ev.prevent_default();
                if i + 1 == tasks.with_untracked(Vec::len) {
                    add();
                }
            }
        }
    };
    view! {
        <div class="table-wrap">
            <table data-testid="tasks">
                <thead><tr><th>"№"</th><th>"Макс. балл"</th><th>"Уровень"</th><th>"Тема"</th><th>"Код"</th><th></th></tr></thead>
                <tbody>
                    {move || tasks.get().into_iter().enumerate().map(|(i, t)| view! {
                        <tr>
                            <td><input aria-label=format!("Номер задания {}", i + 1) prop:value=t.label.clone() size="5"
                                on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |t| t.label = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><input type="number" min="1" aria-label=format!("Максимальный балл задания {}", i + 1) prop:value=t.max_score.to_string()
                                on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(0); edit(i, Box::new(move |t| t.max_score = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><select aria-label=format!("Уровень задания {}", i + 1)
                                on:change=move |ev| { let v = event_target_value(&ev) == "П"; edit(i, Box::new(move |t| t.advanced = v)) }>
                                <option selected=!t.advanced>"Б"</option>
                                <option selected=t.advanced>"П"</option>
                            </select></td>
                            <td><input aria-label=format!("Тема задания {}", i + 1) prop:value=t.topic.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |t| t.topic = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><input aria-label=format!("Код задания {}", i + 1) prop:value=t.skill_code.clone() size="6"
                                on:change=move |ev| { let v = event_target_value(&ev); edit(i, Box::new(move |t| t.skill_code = v)) }
                                on:keydown=enter_adds(i)/></td>
                            <td><button type="button" class="link" aria-label=format!("Убрать задание {}", i + 1)
                                on:click=move |_| tasks.update(|ts| { ts.remove(i); })>"×"</button></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <button type="button" data-testid="add-task" on:click=move |_| add()>"Добавить задание"</button>
    }
}

#[component]
fn ScaleFields(scale: RwSignal<Scale>, paper: Memo<Paper>) -> impl IntoView {
    let field = move |mark: u8| {
        let get = move || {
            let s = scale.get();
            match mark {
                3 => s.mark3_from,
                4 => s.mark4_from,
                _ => s.mark5_from,
            }
        };
        view! {
            <label>{format!("«{mark}» от")}
                <input type="number" min="1" data-testid=format!("mark{mark}") prop:value=move || get().to_string()
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(0);
                        scale.update(|s| match mark {
                            3 => s.mark3_from = v,
                            4 => s.mark4_from = v,
                            _ => s.mark5_from = v,
                        })
                    }/>
            </label>
        }
    };
    view! {
        <fieldset class="form inline" data-testid="scale">
            <legend>"Шкала: первичный балл → отметка"</legend>
            {field(3)}
            {field(4)}
            {field(5)}
            <p class="muted">{move || format!("Максимум работы: {} б.", paper.get().max_primary())}</p>
        </fieldset>
    }
}
