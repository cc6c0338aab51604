//! Task solve rates as horizontal bars, with the gap lines (57 % basic, 28,5 % advanced) drawn in,
//! so the tasks below them stand out on a phone as on paper.

use leptos::prelude::*;

use crate::components::swatch::Swatch;

use api::report::TaskRate;
use domain::format::decimal;
use domain::indicators::{GAP_ADVANCED, GAP_BASIC};

#[component]
pub fn TaskChart(tasks: Vec<TaskRate>) -> impl IntoView {
    const W: f64 = 360.0;
    const LABEL: f64 = 44.0;
    const ROW: f64 = 22.0;
    // Room right of a full bar for «100,0 %» at 12 px.
    let scale = (W - LABEL - 52.0) / 100.0;
    let height = tasks.len() as f64 * ROW + 8.0;
    let bars = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let y = i as f64 * ROW + 4.0;
            let rate = t.rate.unwrap_or(0.0);
            let line = if t.advanced { GAP_ADVANCED } else { GAP_BASIC };
            let colour = if t.gap { "#c0392b" } else { "#1d4e89" };
            view! {
                <text x="2" y=format!("{:.1}", y + 14.0) font-size="12" fill="currentColor">{t.label.clone()}</text>
                <rect x=LABEL y=format!("{y:.1}") width=format!("{:.1}", rate * scale) height="16" fill=colour>
                    <title>{format!("Задание {}: {} %", t.label, decimal(rate))}</title>
                </rect>
                <line x1=format!("{:.1}", LABEL + line * scale) x2=format!("{:.1}", LABEL + line * scale)
                    y1=format!("{:.1}", y - 2.0) y2=format!("{:.1}", y + 18.0) stroke="#5b6675" stroke-dasharray="3 2"/>
                <text x=format!("{:.1}", LABEL + rate * scale + 4.0) y=format!("{:.1}", y + 13.0) font-size="12" fill="currentColor">
                    {t.rate.map(|r| format!("{} %", decimal(r))).unwrap_or_else(|| "—".into())}
                </text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {height:.0}") role="img"
            aria-label="Решаемость заданий" data-testid="task-chart">
            {bars}
        </svg>
        <p class="legend small">
            <span><Swatch colour="#1d4e89"/>"решено достаточно"</span>
            <span><Swatch colour="#c0392b"/>"пробел: базовое ниже 57 %, повышенное ниже 28,5 %"</span>
        </p>
    }
}
