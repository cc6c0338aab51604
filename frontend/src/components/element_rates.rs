//! Solve rates per element of the кодификатор, on the class sheet and in the report: an element
//! checked by several tasks is read once, and its gap is the element's, not a task's.

use leptos::prelude::*;

use domain::indicators::elements::ElementRate;
use domain::indicators::percent;

#[component]
pub fn ElementRates(elements: Vec<ElementRate>) -> impl IntoView {
    (!elements.is_empty()).then(|| {
        let gaps: Vec<String> = elements
            .iter()
            .filter(|e| e.gap)
            .map(|e| e.code.clone())
            .collect();
        view! {
            <h3>"Решаемость по элементам кодификатора"</h3>
            <div class="table-wrap">
                <table data-testid="element-rates">
                    <thead><tr><th>"Элемент"</th><th>"Задания"</th><th>"Решаемость"</th></tr></thead>
                    <tbody>
                        {elements.into_iter().map(|e| view! {
                            <tr class=if e.gap { "bad" } else { "" }>
                                <td>{e.code}</td>
                                <td>{e.tasks.join(", ")}</td>
                                <td>{percent(e.rate)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="small" data-testid="element-gaps">{if gaps.is_empty() {
                "Пробелов по элементам нет.".to_string()
            } else {
                format!("Пробелы по элементам: {}.", gaps.join(", "))
            }}</p>
        }
    })
}
