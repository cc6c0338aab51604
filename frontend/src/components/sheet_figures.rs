use leptos::prelude::*;

use crate::components::element_rates::ElementRates;
use api::result_sheet::SheetTask;
use domain::format;
use domain::indicators::{is_gap, percent};
use domain::sync::replica::Figures;

/// The class's figures as the device computes them from what is entered, offline included.
#[component]
pub fn SheetFigures(figures: Figures, tasks: Vec<SheetTask>) -> impl IntoView {
    let n = figures.marks.total();
    let m = figures.marks;
    let entered = figures.completeness();
    view! {
        <section class="card" data-testid="figures">
            <h2>"Показатели класса"</h2>
            {entered.warning().map(|w| view! { <p class="note warn" data-testid="fig-partial">{w}</p> })}
            <dl class="figures">
                <div><dt>"Внесено"</dt><dd data-testid="fig-entered">{format!("{} из {}", entered.entered, entered.roster)}</dd></div>
                <div><dt>"Писали"</dt><dd data-testid="fig-n">{format!("{n} из {}", figures.listed)}</dd></div>
                <div><dt>"Не писали"</dt><dd>{figures.absent}</dd></div>
                <div><dt>"Успеваемость"</dt><dd data-testid="fig-success">{percent(m.success_rate())}</dd></div>
                <div><dt>"Качество знаний"</dt><dd data-testid="fig-quality">{percent(m.quality())}</dd></div>
                <div><dt>"Средний балл"</dt><dd data-testid="fig-mean">{m.mean().map(format::decimal).unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>"СОУ"</dt><dd data-testid="fig-sou">{percent(m.sou())}</dd></div>
            </dl>
            <p class="muted">{format!("N = {n}: ученики со всеми заданиями; отметки 5/4/3/2: {}/{}/{}/{}", m.marks[4], m.marks[3], m.marks[2], m.marks[1])}</p>
            <h3>"Решаемость заданий"</h3>
            <ul class="rates" data-testid="task-rates">
                {tasks.into_iter().zip(figures.task_rates).map(|(t, rate)| {
                    let advanced = t.level.as_deref() == Some("advanced");
                    let gap = rate.is_some_and(|r| is_gap(r, advanced));
                    view! {
                        <li class:gap=gap>
                            <span>{format!("№ {}", t.label)}</span>
                            <svg class="bar" aria-hidden="true"><rect width=format!("{:.2}%", rate.unwrap_or(0.0).clamp(0.0, 100.0)) height="100%" rx="6"></rect></svg>
                            <span>{percent(rate)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ElementRates elements=figures.elements/>
        </section>
    }
}
