use leptos::prelude::*;

use api::term_results::{load_term_results, TermResults};
use domain::error::AppError;
use domain::format;
use domain::indicators::{percent, TermSummary};

/// «Итоги четверти»: the school and each class, from the journal's term marks. Shown to those
/// who may see the school's results; nothing for anyone else.
#[component]
pub fn TermTable() -> impl IntoView {
    let results = LocalResource::new(load_term_results);
    view! {
        <Suspense fallback=|| ()>
            {move || results.get().map(|answer| match answer {
                Ok(r) => view! { <TermView r/> }.into_any(),
                Err(AppError::Forbidden) => ().into_any(),
                Err(error) => view! { <crate::components::error_note::ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

fn cells(s: &TermSummary) -> (String, String, String, String) {
    (
        s.students.total().to_string(),
        percent(s.students.success_rate()),
        percent(s.students.quality()),
        s.mean_mark()
            .map(format::decimal)
            .unwrap_or_else(|| "—".into()),
    )
}

#[component]
fn TermView(r: TermResults) -> impl IntoView {
    let Some(term) = r.term.clone() else {
        return view! {
            <section class="card"><h2>"Итоги четверти"</h2><p class="empty">"Четвертных отметок пока нет."</p></section>
        }
        .into_any();
    };
    let (n, success, quality, mean) = cells(&r.school);
    view! {
        <section class="card" data-testid="term-results">
            <h2>{format!("Итоги: {term}")}</h2>
            <dl class="figures">
                <div><dt>"Успеваемость"</dt><dd data-testid="school-success">{success}</dd></div>
                <div><dt>"Качество знаний"</dt><dd data-testid="school-quality">{quality}</dd></div>
                <div><dt>"Средний балл"</dt><dd>{mean}</dd></div>
                <div><dt>"Обучающихся с отметками"</dt><dd>{n}</dd></div>
            </dl>
            <p class="muted small">"По четвертным отметкам из журнала. Успеваемость — доля обучающихся без «2», качество — доля отличников и хорошистов; средний балл — по всем четвертным отметкам."</p>
            <div class="table-wrap">
                <table data-testid="term-classes">
                    <thead><tr>
                        <th>"Класс"</th>
                        <th class="num">"N"</th>
                        <th class="num"><abbr title="Успеваемость">"Усп."</abbr></th>
                        <th class="num"><abbr title="Качество знаний">"Кач."</abbr></th>
                        <th class="num"><abbr title="Средний балл">"Ср. б."</abbr></th>
                    </tr></thead>
                    <tbody>
                        {r.classes.into_iter().map(|c| {
                            let (n, success, quality, mean) = cells(&c.summary);
                            view! {
                                <tr>
                                    <th><a href=format!("/classes/{}", c.class_id)>{c.name}</a></th>
                                    <td class="num">{n}</td>
                                    <td class="num">{success}</td>
                                    <td class="num">{quality}</td>
                                    <td class="num">{mean}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
