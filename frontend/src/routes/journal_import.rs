//! «Загрузка из журнала» on «Настройка»: the e-journal's files (several at once), a preview of
//! what each holds and every row Mera cannot place, the subject names to map once, then the
//! load — all of it or nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::file;
use api::journal_import::{
    load_journal, preview_journal, ImportOutcome, JournalFile, SubjectChoice,
};
use domain::format::count;

#[component]
pub fn JournalImportSection() -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let files = RwSignal::new(Vec::<JournalFile>::new());
    let choices = RwSignal::new(Vec::<SubjectChoice>::new());
    let outcome = RwSignal::new(None::<ImportOutcome>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<&'static str>);
    let run = move |write: bool| {
        let (f, c) = (files.get_untracked(), choices.get_untracked());
        if f.is_empty() {
            return;
        }
        busy.set(Some(if write {
            "Загрузка в Mera…"
        } else {
            "Чтение файлов…"
        }));
        spawn_local(async move {
            let answer = if write {
                load_journal(f, c).await
            } else {
                preview_journal(f, c).await
            };
            match answer {
                Ok(o) => {
                    failure.set(None);
                    outcome.set(Some(o));
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
            busy.set(None);
        });
    };
    let pick = move |_| {
        let Some(input) = input.get() else { return };
        outcome.set(None);
        failure.set(None);
        busy.set(Some("Чтение файлов…"));
        spawn_local(async move {
            match file::picked_all(&input).await {
                Some(picked) if !picked.is_empty() => {
                    files.set(
                        picked
                            .into_iter()
                            .map(|(name, data)| JournalFile { name, data })
                            .collect(),
                    );
                    choices.set(Vec::new());
                    run(false);
                }
                _ => {
                    busy.set(None);
                    failure.set(Some("Не удалось прочитать файлы.".into()));
                }
            }
        });
    };
    let choose = move |name: String, value: String| {
        choices.update(|c| {
            c.retain(|x| x.name != name);
            if !value.is_empty() {
                c.push(SubjectChoice {
                    name,
                    subject_id: value.parse().ok().filter(|id| *id > 0),
                });
            }
        });
        run(false);
    };
    view! {
        <section class="card" id="journal" data-testid="journal-import">
            <h2>"Загрузка из журнала"</h2>
            <p>"Итоговые и текущие отметки и пропуски из электронного журнала: отчёты «Сетевого города» об успеваемости и посещаемости учеников, сохранённые из браузера (.html), или таблица по шаблону Mera (.xlsx, .csv). Можно выбрать сразу много файлов — например, по файлу на класс. Сначала Mera покажет, что нашла; записывается всё целиком или ничего. Повторная загрузка того же файла ничего не меняет; исправленный файл заменяет отметки своих классов, предметов и периодов."</p>
            <p class="small">
                "Шаблон: "<a href="/api/journal-file/template.xlsx" download data-testid="journal-template">"XLSX"</a>
                " · "<a href="/api/journal-file/template.csv" download>"CSV"</a>
                ". Пример файла из отметок школы: "<a href="/api/journal-file/example-template.csv" download data-testid="journal-example-template">"шаблон Mera"</a>
                " · "<a href="/api/journal-file/example-netcity.html" download data-testid="journal-example-netcity">"отчёт «Сетевого города»"</a>"."
            </p>
            <label class="file">"Файлы журнала"
                <input type="file" multiple accept=".xlsx,.xls,.csv,.txt,.html,.htm" node_ref=input on:change=pick data-testid="journal-files"/>
            </label>
            {move || busy.get().map(|what| view! {
                <p class="muted" role="status">{what}" "<progress data-testid="journal-progress"></progress></p>
            })}
            {move || failure.get().map(|t| view! { <p class="error-note" role="status" data-testid="journal-error">{t}</p> })}
            {move || outcome.get().map(|o| view! { <Outcome o choose run busy/> })}
        </section>
    }
}

#[component]
fn Outcome(
    o: ImportOutcome,
    choose: impl Fn(String, String) + Copy + Send + Sync + 'static,
    run: impl Fn(bool) + Copy + 'static,
    busy: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let changes = o.added + o.changed + o.removed;
    let summary = if o.written {
        format!(
            "Загружено: добавлено {}, изменено {}, удалено {}, без изменений {}.",
            o.added, o.changed, o.removed, o.same
        )
    } else if o.ready() && changes == 0 {
        format!(
            "Всё в файлах уже есть в Mera ({}): загружать нечего.",
            o.same
        )
    } else {
        format!(
            "Будет добавлено {}, изменено {}, удалено {}; без изменений {}.",
            o.added, o.changed, o.removed, o.same
        )
    };
    let ready = o.ready() && changes > 0 && !o.written;
    let problems: u32 = o.files.iter().map(|f| f.problems.len() as u32).sum();
    let subjects = o.subjects.clone();
    view! {
        <div class="preview" data-testid="journal-preview">
            <div class="table-wrap">
                <table data-testid="journal-files-read">
                    <thead><tr><th>"Файл"</th><th>"Что это"</th><th class="num">"Строк"</th><th class="num">"Учеников"</th><th class="num">"Отметок"</th><th class="num">"Пропусков"</th><th class="num">"Ошибок"</th></tr></thead>
                    <tbody>{o.files.iter().map(|f| view! {
                        <tr>
                            <td>{f.name.clone()}</td><td>{f.format.clone()}</td>
                            <td class="num">{f.rows}</td><td class="num">{f.pupils}</td>
                            <td class="num">{f.marks}</td><td class="num">{f.absences}</td>
                            <td class="num">{f.problems.len()}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
            {(problems > 0).then(|| view! {
                <div data-testid="journal-problems">
                    <p class="error-note">{format!("Не загружается: {} с ошибками. Исправьте файлы и выберите их снова.", count(problems, "строка", "строки", "строк"))}</p>
                    <ul>{o.files.iter().flat_map(|f| f.problems.iter().map(move |p| {
                        let at = if p.row == 0 { String::new() } else { format!(", строка {}", p.row) };
                        view! { <li>{format!("«{}»{at}: {}", f.name, p.message)}</li> }
                    })).collect_view()}</ul>
                </div>
            })}
            {(!o.unknown_subjects.is_empty()).then(|| view! {
                <div data-testid="journal-subjects">
                    <p class="error-note">"Эти предметы журнала Mera не знает. Укажите, какой это предмет школы (Mera запомнит), или не загружайте его:"</p>
                    <ul class="plain">{o.unknown_subjects.iter().map(|u| {
                        let name = u.name.clone();
                        view! {
                            <li>
                                <label>{format!("«{}» ({}) ", u.name, count(u.values, "отметка", "отметки", "отметок"))}
                                    <select data-testid="journal-subject-choice" on:change=move |ev| choose(name.clone(), event_target_value(&ev))>
                                        <option value="">"— выберите —"</option>
                                        {subjects.iter().map(|s| view! { <option value=s.id>{s.name.clone()}</option> }).collect_view()}
                                        <option value="0">"Не загружать"</option>
                                    </select>
                                </label>
                            </li>
                        }
                    }).collect_view()}</ul>
                </div>
            })}
            <p role="status" data-testid="journal-summary" class=if o.written { "ok-note" } else { "" }>
                {summary}
                {(!o.classes.is_empty()).then(|| format!(" Классы: {}.", o.classes.join(", ")))}
            </p>
            {ready.then(|| view! {
                <button type="button" data-testid="journal-load" disabled=move || busy.get().is_some() on:click=move |_| run(true)>"Загрузить"</button>
            })}
        </div>
    }
}
