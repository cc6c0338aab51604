//! The analytical report (аналитическая справка) of one procedure, in the four stages of seeds
//! 001 §7.1: sources, analysis (computed from the results), conclusions and management decisions
//! (typed by the deputy; a decision can become a plan measure).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::report::*;

#[server(endpoint = "report", client = MeraClient)]
pub async fn load_report(procedure_id: i32) -> Result<AnalyticalReport, AppError> {
    backend::report::load(procedure_id).await
}

#[server(endpoint = "report/save", client = MeraClient, input = Json)]
pub async fn save_report(draft: ReportDraft) -> Result<(), AppError> {
    backend::report::save(draft).await
}

/// Links a decision to the plan measure made from it.
#[server(endpoint = "report/decision-measure", client = MeraClient)]
pub async fn link_decision(decision_id: i32, measure_id: i32) -> Result<(), AppError> {
    backend::report::link(decision_id, measure_id).await
}

/// What the report's dynamics compare with: one of `earlier_choices`, or `None` for Mera's
/// proposal (the deputy, the director).
#[server(endpoint = "report/follows", client = MeraClient)]
pub async fn choose_earlier(procedure_id: i32, follows_id: Option<i32>) -> Result<(), AppError> {
    backend::report::pairing::follow(procedure_id, follows_id).await
}
