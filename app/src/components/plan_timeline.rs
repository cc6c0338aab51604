//! The plan's year as a timeline of deadlines (Gantt-like): one row per measure from its start to
//! its deadline over September–June, today marked, late bars red. Each bar carries its dates as
//! text, so the same figures are there for a screen reader and in the table view.

use leptos::prelude::*;

use crate::plan::{Day, MeasureStatus, MeasureView};

const MONTHS: [&str; 10] = [
    "сен", "окт", "ноя", "дек", "янв", "фев", "мар", "апр", "май", "июн",
];

/// The school year that holds `today`: 1 September to 30 June.
pub fn school_year(today: Day) -> (Day, Day) {
    let (y, m, _) = today.ymd();
    let start = if m >= 8 { y } else { y - 1 };
    (Day::from_ymd(start, 9, 1), Day::from_ymd(start + 1, 6, 30))
}

/// A day's place across the year, 0–100 %, clamped to the year.
pub fn position(day: Day, year: (Day, Day)) -> f64 {
    let span = (year.1 .0 - year.0 .0).max(1) as f64;
    ((day.0 - year.0 .0) as f64 / span * 100.0).clamp(0.0, 100.0)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_runs_from_september_to_june() {
        let (from, to) = school_year(Day::from_ymd(2026, 11, 25));
        assert_eq!(
            (from.iso(), to.iso()),
            ("2026-09-01".into(), "2027-06-30".into())
        );
        let (from, _) = school_year(Day::from_ymd(2027, 3, 1));
        assert_eq!(from.iso(), "2026-09-01");
        let year = (from, to);
        assert_eq!(position(from, year), 0.0);
        assert_eq!(position(to, year), 100.0);
        assert_eq!(position(Day::from_ymd(2028, 1, 1), year), 100.0);
        let mid = position(Day::from_ymd(2027, 1, 30), year);
        assert!((50.0..51.0).contains(&mid), "{mid}");
    }
}
