//! The plan's year as a timeline of deadlines (Gantt-like): one row per measure from its start to
//! its deadline over September–June, today marked, late bars red. Each bar carries its dates as
//! text, so the same figures are there for a screen reader and in the table view.

use leptos::prelude::*;

use domain::plan::{position, school_year, Day, MeasureStatus, MeasureView};

const MONTHS: [&str; 10] = [
    "сен", "окт", "ноя", "дек", "янв", "фев", "мар", "апр", "май", "июн",
];

#[component]
pub fn PlanTimeline(measures: Vec<MeasureView>, today: Day) -> impl IntoView {
    let year = school_year(today);
    let (dated, undated): (Vec<_>, Vec<_>) = measures.into_iter().partition(|m| m.due().is_some());
    let month_marks = (0..10)
        .map(|i| {
            let (y, _, _) = year.0.ymd();
            let (my, mm) = if i < 4 {
                (y, 9 + i as u32)
            } else {
                (y + 1, i as u32 - 3)
            };
            (MONTHS[i], position(Day::from_ymd(my, mm, 1), year))
        })
        .collect::<Vec<_>>();
    let now = position(today, year);
    view! {
        <div class="timeline" data-testid="timeline">
            <div class="row head">
                <span></span>
                <div class="track">
                    {month_marks.into_iter().map(|(name, at)| view! {
                        <span class="month" style=format!("left:{at:.2}%")>{name}</span>
                    }).collect_view()}
                </div>
            </div>
            {dated.into_iter().map(|m| {
                let due = m.due().unwrap_or(today);
                let start = m.starts_on.as_deref().and_then(Day::parse).filter(|s| *s <= due)
                    .unwrap_or(Day(due.0 - 14));
                let left = position(start, year);
                let right = position(due, year);
                let class = match m.status {
                    MeasureStatus::Done => "bar done",
                    MeasureStatus::Cancelled => "bar cancelled",
                    _ if m.urgency(today).is_late() => "bar late",
                    _ => "bar",
                };
                let label = format!("{} {}: {}, {}", m.number, m.title, m.term_text(), m.status.title());
                let title = label.clone();
                view! {
                    <div class="row" title=title>
                        <a href=format!("#measure-{}", m.id)>{m.number.clone()}</a>
                        <div class="track">
                            <span class="today" style=format!("left:{now:.2}%")></span>
                            <span class=class role="img" aria-label=label
                                style=format!("left:{left:.2}%;width:{:.2}%", (right - left).max(1.0))></span>
                        </div>
                    </div>
                }
            }).collect_view()}
            {(!undated.is_empty()).then(|| view! {
                <p class="muted small">
                    "Без срока: "{undated.iter().map(|m| m.number.clone()).collect::<Vec<_>>().join(", ")}
                </p>
            })}
        </div>
    }
}
