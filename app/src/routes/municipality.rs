use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::xlsx_link::XlsxLink;
use crate::format::decimal;
use crate::functions::municipality::{municipal_overview, SMALLEST_GROUP};
use crate::indicators::percent;
use crate::table::Export;

/// The municipality's schools as figures; no child's name ever reaches this screen.
#[component]
pub fn Municipality() -> impl IntoView {
    let figures = LocalResource::new(municipal_overview);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || figures.get().map(|answer| match answer {
                Ok(m) => view! {
                    <section class="card" data-testid="municipality">
                        <h1>{m.name}</h1>
                        <div class="table-wrap">
                            <table data-testid="schools">
                                <thead><tr>
                                    <th>"Школа"</th><th>"Статус"</th>
                                    <th class="num">"Классов"</th><th class="num">"Обучающихся"</th>
                                    <th>"Четверть"</th><th class="num">"N"</th><th class="num">"Успев."</th><th class="num">"Кач."</th><th class="num">"Ср. балл"</th>
                                </tr></thead>
                                <tbody>
                                    {m.schools.into_iter().map(|s| {
                                        let status = [(s.is_shnor, "ШНОР"), (s.is_shnsu, "ШНСУ")]
                                            .iter().filter(|(on, _)| *on).map(|(_, n)| *n)
                                            .collect::<Vec<_>>().join(", ");
                                        view! {
                                            <tr>
                                                <td>{s.short_name}</td>
                                                <td>{status}</td>
                                                <td class="num">{s.classes}</td>
                                                <td class="num">{s.students.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
                                                {match s.term {
                                                    Some((title, t)) => view! {
                                                        <td class="small">{title}</td>
                                                        <td class="num">{t.students.total()}</td>
                                                        <td class="num" data-testid="school-success">{percent(t.students.success_rate())}</td>
                                                        <td class="num">{percent(t.students.quality())}</td>
                                                        <td class="num">{t.mean_mark().map(decimal).unwrap_or_else(|| "—".into())}</td>
                                                    }.into_any(),
                                                    None => view! { <td colspan="5" class="muted">"—"</td> }.into_any(),
                                                }}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <XlsxLink export=Export::Municipality/>
                        <p class="muted small">{format!(
                            "Данные обезличены. Группы меньше {SMALLEST_GROUP} человек не показываются (—)."
                        )}</p>
                        <p class="muted small">"Успеваемость и качество — по ученикам за последнюю четверть с четвертными отметками: с «2» хотя бы по одному предмету ученик не успевает. N — ученики с отметками."</p>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
