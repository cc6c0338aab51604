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
            <div class="row head" data-from=year.0.iso() data-to=year.1.iso()>
                <span></span>
                <svg class="track" aria-hidden="true">
                    {month_marks.into_iter().map(|(name, at)| view! {
                        <g class="month">
                            <line x1=format!("{at:.2}%") x2=format!("{at:.2}%") y1="0" y2="100%"></line>
                            <text x=format!("{:.2}%", at + 0.4) y="14">{name}</text>
                        </g>
                    }).collect_view()}
                </svg>
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
                        <svg class="track">
                            <rect class="today" x=format!("{now:.2}%") y="0" width="2" height="100%"></rect>
                            <rect class=class role="img" aria-label=label x=format!("{left:.2}%") y="3"
                                data-from=start.iso() data-to=due.iso()
                                width=format!("{:.2}%", (right - left).max(1.0)) height="14" rx="4"></rect>
                        </svg>
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
