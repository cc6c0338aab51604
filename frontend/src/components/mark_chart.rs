//! A stacked bar per period of how many students ended with each mark: SVG scaled to the
//! screen's width, so it stays legible on a phone. The page shows the same numbers as a table.

use leptos::prelude::*;

use crate::components::swatch::Swatch;

use domain::format::decimal;
use domain::indicators::MarkCounts;

/// (mark, colour) from the best down; colours keep apart for colour-blind readers.
const SEGMENTS: [(usize, &str, &str); 4] = [
    (5, "#1b7f3b", "«5»"),
    (4, "#6bb36f", "«4»"),
    (3, "#e0b43c", "«3»"),
    (2, "#c0392b", "«2»"),
];

#[component]
pub fn MarkChart(series: Vec<(String, MarkCounts)>) -> impl IntoView {
    // Logical width; the SVG scales evenly to the screen, so text keeps its shape.
    const W: f64 = 360.0;
    let bar = 28.0;
    let gap = 30.0;
    let height = series.len() as f64 * (bar + gap) + 24.0;
    let bars = series
        .into_iter()
        .enumerate()
        .map(|(row, (title, counts))| {
            let total = f64::from(counts.total().max(1));
            let y = row as f64 * (bar + gap) + 18.0;
            let mut x = 0.0;
            let parts = SEGMENTS
                .iter()
                .map(|(mark, colour, label)| {
                    let n = counts.marks[mark - 1] + if *mark == 2 { counts.marks[0] } else { 0 };
                    let share = f64::from(n) * 100.0 / total;
                    let width = share * W / 100.0;
                    let start = x;
                    x += width;
                    // A share is written inside its segment only where it fits (about 7 units a
                    // character at 13), never spilling past the segment or the chart.
                    let written = format!("{} %", decimal(share));
                    let need = written.chars().count() as f64 * 7.0 + 6.0;
                    let text = (width >= need).then(|| {
                        let centre = (start + width / 2.0).clamp(need / 2.0, W - need / 2.0);
                        view! {
                            <text x=format!("{centre:.2}") y=format!("{:.2}", y + bar / 2.0 + 4.0)
                                text-anchor="middle" font-size="13" fill="#fff">{written}</text>
                        }
                    });
                    view! {
                        <rect x=format!("{start:.2}") y=format!("{y:.2}") width=format!("{width:.2}") height=bar fill=*colour>
                            <title>{format!("{label}: {n}")}</title>
                        </rect>
                        {text}
                    }
                })
                .collect_view();
            view! {
                <text x="2" y=format!("{:.2}", y - 5.0) font-size="13" fill="currentColor">{title}</text>
                {parts}
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {height:.0}")
            role="img" aria-label="Распределение учеников по отметкам" data-testid="mark-chart">
            {bars}
        </svg>
        <p class="legend small">
            {SEGMENTS.iter().map(|(_, colour, label)| view! {
                <span><Swatch colour=*colour/>{*label}</span>
            }).collect_view()}
        </p>
    }
}
