//! What the dashboard's decision items open to: objectivity by procedure and class, the classes
//! below the obligatory minimum, the risk group.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::components::journal_source::JournalSource;
use crate::components::xlsx_link::XlsxLink;
use crate::device::screen;
use api::dashboard::{
    load_minimum, load_objectivity, load_risk_group, save_thresholds, ObjectivityReport,
    ObjectivityRow, ProcedureObjectivity, RiskStudent, ThresholdsDraft,
};
use domain::error::AppError;
use domain::format::{self, decimal};
use domain::indicators::objectivity::Thresholds;
use domain::indicators::percent;
use domain::table::Export;

fn back() -> impl IntoView {
    view! { <p><a href="/dashboard">"← К сводке"</a></p> }
}

#[component]
pub fn ObjectivityPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        load_objectivity()
    });
    view! {
        {back()}
        <Transition fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(report) => view! { <ObjectivityView report reload/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Transition>
    }
}

/// Led by the works that need a decision; the others folded on a phone; how it is counted last.
#[component]
fn ObjectivityView(report: ObjectivityReport, reload: RwSignal<u32>) -> impl IntoView {
    let t = report.thresholds;
    let total = report.procedures.len();
    let (flagged, rest): (Vec<_>, Vec<_>) =
        report.procedures.into_iter().partition(|p| p.flagged());
    let works = |n: usize| format::count(n as u32, "работа", "работы", "работ");
    let summary = match (flagged.len(), total) {
        (_, 0) => "Нет работ, которые можно сравнить с четвертными отметками.".to_string(),
        (0, n) => format!("Замечаний нет: {} сравнены с журналом.", works(n)),
        (f, n) => format!("Требуют внимания: {} из {n}.", works(f)),
    };
    let rest_title = format!("Без замечаний: {}", works(rest.len()));
    view! {
        <section class="card" data-testid="objectivity">
            <h1>"Объективность оценивания"</h1>
            <p class="lead" data-testid="objectivity-summary">{summary}</p>
        </section>
        // Many works can need a look at once: grouped by kind, folded on a phone.
        {by_kind(flagged).into_iter().map(|(kind, works)| view! {
            <details class="card fold" data-testid="objectivity-group" open=screen::wide()>
                <summary>{format!("{kind}: {}", works.len())}</summary>
                {works.into_iter().map(|p| view! { <ProcedureCard p/> }).collect_view()}
            </details>
        }).collect_view()}
        {(!rest.is_empty()).then(|| view! {
            <details class="card fold" data-testid="objectivity-rest" open=screen::wide()>
                <summary>{rest_title}</summary>
                {rest.into_iter().map(|p| view! { <ProcedureCard p/> }).collect_view()}
            </details>
        })}
        <section class="card" data-testid="objectivity-how">
            <h2>"Как читать"</h2>
            <p>"Отметка за работу против четвертной отметки по журналу: сколько учеников работу написали ниже, так же или выше. Класс отмечается, если написавших ниже журнала больше "
                {format!("{} %", decimal(t.lowered_over))}" или выше журнала больше "{format!("{} %", decimal(t.raised_over))}
                " — и так заметно, что это не случайность одного-двух учеников. Классы меньше 10 учеников и классы, где работа внесена не полностью, не отмечаются."</p>
            <details class="small" data-testid="objectivity-method">
                <summary>"Как это считается"</summary>
                <p>"Для доли понизивших (повысивших) в классе берётся нижняя граница 90-процентного доверительного интервала Уилсона; класс отмечается, когда даже эта граница выше порога. Так при пороге 15 % трое повысивших из 12 учеников (25 %) класс не отмечают, а 15 из 60 (тоже 25 %) — отмечают."</p>
            </details>
            <JournalSource/>
            <XlsxLink export=Export::Objectivity/>
            {if report.own_thresholds {
                view! { <p class="muted small" data-testid="thresholds-source">"Пороги установлены школой. Стартовые значения Меры: 30 % и 15 %, по образцу таблицы ФИС ОКО «Соответствие отметок за выполненную работу и отметок по журналу»."</p> }
            } else {
                view! { <p class="muted small" data-testid="thresholds-source">"Пороги — стартовые значения Меры по образцу таблицы ФИС ОКО «Соответствие отметок за выполненную работу и отметок по журналу»; школа может изменить их."</p> }
            }}
            {report.may_set.then(|| view! { <ThresholdsForm thresholds=t reload/> })}
        </section>
    }
}

