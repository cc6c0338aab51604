use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::functions::municipality::{municipal_overview, SMALLEST_GROUP};

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
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <p class="muted small">{format!(
                            "Данные обезличены. Группы меньше {SMALLEST_GROUP} человек не показываются (—)."
                        )}</p>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
