//! Stages 3 and 4 of the analytical report: the deputy's conclusions and management decisions;
//! a saved decision can become a measure of the school's plan (and links to it).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_note::ErrorNote;
use crate::components::measure_form::MeasureForm;
use api::plan::{load_plan, load_plans, MeasureDraft};
use api::report::{link_decision, save_report, AnalyticalReport, ReportDraft};
use domain::conclusions;
use domain::error::AppError;
use domain::plan::PlanView;

#[component]
pub fn ReportDecisions(
    r: AnalyticalReport,
    reload: RwSignal<u32>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    if !r.may_edit {
        return view! {
            <h2>"3. Выводы"</h2>
            <p class="pre">{if r.conclusions.is_empty() { "Выводы ещё не записаны.".to_string() } else { r.conclusions.clone() }}</p>
            <h2>"4. Управленческие решения"</h2>
            <ol>{r.decisions.iter().map(|d| view! { <li>{d.text.clone()}</li> }).collect_view()}</ol>
        }
        .into_any();
    }
    let procedure_id = r.procedure_id;
    // Nothing written yet: start from what the figures say, for her to edit.
    let drafted = conclusions::draft(&r);
    let from_draft = r.conclusions.is_empty() && !drafted.is_empty();
    let conclusions = RwSignal::new(if from_draft {
        drafted.clone()
    } else {
        r.conclusions.clone()
    });
    let redraft = {
        let drafted = drafted.clone();
        move |_| {
            saved.set(false);
            conclusions.update(|text| {
                if text.trim().is_empty() {
                    *text = drafted.clone();
                } else {
                    text.push_str("\n\n");
                    text.push_str(&drafted);
                }
            })
        }
    };
    let lines = RwSignal::new(
        r.decisions
            .iter()
            .map(|d| (Some(d.id), d.text.clone()))
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<AppError>);
    let save = move |_| {
        let draft = ReportDraft {
            procedure_id,
            conclusions: conclusions.get_untracked(),
            decisions: lines.get_untracked(),
        };
        spawn_local(async move {
            match save_report(draft).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let decisions = r.decisions.clone();
    view! {
        <h2>"3. Выводы"</h2>
        <p class="muted small no-print">"Тенденции и их объяснение: условия, содержание образования, методическая работа, технологии обучения и оценивания."</p>
        {from_draft.then(|| view! {
            <p class="note no-print" data-testid="conclusions-draft">"Черновик составлен Mera по цифрам справки: проверьте, допишите причины и сохраните."</p>
        })}
        <textarea rows="8" class="no-print" data-testid="conclusions" prop:value=conclusions
            on:input=move |ev| { saved.set(false); conclusions.set(event_target_value(&ev)) }></textarea>
        {(!from_draft && !drafted.is_empty()).then(|| view! {
            <p class="no-print"><button type="button" class="link" data-testid="redraft" on:click=redraft>"Добавить черновик по цифрам"</button></p>
        })}
        <p class="pre print-only">{move || conclusions.get()}</p>
        <h2>"4. Управленческие решения"</h2>
        <ol class="print-only">
            {move || lines.get().into_iter().map(|(_, text)| view! { <li>{text}</li> }).collect_view()}
        </ol>
        <ol class="decision-lines no-print">
            {move || lines.get().into_iter().enumerate().map(|(i, (_, text))| view! {
                <li>
                    <textarea rows="2" data-testid="decision-text" prop:value=text
                        on:input=move |ev| { saved.set(false); lines.update(|l| l[i].1 = event_target_value(&ev)) }></textarea>
                    <button type="button" class="secondary no-print" on:click=move |_| lines.update(|l| { l.remove(i); })>"Убрать"</button>
                </li>
            }).collect_view()}
        </ol>
        <p class="no-print">
            <button type="button" class="secondary" on:click=move |_| lines.update(|l| l.push((None, String::new())))>"Добавить решение"</button>
            " "
            <button type="button" data-testid="save-report" on:click=save>"Сохранить справку"</button>
        </p>
        <Show when=move || saved.get()><p class="ok-note no-print" data-testid="report-saved">"Справка сохранена."</p></Show>
        {move || error.get().map(|error| view! { <ErrorNote error/> })}
        {(!decisions.is_empty()).then(|| view! {
            <h3 class="no-print">"Решения в плане"</h3>
            <ul class="plain no-print">
                {decisions.into_iter().map(|d| view! { <DecisionToPlan id=d.id text=d.text measure=d.measure reload/> }).collect_view()}
            </ul>
        })}
    }
    .into_any()
}

/// A saved decision: its plan measure, or the form that makes one in a chosen section.
#[component]
fn DecisionToPlan(
    id: i32,
    text: String,
    measure: Option<(i32, String)>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let plan = LocalResource::new(move || async move {
        if !open.get() {
            return Ok(None);
        }
        let plans = load_plans().await?;
        match plans.first() {
            Some(p) => load_plan(p.id).await.map(Some),
            None => Err(AppError::Invalid(
                "В школе ещё нет плана мероприятий: создайте его в разделе «План».".into(),
            )),
        }
    });
    let title = text.clone();
    view! {
        <li class="decision-plan" data-testid="decision-plan">
            <span>{text.clone()}</span>
            {match measure {
                Some((plan_id, title)) => view! {
                    <a class="badge" href=format!("/plans/{plan_id}") data-testid="decision-measure">{format!("в плане: {title}")}</a>
                }.into_any(),
                None => view! {
                    <button type="button" class="secondary" data-testid="to-plan" on:click=move |_| open.set(true)>"В план"</button>
                    <Suspense fallback=|| ()>
                        {move || plan.get().map(|answer| match answer {
                            Ok(Some(p)) => view! { <PlanTarget p title=title.clone() decision_id=id reload open/> }.into_any(),
                            Ok(None) => ().into_any(),
                            Err(error) => view! { <ErrorNote error/> }.into_any(),
                        })}
                    </Suspense>
                }.into_any(),
            }}
        </li>
    }
}

#[component]
fn PlanTarget(
    p: PlanView,
    title: String,
    decision_id: i32,
    reload: RwSignal<u32>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let section = RwSignal::new(p.sections.first().map(|s| s.id).unwrap_or_default());
    let staff = p.staff.clone();
    let error = RwSignal::new(None::<AppError>);
    view! {
        <label>{format!("Раздел плана «{}»", p.title)}
            <select data-testid="plan-section" on:change=move |ev| section.set(event_target_value(&ev).parse().unwrap_or_default())>
                {p.sections.iter().map(|s| view! { <option value=s.id>{format!("{}. {}", s.number, s.title)}</option> }).collect_view()}
            </select>
        </label>
        {move || {
            let draft = MeasureDraft { section_id: section.get(), title: title.clone(), ..Default::default() };
            view! {
                <MeasureForm draft staff=staff.clone()
                    on_saved=Callback::new(move |measure_id: i32| {
                        spawn_local(async move {
                            match link_decision(decision_id, measure_id).await {
                                Ok(()) => { open.set(false); reload.update(|n| *n += 1) }
                                Err(e) => error.set(Some(e)),
                            }
                        });
                    })
                    on_cancel=Callback::new(move |()| open.set(false))/>
            }
        }}
        {move || error.get().map(|error| view! { <ErrorNote error/> })}
    }
}
