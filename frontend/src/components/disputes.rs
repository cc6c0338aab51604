//! Values overwritten by a colleague on the result grid, shown to both teachers and the deputy
//! until one of them settles them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use api::result_sheet::{resolve_conflict, CellConflict, ResultSheet};

/// Values overwritten by a colleague who had not seen them: shown to both and to the deputy
/// until someone settles them.
#[component]
pub fn Disputes(
    conflicts: RwSignal<Vec<CellConflict>>,
    sheet: StoredValue<ResultSheet>,
) -> impl IntoView {
    let describe = move |c: &CellConflict| {
        sheet.with_value(|s| {
            let student = s
                .students
                .iter()
                .find(|st| st.id == c.student_id)
                .map(|st| st.full_name.clone())
                .unwrap_or_default();
            let cell = match s.tasks.iter().find(|t| t.id == c.task_id) {
                Some(t) => format!("задание {}", t.label),
                None => "«не писал(а)»".to_string(),
            };
            let old = if c.overwritten.is_empty() {
                "пусто"
            } else {
                c.overwritten.as_str()
            };
            format!(
                "{student}, {cell}: {} перезаписал(а) значение «{old}», которое ввёл(а) {}.",
                c.replaced_by, c.overwritten_by
            )
        })
    };
    let settle = move |id: i32| {
        spawn_local(async move {
            if resolve_conflict(id).await.is_ok() {
                conflicts.update(|cs| cs.retain(|c| c.id != id));
            }
        });
    };
    view! {
        <Show when=move || conflicts.with(|c| !c.is_empty())>
            <section class="card" data-testid="disputes">
                <h2>"Расхождения"</h2>
                <ul class="attention">
                    {move || conflicts.get().into_iter().map(|c| {
                        let id = c.id;
                        view! {
                            <li>
                                <span>{describe(&c)}</span>
                                <button class="secondary" on:click=move |_| settle(id)>"Проверено, оставить текущее"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
