//! A class's latest term by subject, for its class teacher (every subject) and its teachers
//! (their own): N, успеваемость, качество, средний балл, and who got a «2» in what.

use leptos::prelude::*;

use crate::components::xlsx_link::XlsxLink;
use api::analysis::load_class_term;
use domain::format::decimal;
use domain::indicators::percent;
use domain::table::Export;

#[component]
pub fn ClassTerm(class_id: i32) -> impl IntoView {
    let data = LocalResource::new(move || load_class_term(class_id));
    view! {
        <Suspense fallback=|| ()>
            {move || data.get().and_then(Result::ok).filter(|t| t.term.is_some()).map(|t| view! {
                <section class="card" data-testid="class-term">
                    <h2>{format!("Четвертные отметки: {}", t.term.clone().unwrap_or_default())}</h2>
                    <div class="table-wrap">
                        <table>
                            <thead><tr><th>"Предмет"</th><th class="num">"N"</th><th class="num">"Усп."</th><th class="num">"Кач."</th><th class="num">"Ср. балл"</th></tr></thead>
                            <tbody>
                                {t.subjects.iter().map(|s| view! {
                                    <tr data-testid="class-term-subject">
                                        <td>{s.name.clone()}</td>
                                        <td class="num">{s.counts.total()}</td>
                                        <td class="num">{percent(s.counts.success_rate())}</td>
                                        <td class="num">{percent(s.counts.quality())}</td>
                                        <td class="num">{s.counts.mean().map(decimal).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <XlsxLink export=Export::ClassTerm(class_id)/>
                    {if t.below.is_empty() {
                        view! { <p class="muted">"«2» за четверть ни у кого нет."</p> }.into_any()
                    } else {
                        view! {
                            <h3>"«2» за четверть"</h3>
                            <ul class="plain" data-testid="class-term-below">
                                {t.below.iter().map(|(name, subjects)| view! {
                                    <li><strong>{name.clone()}</strong>" — "{subjects.join(", ")}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            })}
        </Suspense>
    }
}
