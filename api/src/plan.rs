//! Plans of measures: the council's plan, a teacher's own measures, the director's approval.

use crate::client::MeraClient;
use domain::error::AppError;
use domain::plan::{PlanKind, PlanSummary, PlanView};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::plan::*;

#[server(endpoint = "plans", client = MeraClient)]
pub async fn load_plans() -> Result<Vec<PlanSummary>, AppError> {
    backend::plan::list().await
}

#[server(endpoint = "plan", client = MeraClient)]
pub async fn load_plan(plan_id: i32) -> Result<PlanView, AppError> {
    backend::plan::load(plan_id).await
}

/// Makes a plan from its template (every section and measure of the seed); returns its id.
#[server(endpoint = "plan/create", client = MeraClient, input = Json)]
pub async fn create_plan(kind: PlanKind) -> Result<i32, AppError> {
    backend::plan::manage::create(kind).await
}

/// Saves a measure's wording, dates and responsible people; returns its id.
#[server(endpoint = "measure/save", client = MeraClient, input = Json)]
pub async fn save_measure(draft: MeasureDraft) -> Result<i32, AppError> {
    backend::plan::manage::save(draft).await
}

#[server(endpoint = "plan/approve", client = MeraClient)]
pub async fn approve_plan(plan_id: i32) -> Result<(), AppError> {
    backend::plan::manage::approve(plan_id).await
}

#[server(endpoint = "measure/history", client = MeraClient)]
pub async fn load_measure_history(measure_id: i32) -> Result<Vec<HistoryLine>, AppError> {
    backend::plan::manage::history(measure_id).await
}

#[server(endpoint = "measures/mine", client = MeraClient)]
pub async fn load_my_measures() -> Result<MyMeasures, AppError> {
    backend::plan::mine().await
}

#[server(endpoint = "measure/progress", client = MeraClient, input = Json)]
pub async fn report_progress(change: Progress) -> Result<(), AppError> {
    backend::plan::progress(change).await
}

/// Attaches a file (PDF, photo, office document; up to 10 MB) to a measure; returns its id.
#[server(endpoint = "measure/evidence", client = MeraClient, input = Json)]
pub async fn upload_evidence(
    measure_id: i32,
    name: String,
    content_base64: String,
) -> Result<String, AppError> {
    backend::plan::evidence::upload(measure_id, name, content_base64).await
}
