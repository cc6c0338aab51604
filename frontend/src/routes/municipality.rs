use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::xlsx_link::XlsxLink;
use api::municipality::{municipal_overview, SMALLEST_GROUP};
use domain::format::decimal;
use domain::indicators::percent;
use domain::table::Export;

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
                                    <th>"Четверть"</th><th class="num">"N"</th>
                                    <th class="num" title="Все четвертные — «5»">"На 5"</th><th class="num" title="Низшая четвертная — «4»">"На 4–5"</th>
                                    <th class="num" title="Есть «3», нет «2»">"С 3"</th><th class="num" title="Есть «2» или ниже">"С 2"</th>
                                    <th class="num">"Успев."</th><th class="num">"Кач."</th><th class="num">"Ср. балл"</th>
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
                                                    Some(t) => view! {
                                                        <td class="small">{t.title}</td>
                                                        <td class="num">{t.students}</td>
                                                        {t.by_lowest.into_iter().map(|n| view! {
                                                            <td class="num" data-testid="school-group">{n.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
                                                        }).collect_view()}
                                                        <td class="num" data-testid="school-success">{percent(t.success)}</td>
                                                        <td class="num">{percent(t.quality)}</td>
                                                        <td class="num">{t.mean_mark.map(decimal).unwrap_or_else(|| "—".into())}</td>
                                                    }.into_any(),
                                                    None => view! { <td colspan="9" class="muted">"—"</td> }.into_any(),
                                                }}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <XlsxLink export=Export::Municipality/>
                        <p class="muted small">{format!(
                            "Данные обезличены. Группы меньше {SMALLEST_GROUP} человек не показываются (—); чтобы их нельзя было вычислить вычитанием из N, скрывается и ещё одна группа, а доля, которая выдала бы скрытую группу, не показывается."
                        )}</p>
                        <p class="muted small">"Ученики — по низшей четвертной отметке последней четверти с отметками: «на 5» — все «5», «на 4–5» — низшая «4», «с 3» — есть «3», «с 2» — есть «2» (не успевает). N — ученики с отметками."</p>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
