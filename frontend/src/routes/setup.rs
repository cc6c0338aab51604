use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::device::file;
use crate::routes::journal_import::JournalImportSection;
use crate::routes::school_year::SchoolYearSection;
use crate::routes::staffing::StaffingSection;
use crate::routes::subjects::SubjectsSection;
use api::school::school_overview;
use api::setup::{create_class, import_students, preview_student_import, ImportPreview};
use domain::format;

/// «Настройка»: loading the school's student list from the file the e-journal or the
/// secretary keeps. A preview first; the list goes in whole or not at all.
#[component]
pub fn Setup() -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let picked = RwSignal::new(None::<(String, String)>);
    let preview = RwSignal::new(None::<ImportPreview>);
    let message = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let on_pick = move |_| {
        let Some(input) = input.get() else { return };
        preview.set(None);
        message.set(None);
        busy.set(true);
        spawn_local(async move {
            match file::picked(&input).await {
                Some((name, data)) => {
                    match preview_student_import(name.clone(), data.clone()).await {
                        Ok(p) => {
                            picked.set(Some((name, data)));
                            preview.set(Some(p));
                        }
                        Err(err) => message.set(Some((false, err.to_string()))),
                    }
                }
                None => message.set(Some((false, "Не удалось прочитать файл.".into()))),
            }
            busy.set(false);
        });
    };
    let load = move |_| {
        let Some((name, data)) = picked.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match import_students(name, data).await {
                Ok(done) => {
                    message.set(Some((
                        true,
                        format!(
                            "Список загружен: добавлено {}, уже были в списках {}.",
                            format::count(done.added, "ученик", "ученика", "учеников"),
                            done.already_there
                        ),
                    )));
                    preview.set(None);
                    picked.set(None);
                }
                Err(err) => message.set(Some((false, err.to_string()))),
            }
            busy.set(false);
        });
    };
    // Bumped when the school moves to a new year: the sections are drawn again for it.
    let year_moved = RwSignal::new(0u32);
    view! {
        <h1>"Настройка школы"</h1>
        {move || {
            year_moved.track();
            view! { <Classes/><SubjectsSection/><StaffingSection/> }
        }}
        <section class="card" data-testid="student-import">
            <h2>"Список учеников"</h2>
            <p>"Загрузите таблицу Excel (.xlsx) или CSV (UTF-8 или Windows-1251). В первой строке — заголовки: «ФИО» и «Класс» (или «Фамилия», «Имя», «Отчество», «Класс»); столбец «ОВЗ» — по желанию. Ученики, которые уже есть в своём классе, будут пропущены."</p>
            <label class="file">
                "Файл со списком"
                <input type="file" accept=".xlsx,.xls,.csv,.txt" node_ref=input on:change=on_pick/>
            </label>
            <Show when=move || busy.get()>
                <p class="muted">"Обработка…"</p>
            </Show>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="import-message">{text}</p>
            })}
            {move || preview.get().map(|p| view! { <PreviewView preview=p on_load=load busy/> })}
        </section>
        <JournalImportSection/>
        <SchoolYearSection on_moved=move || year_moved.update(|n| *n += 1)/>
    }
}

#[component]
fn PreviewView(
    preview: ImportPreview,
    on_load: impl Fn(leptos::ev::MouseEvent) + 'static,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let blocked = !preview.problems.is_empty() || preview.new == 0;
    let new = preview.new;
    view! {
        <div class="preview" data-testid="import-preview">
            <p>
                "Новых учеников: "<strong data-testid="import-new">{preview.new}</strong>
                ". Уже в списках: "{preview.already_there}"."
            </p>
            {(!preview.problems.is_empty()).then(|| view! {
                <div class="error-note">
                    <p>{format!("Найдены ошибки ({}). Исправьте их в файле и выберите его снова: список загружается только целиком.", preview.problems.len())}</p>
                </div>
                <div class="table-wrap">
                    <table data-testid="import-problems">
                        <thead><tr><th class="num">"Строка"</th><th>"Что не так"</th></tr></thead>
                        <tbody>
                            {preview.problems.into_iter().map(|p| view! {
                                <tr><td class="num">{p.row}</td><td>{p.message}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <button type="button" on:click=on_load disabled=move || blocked || busy.get() data-testid="import-load">
                {format!("Загрузить: {}", format::count(new, "ученик", "ученика", "учеников"))}
            </button>
            <details>
                <summary>"Строки файла"</summary>
                <div class="table-wrap">
                    <table>
                        <thead><tr><th class="num">"Строка"</th><th>"ФИО"</th><th>"Класс"</th><th></th></tr></thead>
                        <tbody>
                            {preview.rows.into_iter().map(|r| view! {
                                <tr>
                                    <td class="num">{r.row}</td>
                                    <td>{r.full_name}{r.has_ovz.then(|| view! { <span class="badge">"ОВЗ"</span> })}</td>
                                    <td>{r.class}</td>
                                    <td class="muted">{if r.already_there { "уже в классе" } else { "новый" }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </div>
    }
}

/// The current year's classes and a form for a new one.
#[component]
fn Classes() -> impl IntoView {
    let school = LocalResource::new(school_overview);
    let grade = RwSignal::new(1i16);
    let letter = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let (g, l) = (grade.get_untracked(), letter.get_untracked());
            match create_class(g, l.clone()).await {
                Ok(()) => {
                    message.set(Some((
                        true,
                        format!("Класс {g}{} добавлен.", l.trim().to_uppercase()),
                    )));
                    letter.set(String::new());
                    school.refetch();
                }
                Err(err) => message.set(Some((false, err.to_string()))),
            }
        });
    };
    view! {
        <section class="card" data-testid="class-setup">
            <h2>"Классы"</h2>
            <Suspense fallback=|| ()>
                {move || school.get().map(|answer| match answer {
                    Ok(info) if info.classes.is_empty() => view! {
                        <p class="empty">"Классов текущего учебного года пока нет: добавьте их, затем загрузите список учеников."</p>
                    }.into_any(),
                    Ok(info) => view! {
                        <p data-testid="class-list">{info.classes.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(" · ")}</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Suspense>
            <form class="form inline" on:submit=submit>
                <label>"Параллель"
                    <select name="grade" on:change=move |ev| {
                        if let Ok(g) = event_target_value(&ev).parse() { grade.set(g) }
                    }>
                        {(1..=11).map(|g| view! { <option value=g>{g}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Буква"
                    <input name="letter" maxlength="1" required prop:value=letter
                        on:input=move |ev| letter.set(event_target_value(&ev))/>
                </label>
                <button type="submit">"Добавить класс"</button>
            </form>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="class-message">{text}</p>
            })}
        </section>
    }
}
