//! «График оценочных процедур»: every procedure of the year by grade level, class and week, the
//! federal ones and the school's own, with the load check beside the rule it comes from. A breach
//! is marked on its cell and listed; the deputy sets the lessons per subject the 10 % rule counts
//! against. Exports to XLSX; prints one landscape page per grade level.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::components::xlsx_link::XlsxLink;
use api::schedule::{load_schedule, set_lessons, Entry, GradeBlock, Load, Schedule, RULE_SOURCE};
use domain::plan::deadline::Day;
use domain::table::Export;

#[component]
pub fn SchedulePage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        load_schedule()
    });
    view! {
        <h1>"График оценочных процедур"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(s) => view! { <ScheduleView s version/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ScheduleView(s: Schedule, version: RwSignal<u32>) -> impl IntoView {
    let weeks = s.weeks.clone();
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <p class="muted">{format!("{} учебный год", s.year)}</p>
        <p class="note" data-testid="rule-source">{RULE_SOURCE}</p>
        <div class="form inline no-print">
            <XlsxLink export=Export::Schedule/>
            <p><button type="button" class="secondary" on:click=print data-testid="print">"Печать"</button></p>
        </div>
        {(!s.breaches.is_empty()).then(|| view! {
            <div class="card warn" data-testid="breaches">
                <p><strong>{format!("Нарушения нагрузки: {}", s.breaches.len())}</strong></p>
                <ul>{s.breaches.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}</ul>
            </div>
        })}
        {s.grades.is_empty().then(|| view! {
            <p class="card empty">"В этом учебном году пока нет классов."</p>
        })}
        {s.grades.into_iter().map(|g| view! { <GradeTable g weeks=weeks.clone()/> }).collect_view()}
        <Loads loads=s.loads editable=s.can_set_lessons version/>
    }
}

/// «Мат 14»: the subject's first letters and the day, as a cell of the grid can hold it.
fn short(e: &Entry) -> String {
    let subject: String = e.sitting.subject.chars().take(3).collect();
    let day = Day::parse(&e.sitting.held_on).map_or(0, |d| d.ymd().2);
    format!("{subject} {day}")
}

/// Month headers over the weeks: each month spans the weeks that start in it.
fn months(weeks: &[String]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for w in weeks {
        let m = Day::parse(w).map_or(1, |d| d.ymd().1) as usize;
        let name = domain::format::MONTHS[m.saturating_sub(1) % 12].to_string();
        match out.last_mut() {
            Some((last, n)) if *last == name => *n += 1,
            _ => out.push((name, 1)),
        }
    }
    out
}

#[component]
fn GradeTable(g: GradeBlock, weeks: Vec<String>) -> impl IntoView {
    let heads: Vec<String> = weeks
        .iter()
        .map(|w| {
            Day::parse(w)
                .map(|d| format!("{:02}", d.ymd().2))
                .unwrap_or_default()
        })
        .collect();
    view! {
        <section class="schedule-grade" data-testid="schedule-grade">
            <h2>{format!("{} класс", g.grade)}</h2>
            <div class="table-wrap">
                <table class="schedule">
                    <thead>
                        <tr>
                            <th rowspan="2">"Класс"</th>
                            {months(&weeks).into_iter().map(|(m, n)| view! { <th colspan=n.to_string()>{m}</th> }).collect_view()}
                        </tr>
                        <tr>{heads.into_iter().map(|h| view! { <th class="week">{h}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {g.classes.into_iter().map(|c| view! {
                            <tr data-testid="schedule-row">
                                <th>{c.class.clone()}</th>
                                {c.weeks.into_iter().map(|cell| view! {
                                    <td>
                                        {cell.into_iter().map(|e| {
                                            let title = format!("{} · {}{}", e.sitting.title,
                                                Day::parse(&e.sitting.held_on).map(|d| d.russian()).unwrap_or_default(),
                                                if e.breaches.is_empty() { String::new() } else { format!(" · {}", e.breaches.join("; ")) });
                                            let breach = !e.breaches.is_empty();
                                            view! {
                                                <a class="sitting" class:breach=breach href=format!("/procedures/{}", e.sitting.procedure_id)
                                                    title=title data-testid=if breach { "sitting-breach" } else { "sitting" }>{short(&e)}</a>
                                            }
                                        }).collect_view()}
                                    </td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Each subject's procedures against its lessons, per class; the deputy types the lessons of a
/// subject in a grade once, and every class of the grade is checked against them.
#[component]
fn Loads(loads: Vec<Load>, editable: bool, version: RwSignal<u32>) -> impl IntoView {
    let failure = RwSignal::new(None::<String>);
    let save = move |subject_id: i32, grade: i16, text: String| {
        let lessons = text.trim().parse::<i16>().unwrap_or(-1);
        spawn_local(async move {
            match set_lessons(subject_id, grade, lessons).await {
                Ok(()) => {
                    failure.set(None);
                    version.update(|v| *v += 1);
                }
                Err(err) => failure.set(Some(err.to_string())),
            }
        });
    };
    // One row per grade and subject: the classes of the grade side by side.
    let mut rows: BTreeMap<(i16, String, i32), Vec<Load>> = BTreeMap::new();
    for l in loads {
        rows.entry((l.grade, l.subject.clone(), l.subject_id))
            .or_default()
            .push(l);
    }
    view! {
        <section class="schedule-loads">
            <h2>"Нагрузка по предметам"</h2>
            {move || failure.get().map(|t| view! { <p class="error-note" role="status">{t}</p> })}
            {rows.is_empty().then(|| view! { <p class="muted">"Работ в этом году пока нет."</p> })}
            <div class="table-wrap">
                <table data-testid="loads">
                    <thead><tr><th>"Параллель"</th><th>"Предмет"</th><th>"Уроков в год"</th><th>"Работ по классам"</th><th>"Допустимо"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|((grade, subject, subject_id), list)| {
                            let lessons = list[0].lessons;
                            let limit = lessons.map(domain::schedule::limit);
                            let over = list.iter().any(|l| l.over);
                            view! {
                                <tr class:over=over data-testid="load-row">
                                    <td>{grade}</td>
                                    <td>{subject.clone()}</td>
                                    <td>{if editable {
                                        view! {
                                            <input type="number" min="0" size="4" aria-label=format!("Уроков в год: {subject}, {grade} класс")
                                                prop:value=lessons.map(|l| l.to_string()).unwrap_or_default()
                                                on:change=move |ev| save(subject_id, grade, event_target_value(&ev))/>
                                        }.into_any()
                                    } else {
                                        view! { <span>{lessons.map(|l| l.to_string()).unwrap_or_else(|| "не задано".into())}</span> }.into_any()
                                    }}</td>
                                    <td>{list.iter().map(|l| format!("{} — {}", l.class, l.procedures)).collect::<Vec<_>>().join(", ")}</td>
                                    <td>{limit.map(|l| l.to_string()).unwrap_or_else(|| "—".into())}
                                        {over.then(|| view! { <span class="badge warn">"превышено"</span> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
