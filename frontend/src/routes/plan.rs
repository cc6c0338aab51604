//! «План»: the school's plans of measures for the methodical council, the deputy and the director.
//! A plan reads by section with completion, filters and a year timeline; the council assigns and
//! moves measures here (online), the director approves.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_note::ErrorNote;
use crate::components::measure_card::{MeasureCard, OpenDetails};
use crate::components::measure_form::{draft_of, MeasureForm, MeasureHistory};
use crate::components::plan_timeline::PlanTimeline;
use crate::device::signed_in::use_signed_in;
use crate::routes::my_measures::Reminders;
use api::plan::{
    approve_plan, create_plan, load_plan, load_plans, report_progress, MeasureDraft, Progress,
};
use domain::error::AppError;
use domain::plan::{
    completion, school_year, Day, MeasureStatus, MeasureView, Mover, PlanKind, PlanSummary,
    PlanView,
};
use domain::policy::Role;

#[component]
pub fn Plans() -> impl IntoView {
    let list = LocalResource::new(load_plans);
    let manages = use_signed_in().has(&[Role::Deputy, Role::Council, Role::Director]);
    let problem = RwSignal::new(None::<AppError>);
    let create = move |kind: PlanKind| {
        spawn_local(async move {
            match create_plan(kind).await {
                Ok(id) => {
                    let _ = window().location().set_href(&format!("/plans/{id}"));
                }
                Err(e) => problem.set(Some(e)),
            }
        })
    };
    view! {
        <h1>"Планы мероприятий"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || list.get().map(|answer| match answer {
                Ok(plans) if plans.is_empty() => view! {
                    <p class="card empty">"У школы пока нет планов мероприятий."</p>
                }.into_any(),
                Ok(plans) => view! { <PlanTiles plans/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
        {manages.then(|| view! {
            <section class="card">
                <h2>"Новый план по шаблону"</h2>
                <p class="muted small">"Шаблон содержит все разделы и мероприятия документа; сроки и ответственных назначает совет."</p>
                <div class="actions">
                    {PlanKind::ALL.into_iter().map(|kind| view! {
                        <button class="secondary" data-kind=kind.code() on:click=move |_| create(kind)>{kind.title()}</button>
                    }).collect_view()}
                </div>
            </section>
        })}
        {move || problem.get().map(|error| view! { <ErrorNote error/> })}
    }
}

/// The plans as tiles: completion and what is late.
#[component]
fn PlanTiles(plans: Vec<PlanSummary>) -> impl IntoView {
    view! {
        <ul class="tiles" data-testid="plans">
            {plans.into_iter().map(|p| view! {
                <li>
                    <a class="tile" href=format!("/plans/{}", p.id)>
                        <strong>{p.title}</strong>
                        <span>{format!("выполнено {} из {}", p.done, p.total)}</span>
                        {(p.late > 0).then(|| view! {
                            <span class="badge bad" data-testid="plan-late">{format!("просрочено: {}", p.late)}</span>
                        })}
                        <span class="muted">{if p.approved { "утверждён" } else { "не утверждён" }}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The plans on the school's start screen, for the director and the council.
#[component]
pub fn PlanDigest() -> impl IntoView {
    let list = LocalResource::new(load_plans);
    view! {
        <Suspense fallback=|| ()>
            {move || list.get().and_then(Result::ok).filter(|p| !p.is_empty()).map(|plans| view! {
                <section class="card" data-testid="plan-digest">
                    <h2>"Планы мероприятий"</h2>
                    <PlanTiles plans/>
                </section>
            })}
        </Suspense>
    }
}

/// What the council filters the plan by.
#[derive(Clone, Default, PartialEq)]
struct Filter {
    responsible: Option<i32>,
    status: Option<MeasureStatus>,
    late_only: bool,
    /// `YYYY-MM`: deadlines in that month.
    month: String,
}

impl Filter {
    fn keeps(&self, m: &MeasureView, plan: &PlanView) -> bool {
        self.responsible.is_none_or(|id| m.is_responsible(id))
            && self.status.is_none_or(|s| m.status == s)
            && (!self.late_only || m.urgency(plan.today()).is_late())
            && (self.month.is_empty()
                || m.due_on
                    .as_deref()
                    .is_some_and(|d| d.starts_with(&self.month)))
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let reload = RwSignal::new(0u32);
    let plan = LocalResource::new(move || {
        reload.track();
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
        async move {
            match id {
                Some(id) => load_plan(id).await,
                None => Err(AppError::Invalid("Такого плана нет.".into())),
            }
        }
    });
    // Kept here, outside the plan's view, so a reload after a change keeps them.
    // `?late`, as the director's dashboard links here, opens the plan on what is late.
    let late_only = use_query_map().with_untracked(|q| q.get("late").is_some());
    let filter = RwSignal::new(Filter {
        late_only,
        ..Filter::default()
    });
    let timeline = RwSignal::new(false);
    provide_context(OpenDetails(RwSignal::new(Default::default())));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || plan.get().map(|answer| match answer {
                Ok(plan) => view! { <PlanBody plan reload filter timeline/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn PlanBody(
    plan: PlanView,
    reload: RwSignal<u32>,
    filter: RwSignal<Filter>,
    timeline: RwSignal<bool>,
) -> impl IntoView {
    let me = use_signed_in()
        .me
        .with_untracked(|me| me.as_ref().map(|m| m.account_id));
    let problem = RwSignal::new(None::<AppError>);
    let editing = RwSignal::new(None::<MeasureDraft>);
    let history = RwSignal::new(None::<i32>);
    let plan = StoredValue::new(plan);
    let change = Callback::new(move |change: Progress| {
        spawn_local(async move {
            match report_progress(change).await {
                Ok(()) => {
                    problem.set(None);
                    reload.update(|n| *n += 1);
                }
                Err(e) => problem.set(Some(e)),
            }
        })
    });
    let refetch = Callback::new(move |()| reload.update(|n| *n += 1));
    let approve = move |_| {
        let id = plan.with_value(|p| p.id);
        spawn_local(async move {
            match approve_plan(id).await {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => problem.set(Some(e)),
            }
        })
    };
    let p = plan.get_value();
    let today = p.today();
    let (done, total) = completion(p.measures().map(|m| m.status));
    let late = p.measures().filter(|m| m.urgency(today).is_late()).count();
    let mut responsible: Vec<(i32, String)> = p
        .measures()
        .flat_map(|m| m.responsible.iter().map(|r| (r.id, r.name.clone())))
        .collect();
    responsible.sort_by(|a, b| a.1.cmp(&b.1));
    responsible.dedup();
    let mover = move |m: &MeasureView| {
        if p.may_edit {
            Some(Mover::Manager)
        } else if me.is_some_and(|id| m.is_responsible(id)) {
            Some(Mover::Responsible)
        } else {
            None
        }
    };
    let all: Vec<MeasureView> = p.measures().cloned().collect();
    view! {
        <h1>{p.title.clone()}</h1>
        <p class="state">
            {match p.approved.clone() {
                Some(text) => view! { <span class="badge ok" data-testid="approved">{text}</span> }.into_any(),
                None => view! { <span class="badge warn">"не утверждён"</span> }.into_any(),
            }}
            {(p.may_approve && p.approved.is_none()).then(|| view! {
                <button on:click=approve>"Утвердить план"</button>
            })}
            <a class="button secondary" href=format!("/plans/{}/print", p.id)>"Для печати"</a>
            <a class="button secondary" href=format!("/api/plan-export/{}", p.id) download>"Скачать XLSX"</a>
        </p>
        <dl class="figures" data-testid="plan-figures">
            <div><dt>"Выполнено"</dt><dd>{format!("{done} из {total}")}</dd></div>
            <div><dt>"Готовность"</dt><dd>{(done * 100).checked_div(total).map_or("—".into(), |p| format!("{p} %"))}</dd></div>
            <div><dt>"Просрочено"</dt><dd data-testid="late-count">{late}</dd></div>
            <div><dt>"Мероприятий"</dt><dd>{p.measures().count()}</dd></div>
        </dl>
        {move || problem.get().map(|error| view! { <ErrorNote error/> })}
        <Reminders measures=all.clone() today/>
        <section class="card filters" data-testid="filters">
            <div class="form inline">
                <label>"Ответственный"
                    <select data-testid="filter-responsible"
                        prop:value=move || filter.with(|f| f.responsible.map(|id| id.to_string()).unwrap_or_default())
                        on:change=move |ev| {
                        let id = event_target_value(&ev).parse::<i32>().ok();
                        filter.update(|f| f.responsible = id);
                    }>
                        <option value="">"все"</option>
                        {responsible.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Статус"
                    <select data-testid="filter-status"
                        prop:value=move || filter.with(|f| f.status.map(|s| s.code().to_string()).unwrap_or_default())
                        on:change=move |ev| {
                        let s = MeasureStatus::from_code(&event_target_value(&ev));
                        filter.update(|f| f.status = s);
                    }>
                        <option value="">"все"</option>
                        {MeasureStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{s.title()}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Срок в месяце"
                    <select data-testid="filter-month"
                        prop:value=move || filter.with(|f| f.month.clone())
                        on:change=move |ev| filter.update(|f| f.month = event_target_value(&ev))>
                        <option value="">"любой"</option>
                        {school_months(today).into_iter().map(|(value, name)| view! { <option value=value>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="filter-late" prop:checked=move || filter.with(|f| f.late_only) on:change=move |ev| filter.update(|f| f.late_only = event_target_checked(&ev))/>
                    "только просроченные"
                </label>
            </div>
            <div class="actions">
                <button class="chip" class:active=move || !timeline.get() on:click=move |_| timeline.set(false)>"По разделам"</button>
                <button class="chip" class:active=move || timeline.get() data-testid="show-timeline" on:click=move |_| timeline.set(true)>"Сроки на год"</button>
            </div>
        </section>
        {move || {
            let f = filter.get();
            let p = plan.get_value();
            if timeline.get() {
                let shown: Vec<MeasureView> = p.measures().filter(|m| f.keeps(m, &p)).cloned().collect();
                return view! { <section class="card"><PlanTimeline measures=shown today/></section> }.into_any();
            }
            p.sections.iter().map(|s| {
                let (sdone, stotal) = completion(s.measures.iter().map(|m| m.status));
                let shown: Vec<MeasureView> = s.measures.iter().filter(|m| f.keeps(m, &p)).cloned().collect();
                let section_id = s.id;
                let staff = p.staff.clone();
                view! {
                    <section class="plan-section" data-testid="section">
                        <h2>{format!("{}. {}", s.number, s.title)}</h2>
                        <p class="muted small">{format!("выполнено {sdone} из {stotal}")}</p>
                        {shown.into_iter().map(|m| {
                            let id = m.id;
                            let draft = draft_of(&m);
                            let staff = p.staff.clone();
                            view! {
                                <MeasureCard measure=m.clone() mover=mover(&m) today on_change=change on_uploaded=refetch>
                                    {p.may_edit.then(|| view! {
                                        <div class="actions">
                                            <button class="secondary" on:click=move |_| editing.set(Some(draft.clone()))>"Изменить"</button>
                                            <button class="secondary" on:click=move |_| history.update(|h| *h = if *h == Some(id) { None } else { Some(id) })>"История"</button>
                                        </div>
                                    })}
                                    {move || (editing.get().and_then(|d| d.measure_id) == Some(id)).then(|| {
                                        let draft = editing.get_untracked().unwrap_or_default();
                                        view! {
                                            <MeasureForm draft staff=staff.clone()
                                                on_saved=Callback::new(move |_: i32| { editing.set(None); reload.update(|n| *n += 1) })
                                                on_cancel=Callback::new(move |()| editing.set(None))/>
                                        }
                                    })}
                                    {move || (history.get() == Some(id)).then(|| view! { <MeasureHistory measure_id=id/> })}
                                </MeasureCard>
                            }
                        }).collect_view()}
                        {p.may_edit.then(|| view! {
                            <button class="secondary" on:click=move |_| editing.set(Some(MeasureDraft { section_id, ..Default::default() }))>
                                "Добавить мероприятие"
                            </button>
                            {move || editing.get().filter(|d| d.measure_id.is_none() && d.section_id == section_id).map(|draft| view! {
                                <MeasureForm draft staff=staff.clone()
                                    on_saved=Callback::new(move |_: i32| { editing.set(None); reload.update(|n| *n += 1) })
                                    on_cancel=Callback::new(move |()| editing.set(None))/>
                            })}
                        })}
                    </section>
                }
            }).collect_view().into_any()
        }}
    }
}

/// The school year's months, September to June: («2026-09», «сентябрь 2026»), for the deadline filter.
fn school_months(today: Day) -> Vec<(String, String)> {
    let (start, _) = school_year(today);
    let (y, _, _) = start.ymd();
    (0..10)
        .map(|i| {
            let (year, month) = if i < 4 { (y, 9 + i) } else { (y + 1, i - 3) };
            (
                format!("{year}-{month:02}"),
                format!("{} {year}", domain::format::MONTHS[month as usize - 1]),
            )
        })
        .collect()
}
