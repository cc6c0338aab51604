use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use api::school_year::{preview_new_year, start_new_year, YearTransition};
use domain::format;

fn students(n: u32) -> String {
    format::count(n, "ученик", "ученика", "учеников")
}

/// «Новый учебный год»: what moving to next year does, class by class, and the move itself
/// after an explicit second step, since it archives the whole year.
#[component]
pub fn SchoolYearSection(
    /// Called after the move, so the screen's other sections show the new year.
    on_moved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let preview = LocalResource::new(preview_new_year);
    let message = RwSignal::new(None::<(bool, String)>);
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let start = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match start_new_year().await {
                Ok(done) => {
                    message.set(Some((
                        true,
                        format!(
                            "Школа переведена в {} учебный год: в новые классы перешли {}, выпущено {}. Год {} — в архиве.",
                            done.to,
                            students(done.promoted()),
                            students(done.leaving()),
                            done.from
                        ),
                    )));
                    preview.refetch();
                    on_moved();
                }
                Err(err) => message.set(Some((false, err.to_string()))),
            }
            asking.set(false);
            busy.set(false);
        });
    };
    view! {
        <section class="card" data-testid="new-year">
            <h2>"Новый учебный год"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
                {move || preview.get().map(|answer| match answer {
                    Ok(t) => view! { <Steps t asking busy start/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                })}
            </Suspense>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok-note" } else { "error-note" } role="status" data-testid="new-year-message">{text}</p>
            })}
        </section>
    }
}

#[component]
fn Steps(
    t: YearTransition,
    asking: RwSignal<bool>,
    busy: RwSignal<bool>,
    start: impl Fn(leptos::ev::MouseEvent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let summary = format!(
        "Год {} станет архивным: его работы закроются для правок, результаты и отметки останутся в истории. В {} перейдут {} вместе с классными руководителями и учебной нагрузкой (проверьте её после перевода); выпускаются {}. Первые классы добавьте и загрузите отдельно.",
        t.from,
        t.to,
        students(t.promoted()),
        students(t.leaving())
    );
    let open = t.open;
    let (to, opens_on) = (t.to.clone(), t.opens_on.clone());
    view! {
        <p>{summary}</p>
        <details>
            <summary>"Классы"</summary>
            <div class="table-wrap">
                <table data-testid="year-steps">
                    <thead><tr><th>"Сейчас"</th><th>"Станет"</th><th class="num">"Учеников"</th></tr></thead>
                    <tbody>
                        {t.classes.into_iter().map(|c| view! {
                            <tr>
                                <td>{c.from}</td>
                                <td>{c.to.unwrap_or_else(|| "выпуск".into())}</td>
                                <td class="num">{c.students}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
        {if open {
            view! {
                <Show when=move || asking.get()
                    fallback=move || view! {
                        <button type="button" on:click=move |_| asking.set(true)>{format!("Перевести школу в {to} учебный год…")}</button>
                    }>
                    <p class="error-note">"Перевод нельзя отменить. Продолжить?"</p>
                    <button type="button" data-testid="new-year-confirm" disabled=move || busy.get() on:click=start>"Да, перевести"</button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>"Отмена"</button>
                </Show>
            }.into_any()
        } else {
            view! {
                <p class="muted">{format!("Перевод откроется {opens_on}, когда закончится последняя четверть.")}</p>
            }.into_any()
        }}
    }
}
