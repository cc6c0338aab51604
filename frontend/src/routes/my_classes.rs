use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::device::store;
use crate::device::sync_engine::use_sync;
use api::school::my_classes;
use domain::format;

/// «Мои классы», the teacher's start screen: the classes she teaches and the one she leads.
/// Online the list is kept on the device, so in class with no network it opens from there, as
/// «Работы» does.
#[component]
pub fn MyClasses() -> impl IntoView {
    let sync = use_sync();
    let classes =
        LocalResource::new(move || async move { sync.or_kept(store::CLASSES, my_classes().await) });
    view! {
        <h1>"Мои классы"</h1>
        // Said once, here, with where to act on it: not above every grid.
        <Show when=move || sync.status.with(|s| s.persisted == Some(false))>
            <p class="note small" data-testid="not-persisted">"Браузер не обещал хранить данные постоянно: при нехватке места он может стереть то, что ещё не отправлено. "
                <a href="/device">"Что сохранено на устройстве и как сохранить это в файл"</a></p>
        </Show>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || classes.get().map(|answer| match answer {
                Ok((list, _)) if list.is_empty() => view! {
                    <p class="card empty">"У вас пока нет классов. Учебную нагрузку вносит заместитель директора."</p>
                }.into_any(),
                Ok((list, from_device)) => view! {
                    <Show when=move || from_device>
                        <p class="note" data-testid="classes-from-device">"Нет связи: список сохранён на устройстве."</p>
                    </Show>
                    <ul class="tiles" data-testid="my-classes">
                        {list.into_iter().map(|c| view! {
                            <li>
                                <a class="tile" href=format!("/classes/{}", c.class.id)>
                                    <strong class="tile-title">{c.class.name.clone()}</strong>
                                    {c.own_class.then(|| view! { <span class="badge">"классное руководство"</span> })}
                                    <span>{c.subjects.join(", ")}</span>
                                    <span class="muted">{format::count(c.class.students, "ученик", "ученика", "учеников")}</span>
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}