#[component]
fn ThresholdsForm(thresholds: Thresholds, reload: RwSignal<u32>) -> impl IntoView {
    let lowered = RwSignal::new(decimal(thresholds.lowered_over));
    let raised = RwSignal::new(decimal(thresholds.raised_over));
    let error = RwSignal::new(None::<AppError>);
    let send = move |draft: ThresholdsDraft| {
        spawn_local(async move {
            match save_thresholds(draft).await {
                Ok(()) => {
                    error.set(None);
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let number = |s: String| s.trim().replace(',', ".").parse::<f64>().ok();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (number(lowered.get()), number(raised.get())) {
            (Some(l), Some(r)) => send(ThresholdsDraft {
                lowered_over: Some(l),
                raised_over: Some(r),
            }),
            _ => error.set(Some(AppError::Invalid("Пороги — числа от 1 до 99.".into()))),
        }
    };
    view! {
        <details class="thresholds">
            <summary>"Изменить пороги школы"</summary>
            <form on:submit=submit data-testid="thresholds">
                <label>"Понизили больше, %"<input inputmode="decimal" prop:value=lowered on:input=move |ev| lowered.set(event_target_value(&ev))/></label>
                <label>"Повысили больше, %"<input inputmode="decimal" prop:value=raised on:input=move |ev| raised.set(event_target_value(&ev))/></label>
                <p>
                    <button type="submit">"Сохранить"</button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| send(ThresholdsDraft { lowered_over: None, raised_over: None })>"По умолчанию"</button>
                </p>
                {move || error.get().map(|error| view! { <ErrorNote error/> })}
            </form>
        </details>
    }
}

#[component]
pub fn ProcedureCard(p: ProcedureObjectivity) -> impl IntoView {
    let flagged = p.flagged();
    view! {
        <section class=if flagged { "card flagged" } else { "card" } data-testid="objectivity-procedure">
            <h2><a href=format!("/procedures/{}/report", p.procedure_id)>{p.title.clone()}</a></h2>
            <p class="muted">{format::date(&p.held_on)}" · сравнение с: "{p.against.clone()}</p>
            <div class="table-wrap">
                <table>
                    <thead><tr><th>"Класс"</th><th class="num">"N"</th><th class="num">"Пониз."</th><th class="num">"Подтв."</th><th class="num">"Повыс."</th></tr></thead>
                    <tbody>
                        <ComparisonRow row=p.school.clone() strong=true/>
                        {p.classes.into_iter().map(|row| view! { <ComparisonRow row strong=false/> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ComparisonRow(row: ObjectivityRow, strong: bool) -> impl IntoView {
    let c = row.comparison;
    let flagged = !row.flags.is_empty();
    let class = match (flagged, strong) {
        (true, _) => "bad",
        (false, true) => "total",
        _ => "",
    };
    view! {
        <tr class=class data-testid="objectivity-row">
            <td>{row.name.clone()}</td>
            <td class="num">{c.total()}</td>
            <td class="num">{percent(c.lowered_share())}</td>
            <td class="num">{percent(c.confirmed_share())}</td>
            <td class="num">{percent(c.raised_share())}</td>
        </tr>
        {flagged.then(|| view! {
            <tr class="flag-note"><td colspan="5">{row.flags.join("; ")}</td></tr>
        })}
        {(!row.completeness.is_complete()).then(|| view! {
            <tr class="partial-note" data-testid="objectivity-partial"><td colspan="5">{format!(
                "{}: сигналы — после полного внесения.",
                row.completeness.text()
            )}</td></tr>
        })}
    }
}

#[component]
pub fn MinimumPage() -> impl IntoView {
    let data = LocalResource::new(load_minimum);
    view! {
        {back()}
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(report) => view! {
                    <section class="card" data-testid="minimum">
                        <h1>"Ниже обязательного минимума"</h1>
                        <p class="muted">{report.term.clone().map(|t| format!("Ученики с «2» за {t}, по классам."))}</p>
                        <XlsxLink export=Export::Minimum/>
                        {if report.classes.is_empty() {
                            view! { <p class="empty">"Все ученики достигли обязательного минимума."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table>
                                        <thead><tr><th>"Класс"</th><th class="num">"С «2»"</th><th class="num">"N"</th><th>"Предметы"</th></tr></thead>
                                        <tbody>
                                            {report.classes.into_iter().map(|c| view! {
                                                <tr data-testid="minimum-class">
                                                    <td><a href=format!("/classes/{}", c.class_id)>{c.name.clone()}</a></td>
                                                    <td class="num">{c.below}</td>
                                                    <td class="num">{c.students}</td>
                                                    <td class="small">{c.subjects.iter().map(|(s, n)| format!("{s} ({n})")).collect::<Vec<_>>().join(", ")}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// Works by their kind («ВПР», «Входная диагностика»: the title's first part), in order.
fn by_kind(works: Vec<ProcedureObjectivity>) -> Vec<(String, Vec<ProcedureObjectivity>)> {
    let mut out: Vec<(String, Vec<ProcedureObjectivity>)> = Vec::new();
    for p in works {
        let kind = p
            .title
            .split_once(". ")
            .map_or(p.title.as_str(), |(k, _)| k)
            .to_string();
        match out.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, list)) => list.push(p),
            None => out.push((kind, vec![p])),
        }
    }
    out
}

/// Led by the count and the classes, each class folded on a phone; the criteria last.
#[component]
pub fn RiskPage() -> impl IntoView {
    let data = LocalResource::new(load_risk_group);
    view! {
        {back()}
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || data.get().map(|answer| match answer {
                Ok(group) => {
                    let classes = by_class(group.students);
                    let pupils: usize = classes.iter().map(|(_, _, list)| list.len()).sum();
                    let open = screen::wide() || classes.len() == 1;
                    view! {
                        <section class="card" data-testid="risk">
                            <h1>"Группа риска"</h1>
                            {if pupils == 0 {
                                view! { <p class="empty">"По данным журнала и диагностик никто не подходит под признаки."</p> }.into_any()
                            } else {
                                view! {
                                    <p class="lead" data-testid="risk-summary">{format!(
                                        "{} в {}.",
                                        format::count(pupils as u32, "ученик", "ученика", "учеников"),
                                        format::count(classes.len() as u32, "классе", "классах", "классах")
                                    )}</p>
                                    {classes.into_iter().map(|(class_id, class, list)| view! {
                                        <details class="fold" data-testid="risk-class" open=open>
                                            <summary>{format!("{class} — {}", list.len())}</summary>
                                            <p class="small"><a href=format!("/classes/{class_id}")>"Открыть класс"</a></p>
                                            <ul class="plain risk-list">
                                                {list.into_iter().map(|s| view! {
                                                    <li data-testid="risk-student">
                                                        <strong>{s.name.clone()}</strong>
                                                        <ul class="small">{s.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        </details>
                                    }).collect_view()}
                                }.into_any()
                            }}
                        </section>
                        <section class="card" data-testid="risk-how">
                            <h2>"Признаки"</h2>
                            <p>"Ученик попадает в список по любому из признаков:"</p>
                            <ul>{group.criteria.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                            <XlsxLink export=Export::RiskGroup/>
                            <JournalSource/>
                            <p class="muted small">"Признаки дезадаптации и метапредметные трудности Мера из данных не видит: список — начало работы классных руководителей и психолога, а не её итог."</p>
                        </section>
                    }.into_any()
                }
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The pupils by class, in the order the server sent them (classes in order).
fn by_class(students: Vec<RiskStudent>) -> Vec<(i32, String, Vec<RiskStudent>)> {
    let mut out: Vec<(i32, String, Vec<RiskStudent>)> = Vec::new();
    for s in students {
        match out.iter_mut().find(|(id, _, _)| *id == s.class_id) {
            Some((_, _, list)) => list.push(s),
            None => out.push((s.class_id, s.class.clone(), vec![s])),
        }
    }
    out
}
