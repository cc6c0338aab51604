//! The plan as a printable page in the layout of the seed's table (seeds 001: №, Мероприятия,
//! Сроки, Ответственные, Документы) with the status beside each measure, for the council's folder
//! and the director's signature.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_note::ErrorNote;
use api::plan::load_plan;
use domain::error::AppError;
use domain::plan::{completion, PlanView};

#[component]
pub fn PlanPrint() -> impl IntoView {
    let params = use_params_map();
    let plan = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
        async move {
            match id {
                Some(id) => load_plan(id).await,
                None => Err(AppError::Invalid("Такого плана нет.".into())),
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Загрузка…"</p> }>
            {move || plan.get().map(|answer| match answer {
                Ok(plan) => view! { <PrintTable plan/> }.into_any(),
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn PrintTable(plan: PlanView) -> impl IntoView {
    let today = plan.today();
    let (done, total) = completion(plan.measures().map(|m| m.status));
    view! {
        <div class="actions no-print">
            <a class="button" href=format!("/plans/{}", plan.id)>"К плану"</a>
            <button on:click=move |_| { let _ = window().print(); }>"Печать"</button>
        </div>
        <article class="print-sheet" data-testid="plan-print">
            <Approval plan=plan.clone()/>
            <h1>{plan.title.clone()}</h1>
            <p>{plan.approved.clone().unwrap_or_else(|| "Не утверждён".into())}
               {format!(". Выполнено {done} из {total} на {}.", today.russian())}</p>
            <table>
                <thead>
                    <tr>
                        <th>"№ п/п"</th><th>"Мероприятия"</th><th>"Сроки"</th>
                        <th>"Ответственные"</th><th>"Документы"</th><th>"Статус"</th>
                    </tr>
                </thead>
                <tbody>
                    {plan.sections.iter().map(|s| view! {
                        <tr class="group"><th colspan="6">{format!("{}. {}", s.number, s.title)}</th></tr>
                        {s.measures.iter().map(|m| {
                            let late = m.urgency(today).reminder().filter(|_| m.urgency(today).is_late());
                            view! {
                                <tr>
                                    <td>{m.number.clone()}</td>
                                    <td>{m.title.clone()}</td>
                                    <td>{m.term_text()}</td>
                                    <td>{m.responsible.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ")}</td>
                                    <td>{m.documents.join("; ")}</td>
                                    <td>{m.status.title()}{late.map(|l| format!(", {l}"))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    }).collect_view()}
                </tbody>
            </table>
        </article>
    }
}

/// «Утверждаю»: the block at the top right a school signs and stamps, filled in once the
/// director approved the plan in Mera, with blanks to sign by hand until then.
#[component]
fn Approval(plan: PlanView) -> impl IntoView {
    const MONTHS: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    let on = plan
        .approved_on
        .as_deref()
        .and_then(domain::plan::Day::parse)
        .map(|d| {
            let (y, m, d) = d.ymd();
            format!("«{d:02}» {} {y} г.", MONTHS[m as usize - 1])
        })
        .unwrap_or_else(|| "«___» ____________ 20___ г.".into());
    let by = plan
        .approved_by
        .clone()
        .unwrap_or_else(|| "____________________".into());
    view! {
        <div class="approval" data-testid="plan-approval">
            <p><strong>"УТВЕРЖДАЮ"</strong></p>
            // The school's official name on a line of its own, as forms print it.
            <p>"Директор"</p>
            <p>{plan.school.clone()}</p>
            <p>{format!("____________ {by}")}</p>
            <p>{on}</p>
        </div>
    }
}
