//! Entering a procedure's results: the list of the user's procedures and one procedure's grid
//! (students × tasks) as the device keeps it for offline entry. Edits travel by sync.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::result_sheet::*;

/// This year's procedures of the classes and subjects the user may see, latest first.
#[server(endpoint = "procedures/mine", client = MeraClient)]
pub async fn my_procedures() -> Result<Vec<ProcedureItem>, AppError> {
    backend::result_sheet::mine().await
}

/// Marks a conflict as seen and settled: the current value stands (or was corrected since).
#[server(endpoint = "conflict/resolve", client = MeraClient)]
pub async fn resolve_conflict(conflict_id: i32) -> Result<(), AppError> {
    backend::result_sheet::resolve(conflict_id).await
}

/// One procedure's grid, limited to the classes the user may see.
#[server(endpoint = "procedure/sheet", client = MeraClient)]
pub async fn load_result_sheet(procedure_id: i32) -> Result<ResultSheet, AppError> {
    backend::result_sheet::sheet(procedure_id).await
}
