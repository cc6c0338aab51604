//! Shares as horizontal bars with their N, one per row: the low- and high-results groups by
//! subject and by procedure, readable on a phone.

use leptos::prelude::*;

use domain::format::decimal;

/// `rows`: (label, part, N). Rows with N = 0 are left out.
#[component]
pub fn ShareBars(
    rows: Vec<(String, u32, u32)>,
    colour: &'static str,
    testid: &'static str,
) -> impl IntoView {
    const W: f64 = 360.0;
    const LABEL: f64 = 150.0;
    const ROW: f64 = 22.0;
    let rows: Vec<_> = rows.into_iter().filter(|(_, _, n)| *n > 0).collect();
    let table = rows.clone();
    let most = rows
        .iter()
        .map(|(_, part, n)| f64::from(*part) * 100.0 / f64::from(*n))
        .fold(1.0, f64::max);
    // Room right of the longest bar for «100,0 % (30 из 30)» at 12 px.
    let scale = (W - LABEL - 110.0) / most;
    let height = rows.len() as f64 * ROW + 4.0;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, part, n))| {
            let share = f64::from(part) * 100.0 / f64::from(n);
            let y = i as f64 * ROW + 2.0;
            // What fits the label column at 12 px; the whole name on hover.
            let short: String = if label.chars().count() > 20 {
                label.chars().take(19).chain(['…']).collect()
            } else {
                label.clone()
            };
            view! {
                <g>
                    <title>{label.clone()}</title>
                    <text x="2" y=format!("{:.1}", y + 14.0) font-size="12" fill="currentColor">{short}</text>
                </g>
                <rect x=LABEL y=format!("{y:.1}") width=format!("{:.1}", share * scale) height="16" fill=colour/>
                <text x=format!("{:.1}", LABEL + share * scale + 4.0) y=format!("{:.1}", y + 13.0) font-size="12" fill="currentColor">
                    {format!("{} % ({part} из {n})", decimal(share))}
                </text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {height:.0}") role="img" data-testid=testid>{bars}</svg>
        <details>
            <summary>"Таблица"</summary>
            <div class="table-wrap">
                <table>
                    <thead><tr><th></th><th class="num">"Учеников"</th><th class="num">"N"</th><th class="num">"Доля"</th></tr></thead>
                    <tbody>
                        {table.into_iter().map(|(label, part, n)| view! {
                            <tr>
                                <td>{label}</td>
                                <td class="num">{part}</td>
                                <td class="num">{n}</td>
                                <td class="num">{format!("{} %", decimal(f64::from(part) * 100.0 / f64::from(n)))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
