//! `/analysis`: the deputy's start screen (and the МО head's, narrowed to the МО), in the
//! directions of seeds 001 table 2: objectivity, quality by subject and by procedure, the
//! obligatory minimum and talent by subject and by procedure. A subject opens to its classes,
//! a class to its students, a procedure to its analytical report.

use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::journal_source::JournalSource;
use crate::components::share_bars::ShareBars;
use crate::components::xlsx_link::XlsxLink;
use api::analysis::{load_analysis, load_subject_classes, ClassRow, ProcedureRow, SchoolAnalysis};
use domain::format::{self, decimal};
use domain::indicators::{percent, MarkCounts};
use domain::table::Export;

#[component]
pub fn Analysis() -> impl IntoView {
    // The term shown; `None` is the latest with term marks.
    let term = RwSignal::new(None::<i32>);
    let data = LocalResource::new(move || load_analysis(term.get()));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(a) => view! { <AnalysisView a term/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Transition>
    }
}

fn cells(c: &MarkCounts) -> impl IntoView {
    view! {
        <td class="num">{c.total()}</td>
        <td class="num">{percent(c.success_rate())}</td>
        <td class="num">{percent(c.quality())}</td>
        <td class="num">{c.mean().map(decimal).unwrap_or_else(|| "—".into())}</td>
    }
}

fn head(first: &'static str) -> impl IntoView {
    view! {
        <thead><tr><th>{first}</th><th class="num">"N"</th><th class="num">"Усп."</th><th class="num">"Кач."</th><th class="num">"Ср. балл"</th></tr></thead>
    }
}

