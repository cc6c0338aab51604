//! `/procedures/:id/report`: the analytical report of a procedure in the four stages of seeds 001
//! §7.1. The first two come from the data alone; the deputy types the other two, and a decision
//! can become a measure of the school's plan. The page prints as the document itself.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::element_rates::ElementRates;
use crate::components::error_note::ErrorNote;
use crate::components::journal_source::JournalSource;
use crate::components::mark_chart::MarkChart;
use crate::components::report_decisions::ReportDecisions;
use crate::components::task_chart::TaskChart;
use crate::components::xlsx_link::XlsxLink;
use crate::routes::dashboard_detail::ProcedureCard;
use api::report::{choose_earlier, load_report, AnalyticalReport, EarlierChoice};
use domain::error::AppError;
use domain::format::{self, decimal};
use domain::indicators::completeness::Completeness;
use domain::indicators::dynamics::Weight;
use domain::indicators::{percent, MarkCounts};
use domain::table::Export;

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let reload = RwSignal::new(0u32);
    // Kept above the report, which is drawn again after a save.
    let saved = RwSignal::new(false);
    let report = LocalResource::new(move || {
        reload.track();
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
        async move {
            match id {
                Some(id) => load_report(id).await,
                None => Err(AppError::Invalid("Такой работы нет.".into())),
            }
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || report.get().map(|answer| match answer {
                Ok(r) => view! { <ReportView r reload saved/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Transition>
    }
}

fn figures_row(name: &str, c: &MarkCounts, entered: &Completeness) -> impl IntoView {
    view! {
        <tr class:partial=!entered.is_complete()>
            <td>{name.to_string()}</td>
            <td class="num" data-testid="entered">{format!("{} из {}", entered.entered, entered.roster)}</td>
            <td class="num">{c.total()}</td>
            {[4usize, 3, 2, 1].into_iter().map(|i| view! { <td class="num">{c.marks[i]}</td> }).collect_view()}
            <td class="num">{percent(c.success_rate())}</td>
            <td class="num">{percent(c.quality())}</td>
            <td class="num">{c.mean().map(decimal).unwrap_or_else(|| "—".into())}</td>
            <td class="num">{percent(c.sou())}</td>
        </tr>
    }
}

#[component]
fn ReportView(r: AnalyticalReport, reload: RwSignal<u32>, saved: RwSignal<bool>) -> impl IntoView {
    let s = r.school;
    let wrote = s.total();
    let mut series = vec![("Школа".to_string(), s)];
    series.extend(
        r.by_class
            .iter()
            .filter(|c| c.counts.total() > 0)
            .map(|c| (c.name.clone(), c.counts)),
    );
    let partial = r.completeness.warning();
    let gaps: Vec<String> = r
        .tasks
        .iter()
        .filter(|t| t.gap)
        .map(|t| t.label.clone())
        .collect();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <p class="no-print"><a href="/procedures">"← К работам"</a>" "
            <button class="secondary" on:click=print>"Печать"</button></p>
        <article class="card report" data-testid="report">
            <h1>"Аналитическая справка"</h1>
            <p class="lead">{format!("по результатам: {}", r.title)}</p>
            {partial.clone().map(|w| view! { <p class="note warn" role="status" data-testid="report-partial">{w}</p> })}

            <h2>"1. Источники"</h2>
            <ul data-testid="report-sources">
                <li>{format!("Оценочная процедура: {}, {}, {} класс, {}.", r.kind, r.subject, r.grade, format::date(&r.held_on))}</li>
                <li>{format!("Классы: {}.", r.classes.join(", "))}</li>
                <li>{format!("Участники: в списках {}, {}, писали {}, не писали {}.",
                    r.completeness.roster.max(r.listed), r.completeness.text(), wrote, r.absent)}</li>
                {r.objectivity.as_ref().map(|o| view! { <li>{format!("Отметки по журналу: {}.", o.against)}</li> })}
                {r.source.clone().map(|s| view! { <li>{format!("Структура работы: {s}")}</li> })}
            </ul>
            {r.objectivity.is_some().then(|| view! { <JournalSource/> })}

            <h2>"2. Анализ"</h2>
            <h3>"Результаты"</h3>
            <p>{format!("Успеваемость {}, качество знаний {}, средний балл {}, СОУ {} (N = {wrote}; {}).",
                percent(s.success_rate()), percent(s.quality()),
                s.mean().map(decimal).unwrap_or_else(|| "—".into()), percent(s.sou()),
                Weight::of(wrote).title())}</p>
            <MarkChart series/>
            <div class="table-wrap">
                <table data-testid="report-classes">
                    <thead><tr><th>"Класс"</th><th class="num">"Внесено"</th><th class="num">"N"</th><th class="num">"«5»"</th><th class="num">"«4»"</th><th class="num">"«3»"</th><th class="num">"«2»"</th>
                        <th class="num">"Усп."</th><th class="num">"Кач."</th><th class="num">"Ср. балл"</th><th class="num">"СОУ"</th></tr></thead>
                    <tbody>
                        {figures_row("Школа", &s, &r.completeness)}
                        {r.by_class.iter().map(|c| figures_row(&c.name, &c.counts, &c.completeness)).collect_view()}
                    </tbody>
                </table>
            </div>
            <XlsxLink export=Export::ReportClasses(r.procedure_id)/>
            {r.earlier.clone().map(|e| {
                let d = e.dynamics;
                let pp = |v: Option<f64>| v.map(|v| format!("{}{} п.п.", if v >= 0.0 { "+" } else { "−" }, decimal(v.abs()))).unwrap_or_else(|| "—".into());
                view! {
                    <h3>"Динамика"</h3>
                    // «п. п.» ends the sentence with its own dot.
                    <p data-testid="report-dynamics">{format!("Против «{}» ({}): успеваемость {}, качество {}, доля «2» {}",
                        e.title, format::date(&e.held_on), pp(d.success_rate), pp(d.quality), pp(d.twos_share).trim_end_matches('.').to_string() + ".")}
                        {d.is_negative().then_some(" Отрицательная динамика: доля «2» выросла на 10 п.п. и больше.")}
                        {partial.is_some().then_some(" Сравнение предварительное: эта работа внесена не полностью.")}</p>
                    <p class="muted small" data-testid="report-dynamics-how">{format!("С чем сравнивается: {}{}.", e.how, if e.chosen { " (выбрано заместителем)" } else { "" })}</p>
                }
            })}
            {(r.may_edit && r.earlier_choices.len() > 1).then(|| view! {
                <EarlierPicker procedure_id=r.procedure_id choices=r.earlier_choices.clone() shown=r.earlier.as_ref().map(|e| e.id)/>
            })}
            <h3>"Решаемость заданий"</h3>
            <TaskChart tasks=r.tasks.clone()/>
            <div class="table-wrap">
                <table data-testid="report-tasks">
                    <thead><tr><th>"Задание"</th><th>"Тема"</th><th>"Код"</th><th class="num">"Макс."</th><th class="num">"Решаемость"</th></tr></thead>
                    <tbody>
                        {r.tasks.iter().map(|t| view! {
                            <tr class=if t.gap { "bad" } else { "" }>
                                <td>{t.label.clone()}{t.advanced.then_some(" (П)")}</td>
                                <td class="small">{t.topic.clone().unwrap_or_default()}</td>
                                <td class="small">{t.skill_code.clone().unwrap_or_default()}</td>
                                <td class="num">{t.max_score}</td>
                                <td class="num">{percent(t.rate)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <XlsxLink export=Export::ReportTasks(r.procedure_id)/>
            <p>{if gaps.is_empty() {
                "Пробелов нет: все задания решены на достаточном уровне.".to_string()
            } else {
                format!("Пробелы (базовые задания ниже 57 %, повышенные ниже 28,5 %): {}.", gaps.join(", "))
            }}</p>
            <ElementRates elements=r.elements.clone()/>
            <h3>"Объективность"</h3>
            {match r.objectivity.clone() {
                Some(p) => view! { <ProcedureCard p/> }.into_any(),
                None => view! { <p class="muted">"Сравнить с четвертными отметками нельзя: у писавших нет отметок за предыдущую четверть."</p> }.into_any(),
            }}
            <p data-testid="report-gaps">{if r.wide_gap_count == 0 {
                "Расхождений с журналом на две отметки и больше нет.".to_string()
            } else {
                format!("Расхождение с журналом на две отметки и больше: {} уч.", r.wide_gap_count)
            }}</p>
            {(!r.wide_gaps.is_empty()).then(|| view! {
                <ul class="small">{r.wide_gaps.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}</ul>
            })}
            <p data-testid="report-peaks">{if r.peaks.is_empty() {
                "Скоплений первичных баллов на границах отметок нет.".to_string()
            } else {
                format!("Скопление первичных баллов на границе отметки (признак «дотягивания»): {} б.",
                    r.peaks.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", "))
            }}</p>
            <h3>"Группы низких и высоких результатов"</h3>
            <p data-testid="report-groups">{format!("Не достигли обязательного минимума («2»): {} из {wrote}. Высокие результаты («5»): {} из {wrote}.", r.low_count, r.high_count)}</p>
            {(!r.low.is_empty()).then(|| view! { <p class="small">"«2»: "{r.low.join(", ")}</p> })}
            {(!r.high.is_empty()).then(|| view! { <p class="small">"«5»: "{r.high.join(", ")}</p> })}

            <ReportDecisions r=r.clone() reload saved/>
        </article>
    }
}

/// Where more than one earlier procedure fits, the deputy picks the one the dynamics compare with.
#[component]
fn EarlierPicker(
    procedure_id: i32,
    choices: Vec<EarlierChoice>,
    shown: Option<i32>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<String>);
    let pick = move |ev: leptos::ev::Event| {
        let follows_id = event_target_value(&ev).parse::<i32>().ok();
        leptos::task::spawn_local(async move {
            match choose_earlier(procedure_id, follows_id).await {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(err) => failure.set(Some(err.to_string())),
            }
        });
    };
    view! {
        <label class="no-print">"Сравнить с"
            <select data-testid="earlier-choice" on:change=pick>
                {choices.into_iter().map(|c| {
                    let selected = Some(c.id) == shown;
                    view! { <option value=c.id.to_string() selected=selected>{c.name}</option> }
                }).collect_view()}
            </select>
        </label>
        {move || failure.get().map(|t| view! { <p class="error-note" role="status">{t}</p> })}
    }
}
