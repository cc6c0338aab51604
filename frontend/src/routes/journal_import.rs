//! «Загрузка из журнала» on «Настройка»: the e-journal's files (several at once), a preview of
//! what each holds and every row Mera cannot place, the subject names to map once, then the
//! load — all of it or nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::file;
use std::time::Duration;

use api::journal_import::{
    follow_journal_job, stage_journal_file, start_journal_job, ImportOutcome, JournalFile,
    JournalJob, SubjectChoice,
};
use domain::format::count;

/// How often a running job is asked about.
const POLL: Duration = Duration::from_millis(400);

/// Asks about the batch's job until it is done; stops when the screen is gone.
fn follow(batch: String, job: RwSignal<Option<JournalJob>>, failure: RwSignal<Option<String>>) {
    set_timeout(
        move || {
            spawn_local(async move {
                let answer = follow_journal_job(Some(batch.clone())).await;
                let again = match answer {
                    Ok(Some(j)) => {
                        let running = j.running.is_some();
                        job.try_set(Some(j)).is_none() && running
                    }
                    Ok(None) => {
                        failure.try_set(Some(
                            "Этот набор файлов уже заменён другим: выберите файлы снова.".into(),
                        ));
                        job.try_set(None);
                        false
                    }
                    // The network came and went: ask again while the screen is open.
                    Err(e) => failure.try_set(Some(e.to_string())).is_none(),
                };
                if again {
                    follow(batch, job, failure);
                }
            });
        },
        POLL,
    );
}

#[component]
pub fn JournalImportSection() -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let choices = RwSignal::new(Vec::<SubjectChoice>::new());
    let job = RwSignal::new(None::<JournalJob>);
    let failure = RwSignal::new(None::<String>);
    // Files sent of those chosen, while they are being sent.
    let sending = RwSignal::new(None::<(usize, usize)>);
    let busy = Signal::derive(move || {
        sending.get().is_some() || job.with(|j| j.as_ref().is_some_and(|j| j.running.is_some()))
    });
    // Opened again during (or after) a load: show where it stands.
    spawn_local(async move {
        if let Ok(Some(j)) = follow_journal_job(None).await {
            let batch = j.running.is_some().then(|| j.batch.clone());
            choices.try_set(j.choices.clone());
            if job.try_set(Some(j)).is_none() {
                if let Some(batch) = batch {
                    follow(batch, job, failure);
                }
            }
        }
    });
    let run = move |write: bool| {
        let Some(batch) = job.with_untracked(|j| j.as_ref().map(|j| j.batch.clone())) else {
            return;
        };
        let c = choices.get_untracked();
        spawn_local(async move {
            match start_journal_job(batch.clone(), c, write).await {
                Ok(j) => {
                    failure.set(None);
                    job.set(Some(j));
                    follow(batch, job, failure);
                }
                Err(e) => failure.set(Some(e.to_string())),
            }
        });
    };
    let pick = move |_| {
        let Some(input) = input.get() else { return };
        failure.set(None);
        spawn_local(async move {
            let picked = file::picked_all(&input).await.unwrap_or_default();
            if picked.is_empty() {
                failure.set(Some("Не удалось прочитать файлы.".into()));
                return;
            }
            job.set(None);
            choices.set(Vec::new());
            let total = picked.len();
            let mut batch = None;
            for (at, (name, data)) in picked.into_iter().enumerate() {
                sending.set(Some((at, total)));
                match stage_journal_file(batch.clone(), JournalFile { name, data }).await {
                    Ok(id) => batch = Some(id),
                    Err(e) => {
                        sending.set(None);
                        failure.set(Some(e.to_string()));
                        return;
                    }
                }
            }
            sending.set(None);
            let Some(batch) = batch else { return };
            match start_journal_job(batch.clone(), Vec::new(), false).await {
                Ok(j) => {
                    job.set(Some(j));
                    follow(batch, job, failure);
                }
                Err(e) => failure.set(Some(e.to_string())),
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
            {move || sending.get().map(|(sent, total)| view! {
                <p class="muted" role="status">
                    {format!("Отправка файлов: {sent} из {total} ")}
                    <progress data-testid="journal-progress" value=sent max=total></progress>
                </p>
            })}
            {move || job.get().map(|j| view! { <JobState j choose run busy/> })}
            {move || failure.get().map(|t| view! { <p class="error-note" role="status" data-testid="journal-error">{t}</p> })}
        </section>
    }
}

/// The batch: its job running with its progress, or what came of it.
#[component]
fn JobState(
    j: JournalJob,
    choose: impl Fn(String, String) + Copy + Send + Sync + 'static,
    run: impl Fn(bool) + Copy + 'static,
    busy: Signal<bool>,
) -> impl IntoView {
    let files = match j.files.as_slice() {
        [one] => format!("Файл {one}"),
        many => count(many.len() as u32, "файл", "файла", "файлов"),
    };
    let files = format!("{files}, выбрал(а) {}.", j.by);
    let running = j.running.map(|p| {
        let at = if p.total > 0 {
            format!("{}: {} из {}", p.stage, p.done, p.total)
        } else {
            format!("{}…", p.stage)
        };
        let bar = if p.total > 0 {
            view! { <progress data-testid="journal-progress" value=p.done max=p.total></progress> }.into_any()
        } else {
            view! { <progress data-testid="journal-progress"></progress> }.into_any()
        };
        view! {
            <p class="muted" role="status" data-testid="journal-running">{at}" "{bar}</p>
            {j.write.then(|| view! { <p class="small">"Можно уйти с этой страницы: загрузка продолжится, а здесь будет видно, чем она закончилась."</p> })}
        }
    });
    view! {
        <p class="small" data-testid="journal-batch">{files}</p>
        {running}
        {j.failure.map(|t| view! { <p class="error-note" role="status" data-testid="journal-error">{t}</p> })}
        {j.outcome.map(|o| view! { <Outcome o choose run busy/> })}
    }
}

#[component]
fn Outcome(
    o: ImportOutcome,
    choose: impl Fn(String, String) + Copy + Send + Sync + 'static,
    run: impl Fn(bool) + Copy + 'static,
    busy: Signal<bool>,
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
                <button type="button" data-testid="journal-load" disabled=move || busy.get() on:click=move |_| run(true)>"Загрузить"</button>
            })}
        </div>
    }
}
