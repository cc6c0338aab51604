//! The director's dashboard and the details its items open to: where the school stands against
//! the previous period and what needs a decision (docs/design.md §1: the director looks on a phone).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::dashboard::*;

#[server(endpoint = "dashboard/director", client = MeraClient)]
pub async fn load_director_dashboard() -> Result<DirectorDashboard, AppError> {
    backend::dashboard::director().await
}

#[server(endpoint = "dashboard/objectivity", client = MeraClient)]
pub async fn load_objectivity() -> Result<ObjectivityReport, AppError> {
    backend::dashboard::objectivity_report().await
}

#[server(endpoint = "dashboard/thresholds", client = MeraClient, input = Json)]
pub async fn save_thresholds(draft: ThresholdsDraft) -> Result<(), AppError> {
    backend::dashboard::thresholds::save(draft).await
}

#[server(endpoint = "dashboard/minimum", client = MeraClient)]
pub async fn load_minimum() -> Result<MinimumReport, AppError> {
    backend::dashboard::minimum_report().await
}

#[server(endpoint = "dashboard/risk-group", client = MeraClient)]
pub async fn load_risk_group() -> Result<RiskGroup, AppError> {
    backend::dashboard::risk_group().await
}

#[server(endpoint = "dashboard/access", client = MeraClient)]
pub async fn load_access_review() -> Result<AccessReview, AppError> {
    backend::dashboard::access::review().await
}
