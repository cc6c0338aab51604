//! Plans of measures: the council's plan, a teacher's own measures, the director's approval.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::functions::client::MeraClient;
use crate::plan::{MeasureView, PlanKind, PlanSummary, PlanView};
use crate::sync::measure_edit::{LinkAdd, NoteAdd, PhotoAdd, StatusSet};

/// A measure as the council writes it: a new one (`measure_id: None`) or changes to one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureDraft {
    pub measure_id: Option<i32>,
    pub section_id: i32,
    pub title: String,
    pub period: Option<String>,
    /// ISO dates; empty means none.
    pub starts_on: Option<String>,
    pub due_on: Option<String>,
    pub responsible: Vec<i32>,
    /// One document per line.
    pub documents: String,
}

/// One line of a measure's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    /// ISO 8601.
    pub at: String,
    pub who: String,
    pub what: String,
    /// Made after the director approved the plan.
    pub after_approval: bool,
}

/// The measures a person is responsible for, with her school's date for the reminders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMeasures {
    /// ISO date.
    pub today: String,
    pub measures: Vec<MeasureView>,
}

/// Progress made online; a device sends the same changes as mutations through the sync.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    Status(StatusSet),
    Note(NoteAdd),
    Link(LinkAdd),
    Photo(PhotoAdd),
}

#[server(endpoint = "plans", client = MeraClient)]
pub async fn load_plans() -> Result<Vec<PlanSummary>, AppError> {
    crate::ssr::request::answer(crate::ssr::plan::list().await)
}

#[server(endpoint = "plan", client = MeraClient)]
pub async fn load_plan(plan_id: i32) -> Result<PlanView, AppError> {
    crate::ssr::request::answer(crate::ssr::plan::load(plan_id).await)
}

/// Makes a plan from its template (every section and measure of the seed); returns its id.
#[server(endpoint = "plan/create", client = MeraClient, input = Json)]
pub async fn create_plan(kind: PlanKind) -> Result<i32, AppError> {
    crate::ssr::request::answer(crate::ssr::plan::manage::create(kind).await)
}

/// Saves a measure's wording, dates and responsible people; returns its id.
#[server(endpoint = "measure/save", client = MeraClient, input = Json)]
pub async fn save_measure(draft: MeasureDraft) -> Result<i32, AppError> {
    crate::ssr::request::answer(crate::ssr::plan::manage::save(draft).await)
}

#[server(endpoint = "plan/approve", client = MeraClient)]
pub async fn approve_plan(plan_id: i32) -> Result<(), AppError> {
    crate::ssr::request::answer(crate::ssr::plan::manage::approve(plan_id).await)
}

#[server(endpoint = "measure/history", client = MeraClient)]
pub async fn load_measure_history(measure_id: i32) -> Result<Vec<HistoryLine>, AppError> {
    crate::ssr::request::answer(crate::ssr::plan::manage::history(measure_id).await)
}

#[server(endpoint = "measures/mine", client = MeraClient)]
pub async fn load_my_measures() -> Result<MyMeasures, AppError> {
    crate::ssr::request::answer(crate::ssr::plan::mine().await)
}

#[server(endpoint = "measure/progress", client = MeraClient, input = Json)]
pub async fn report_progress(change: Progress) -> Result<(), AppError> {
    crate::ssr::request::answer(crate::ssr::plan::progress(change).await)
}

/// Attaches a file (PDF, photo, office document; up to 10 MB) to a measure; returns its id.
#[server(endpoint = "measure/evidence", client = MeraClient, input = Json)]
pub async fn upload_evidence(
    measure_id: i32,
    name: String,
    content_base64: String,
) -> Result<String, AppError> {
    crate::ssr::request::answer(
        crate::ssr::plan::evidence::upload(measure_id, name, content_base64).await,
    )
}
