//! `/dashboard`: the director's start screen, made for a phone held at arm's length. Where the
//! school stands against the previous term, then what needs a decision, each item opening to
//! its detail.

use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::mark_chart::MarkChart;
use api::dashboard::{load_director_dashboard, Decision, DirectorDashboard, PeriodFigures};
use domain::format::{count, decimal};
use domain::indicators::percent;

#[component]
pub fn Dashboard() -> impl IntoView {
    let data = LocalResource::new(load_director_dashboard);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(d) => view! { <DashboardView d/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// Which way a figure moved, and whether that is good.
fn trend(
    now: Option<f64>,
    before: Option<f64>,
    higher_is_better: bool,
    unit: &str,
) -> (String, &'static str) {
    match (now, before) {
        (Some(now), Some(before)) => {
            let delta = now - before;
            if delta.abs() < 0.05 {
                ("→ без изменений".into(), "same")
            } else {
                let arrow = if delta > 0.0 { "↑" } else { "↓" };
                let sign = if delta > 0.0 { "+" } else { "−" };
                let good = (delta > 0.0) == higher_is_better;
                (
                    format!("{arrow} {sign}{}{unit}", decimal(delta.abs())),
                    if good { "good" } else { "bad" },
                )
            }
        }
        _ => ("нет данных для сравнения".into(), "same"),
    }
}

#[component]
fn Figure(
    label: &'static str,
    value: String,
    trend: (String, &'static str),
    n: String,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="figure" data-testid=testid>
            <dt>{label}</dt>
            <dd class="value">{value}</dd>
            <dd class=format!("trend {}", trend.1)>{trend.0}</dd>
            <dd class="n">{n}</dd>
        </div>
    }
}

#[component]
fn DashboardView(d: DirectorDashboard) -> impl IntoView {
    let Some(now) = d.now.clone() else {
        return view! {
            <section class="card" data-testid="dashboard">
                <h1>{d.school.clone()}</h1>
                <p class="empty">"Четвертных отметок пока нет: сводка появится, когда журнал передаст итоги первой четверти."</p>
            </section>
            <Decisions decisions=d.decisions.clone()/>
        }
        .into_any();
    };
    let before = d.before.clone();
    let b = before.as_ref();
    let s = now.summary.students;
    let n = format!("N = {}", s.total());
    let pp = " п.п.";
    let figures = view! {
        <dl class="figures dashboard-figures">
            <Figure label="Успеваемость" testid="fig-success"
                value=percent(s.success_rate())
                trend=trend(s.success_rate(), b.and_then(|b| b.summary.students.success_rate()), true, pp)
                n=n.clone()/>
            <Figure label="Качество знаний" testid="fig-quality"
                value=percent(s.quality())
                trend=trend(s.quality(), b.and_then(|b| b.summary.students.quality()), true, pp)
                n=n.clone()/>
            <Figure label="Средний балл" testid="fig-mean"
                value=now.summary.mean_mark().map(decimal).unwrap_or_else(|| "—".into())
                trend=trend(now.summary.mean_mark(), b.and_then(|b| b.summary.mean_mark()), true, "")
                n=format!("отметок: {}", now.summary.marks_count)/>
            <Figure label="СОУ" testid="fig-sou"
                value=percent(s.sou())
                trend=trend(s.sou(), b.and_then(|b| b.summary.students.sou()), true, pp)
                n=n.clone()/>
            <Figure label="Пропущено уроков на ученика" testid="fig-missed"
                value=now.absences.per_student().map(decimal).unwrap_or_else(|| "—".into())
                trend=trend(now.absences.per_student(), b.and_then(|b| b.absences.per_student()), false, "")
                n=n.clone()/>
            <Figure label="Без уважительной причины" testid="fig-unexcused"
                value=percent(now.absences.unexcused_share())
                trend=trend(now.absences.unexcused_share(), b.and_then(|b| b.absences.unexcused_share()), false, pp)
                n=format!("уроков пропущено: {}", now.absences.missed)/>
        </dl>
    };
    view! {
        <section class="card" data-testid="dashboard">
            <h1>{d.school.clone()}</h1>
            <p class="muted" data-testid="period">
                {now.title.clone()}
                {before.as_ref().map(|b| format!(" против: {}", b.title))}
            </p>
            {(!d.without_marks.is_empty()).then(|| view! {
                <p class="note" data-testid="without-marks">{format!(
                    "Нет четвертных отметок: {} — эти классы не вошли в цифры. Загрузите их из журнала («Настройка» → «Загрузка из журнала»).",
                    d.without_marks.join(", ")
                )}</p>
            })}
            {figures}
            <p class="muted small">"Успеваемость и качество — по ученикам: с «2» или «н/а» хотя бы по одному предмету ученик не успевает; «4» и «5» по всем предметам — качество; «осв» не считается. N — ученики с четвертными отметками."</p>
            <p class="muted small" data-testid="journal-source">{match &d.journal {
                Some(p) => p.sentence(),
                None => "Отметки из журнала: файлы журнала ещё не загружались.".to_string(),
            }}</p>
        </section>
        <Decisions decisions=d.decisions.clone()/>
        <Distribution now before/>
    }
    .into_any()
}

#[component]
fn Decisions(decisions: Vec<Decision>) -> impl IntoView {
    view! {
        <section class="card" data-testid="decisions">
            <h2>"Требует решения"</h2>
            {if decisions.is_empty() {
                view! { <p class="empty">"Сейчас ничего не требует вашего решения."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain decisions">
                        {decisions.into_iter().map(|item| view! {
                            <li>
                                <a class="decision" href=item.href.clone() data-testid="decision">
                                    <span class="count">{item.count}</span>
                                    <span class="what">
                                        <strong>{item.title.clone()}</strong>
                                        <span class="muted">{item.detail.clone()}</span>
                                    </span>
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Students by their lowest term mark, now against before: a chart and the same as a table.
#[component]
fn Distribution(now: PeriodFigures, before: Option<PeriodFigures>) -> impl IntoView {
    let mut series = vec![(now.title.clone(), now.summary.students)];
    if let Some(b) = &before {
        series.push((b.title.clone(), b.summary.students));
    }
    let rows = series.clone();
    view! {
        <section class="card" data-testid="distribution">
            <h2>"Ученики по худшей четвертной отметке"</h2>
            <MarkChart series/>
            <details>
                <summary>"Таблица"</summary>
                <div class="table-wrap">
                    <table>
                        <thead><tr><th>"Период"</th><th class="num">"«5»"</th><th class="num">"«4»"</th><th class="num">"«3»"</th><th class="num">"«2»"</th><th class="num">"N"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(title, c)| view! {
                                <tr>
                                    <td>{title}</td>
                                    {[4usize, 3, 2, 1].into_iter().map(|i| view! { <td class="num">{c.marks[i]}</td> }).collect_view()}
                                    <td class="num">{c.total()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
            <p class="muted small">{count(now.summary.students.total(), "ученик", "ученика", "учеников")}" с четвертными отметками."</p>
        </section>
    }
}
