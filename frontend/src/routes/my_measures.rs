//! «Мои мероприятия»: the plan measures the user answers for. Online the list is fetched and kept
//! on the device; every change goes to the outbox at once and syncs like a result, so a teacher
//! reports progress from class with no network.

use leptos::prelude::*;

use crate::components::error_note::ErrorNote;
use crate::components::measure_card::{urgency_badge, MeasureCard, OpenDetails};
use crate::device::signed_in::use_signed_in;
use crate::device::store;
use crate::device::sync_engine::use_sync;
use api::plan::{load_my_measures, MyMeasures, Progress};
use domain::error::AppError;
use domain::plan::{Day, MeasureView, Mover};
use domain::sync::measure_edit::{LinkAdd, NoteAdd, PhotoAdd, StatusSet};
use domain::sync::measure_overlay::apply_pending;

/// Asks the list to be fetched again (after a file went up).
#[derive(Clone, Copy)]
struct Refetch(RwSignal<u32>);

/// The user's measures: fetched when online (again after every sync), else the device's copy.
fn my_measures_resource() -> LocalResource<Result<(MyMeasures, bool), AppError>> {
    let sync = use_sync();
    let refetch = RwSignal::new(0u32);
    provide_context(Refetch(refetch));
    // Only a finished sync counts (it may have applied ours and brought others' changes): the
    // status also changes when this very fetch is stored, which must not start it again.
    let last_sync = Memo::new(move |_| sync.status.with(|s| s.last_sync.clone()));
    LocalResource::new(move || {
        last_sync.track();
        refetch.track();
        async move { sync.or_kept(store::MEASURES, load_my_measures().await) }
    })
}

#[component]
pub fn MyMeasuresPage() -> impl IntoView {
    let sync = use_sync();
    let signed_in = use_signed_in();
    let list = my_measures_resource();
    let Refetch(refetch) = expect_context::<Refetch>();
    let record = Callback::new(move |change: Progress| {
        let (kind, payload) = match change {
            Progress::Status(set) => (StatusSet::KIND, serde_json::to_value(set)),
            Progress::Note(add) => (NoteAdd::KIND, serde_json::to_value(add)),
            Progress::Link(add) => (LinkAdd::KIND, serde_json::to_value(add)),
            Progress::Photo(add) => (PhotoAdd::KIND, serde_json::to_value(add)),
        };
        if let Ok(payload) = payload {
            sync.record(kind, payload, None);
        }
    });
    let uploaded = Callback::new(move |()| refetch.update(|n| *n += 1));
    provide_context(OpenDetails(RwSignal::new(Default::default())));
    let me = move || {
        signed_in
            .me
            .with(|me| me.as_ref().map(|me| me.full_name.clone()))
            .unwrap_or_default()
    };
    view! {
        <h1>"Мои мероприятия"</h1>
        <Transition fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || list.get().map(|answer| match answer {
                Ok((mine, from_device)) => {
                    // Read the outbox whenever it changes, and lay it over the list.
                    let view = move || {
                        sync.revision.track();
                        let pending = sync.user().map(|u| store::state(&u).pending).unwrap_or_default();
                        let mut measures = mine.measures.clone();
                        let (touched, unsent) = apply_pending(&mut measures, &pending, &me());
                        let today = Day::parse(&mine.today).unwrap_or(Day(0));
                        if measures.is_empty() {
                            return view! {
                                <p class="card empty">"Вы не отвечаете ни за одно мероприятие планов школы."</p>
                            }.into_any();
                        }
                        view! {
                            <Reminders measures=measures.clone() today/>
                            <div class="measures" data-testid="my-measures">
                                {measures.into_iter().map(|m| {
                                    let unsent_here = touched.contains(&m.id);
                                    view! {
                                        <MeasureCard measure=m mover=Some(Mover::Responsible) today show_plan=true
                                            unsent=unsent_here unsent_items=unsent.clone()
                                            on_change=record on_uploaded=uploaded/>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_any()
                    };
                    view! {
                        <Show when=move || from_device>
                            <p class="note">"Нет связи: список сохранён на устройстве. Отметки сохраняются здесь и уйдут при связи."</p>
                        </Show>
                        {view}
                    }.into_any()
                }
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Transition>
    }
}

/// What is late and what is due within a week, most urgent first.
#[component]
pub fn Reminders(measures: Vec<MeasureView>, today: Day) -> impl IntoView {
    let mut due: Vec<(i64, MeasureView)> = measures
        .into_iter()
        .filter_map(|m| {
            let u = m.urgency(today);
            u.reminder()?;
            Some((m.due().map_or(0, |d| d.0), m))
        })
        .collect();
    due.sort_by_key(|(day, _)| *day);
    (!due.is_empty()).then(|| {
        view! {
            <section class="card reminders" data-testid="reminders">
                <h2>"Сроки"</h2>
                <ul class="plain">
                    {due.into_iter().map(|(_, m)| view! {
                        <li>
                            <a href=format!("#measure-{}", m.id)>{format!("{} {}", m.number, short(&m.title))}</a>
                            {urgency_badge(m.urgency(today))}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// A long seed title cut to a line for a reminder.
pub fn short(title: &str) -> String {
    const MAX: usize = 90;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
