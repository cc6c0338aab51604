//! What a municipal specialist sees: the municipality's schools as aggregates, never a child's
//! name (docs/design.md §5).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::municipality::*;

#[server(endpoint = "municipality", client = MeraClient)]
pub async fn municipal_overview() -> Result<MunicipalFigures, AppError> {
    backend::municipality::overview().await
}