#[component]
fn AnalysisView(a: SchoolAnalysis, term: RwSignal<Option<i32>>) -> impl IntoView {
    let term_id = a.term_id;
    let twos = |c: &MarkCounts| c.marks[1] + c.marks[0];
    let low_subjects: Vec<_> = a
        .subjects
        .iter()
        .map(|s| (s.name.clone(), twos(&s.counts), s.counts.total()))
        .collect();
    let low_procedures: Vec<_> = a
        .procedures
        .iter()
        .map(|p| (p.title.clone(), twos(&p.counts), p.counts.total()))
        .collect();
    let high_subjects: Vec<_> = a
        .subjects
        .iter()
        .map(|s| (s.name.clone(), s.counts.marks[4], s.counts.total()))
        .collect();
    let high_procedures: Vec<_> = a
        .procedures
        .iter()
        .map(|p| (p.title.clone(), p.counts.marks[4], p.counts.total()))
        .collect();
    view! {
        <section class="card" data-testid="analysis">
            <h1>"Анализ результатов"</h1>
            {(!a.terms.is_empty()).then(|| view! {
                <label>"Четверть"
                    <select data-testid="term" on:change=move |ev| term.set(event_target_value(&ev).parse().ok())>
                        {a.terms.iter().map(|(id, title)| view! {
                            <option value=*id selected=Some(*id) == term_id>{title.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
            <p class="muted">"Работы этого и прошлого учебного года."</p>
            {a.narrowed.then(|| view! { <p class="note">"Показаны предметы вашего методического объединения."</p> })}
            <p class="small">"N у предметов — число четвертных отметок («н/а» входит в N, «осв» — нет); у работ — число писавших."</p>
            <JournalSource/>
        </section>
        <section class="card">
            <h2>"Объективность оценивания"</h2>
            <p>"Отметки за работы против четвертных отметок по журналу, по классам, с порогами школы."</p>
            <p><a href="/dashboard/objectivity">"Открыть сравнение"</a></p>
        </section>
        <section class="card" data-testid="by-subject">
            <h2>"Качество образования по предметам"</h2>
            <p class="muted">{a.term.clone().map(|t| format!("Четвертные отметки: {t}."))}</p>
            <div class="table-wrap">
                <table>
                    {head("Предмет")}
                    <tbody>
                        {a.subjects.iter().map(|s| view! { <SubjectRows id=s.subject_id name=s.name.clone() counts=s.counts term_id/> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <XlsxLink export=Export::Subjects(term_id)/>
        </section>
        <section class="card" data-testid="by-procedure">
            <h2>"Качество образования по оценочным процедурам"</h2>
            <div class="table-wrap">
                <table>
                    {head("Работа")}
                    <tbody>
                        {by_kind(&a.procedures).into_iter().map(|(kind, total, list)| view! {
                            <tr class="group" data-testid="kind-row">
                                <th>{kind}</th>
                                {cells(&total)}
                            </tr>
                            {list.into_iter().map(|p| view! {
                                <tr class="sub">
                                    <td><a href=format!("/procedures/{}/report", p.procedure_id)>{p.title.clone()}</a>
                                        <span class="muted small">{format!(" {}", format::date(&p.held_on))}</span>
                                        {(!p.completeness.is_complete()).then(|| view! {
                                            <div class="small partial-mark" data-testid="procedure-partial">{format!("{}: предварительно", p.completeness.text())}</div>
                                        })}</td>
                                    {cells(&p.counts)}
                                </tr>
                            }).collect_view()}
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <XlsxLink export=Export::Procedures/>
        </section>
        <section class="card" data-testid="by-teacher">
            <h2>"Качество образования по учителям"</h2>
            <p class="small">"Четвертные отметки, которые учитель выставил в своих классах по своим предметам."</p>
            <div class="table-wrap">
                <table>
                    <thead><tr><th>"Учитель"</th><th class="num">"N"</th><th class="num">"Усп."</th><th class="num">"Кач."</th><th class="num">"Ср. балл"</th></tr></thead>
                    <tbody>
                        {a.teachers.iter().map(|t| view! {
                            <tr data-testid="teacher-row">
                                <td>{t.name.clone()}<div class="muted small">{t.subjects.clone()}</div></td>
                                {cells(&t.counts)}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <XlsxLink export=Export::Teachers(term_id)/>
        </section>
        <section class="card" data-testid="minimum">
            <h2>"Достижение обязательного минимума"</h2>
            <p class="small">"Доля «2»: по предметам — среди четвертных отметок, по работам — среди писавших."</p>
            <h3>"По предметам"</h3>
            <ShareBars rows=low_subjects colour="#c0392b" testid="low-by-subject"/>
            <h3>"По работам"</h3>
            <ShareBars rows=low_procedures colour="#c0392b" testid="low-by-procedure"/>
        </section>
        <section class="card" data-testid="talent">
            <h2>"Развитие таланта"</h2>
            <p class="small">"Доля «5»."</p>
            <h3>"По предметам"</h3>
            <ShareBars rows=high_subjects colour="#1b7f3b" testid="high-by-subject"/>
            <h3>"По работам"</h3>
            <ShareBars rows=high_procedures colour="#1b7f3b" testid="high-by-procedure"/>
        </section>
    }
}

/// Procedures grouped by kind (ВПР, диагностики…), each kind with its total.
fn by_kind(rows: &[ProcedureRow]) -> Vec<(String, MarkCounts, Vec<ProcedureRow>)> {
    let mut out: Vec<(String, MarkCounts, Vec<ProcedureRow>)> = Vec::new();
    for p in rows {
        match out.iter_mut().find(|(kind, _, _)| *kind == p.kind) {
            Some((_, total, list)) => {
                total.merge(&p.counts);
                list.push(p.clone());
            }
            None => out.push((p.kind.clone(), p.counts, vec![p.clone()])),
        }
    }
    out
}

/// Classes grouped by grade level, each level with its total: a class against its parallel
/// against the school.
fn by_grade(rows: Vec<ClassRow>) -> Vec<(i16, MarkCounts, Vec<ClassRow>)> {
    let mut out: Vec<(i16, MarkCounts, Vec<ClassRow>)> = Vec::new();
    for c in rows {
        match out.last_mut() {
            Some((grade, total, list)) if *grade == c.grade => {
                total.merge(&c.counts);
                list.push(c);
            }
            _ => out.push((c.grade, c.counts, vec![c])),
        }
    }
    out
}

/// A subject's row; opened, its classes, each linking to the class and its students.
#[component]
fn SubjectRows(id: i32, name: String, counts: MarkCounts, term_id: Option<i32>) -> impl IntoView {
    let open = RwSignal::new(false);
    let classes = LocalResource::new(move || async move {
        if open.get() {
            load_subject_classes(id, term_id).await.map(Some)
        } else {
            Ok(None)
        }
    });
    view! {
        <tr data-testid="subject-row">
            <td><button type="button" class="link" on:click=move |_| open.update(|o| *o = !*o)>{name}</button></td>
            {cells(&counts)}
        </tr>
        <Suspense fallback=|| ()>
            {move || classes.get().map(|answer| match answer {
                Ok(Some(rows)) => by_grade(rows).into_iter().map(|(grade, total, classes)| view! {
                    <tr class="sub grade" data-testid="subject-grade">
                        <td>{format!("{grade} классы")}</td>
                        {cells(&total)}
                    </tr>
                    {classes.into_iter().map(|c| view! {
                        <tr class="sub" data-testid="subject-class">
                            <td><a href=format!("/classes/{}", c.class_id)>{c.name.clone()}</a></td>
                            {cells(&c.counts)}
                        </tr>
                    }).collect_view()}
                }).collect_view().into_any(),
                Ok(None) => ().into_any(),
                Err(error) => view! { <tr><td colspan="5"><ErrorNote error/></td></tr> }.into_any(),
            })}
        </Suspense>
    }
}
