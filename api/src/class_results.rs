//! Results of assessment procedures as the class page shows them.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::class_results::*;

/// The procedures the class's students wrote, in the subjects the asking person may see.
#[server(endpoint = "class/procedures", client = MeraClient)]
pub async fn class_procedures(class_id: i32) -> Result<Vec<ProcedureSummary>, AppError> {
    backend::class_results::procedures(class_id).await
}
