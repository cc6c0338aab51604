//! «Новая работа»: what the asker may make a procedure for (with the catalogue of known papers
//! and the school's earlier ones to copy), and making it.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::procedure_setup::*;

#[server(endpoint = "procedures/setup", client = MeraClient)]
pub async fn load_procedure_setup() -> Result<ProcedureSetup, AppError> {
    backend::procedure_setup::setup().await
}

/// Makes the procedure; answers its id.
#[server(endpoint = "procedures/create", client = MeraClient, input = Json)]
pub async fn create_procedure(draft: ProcedureDraft) -> Result<i32, AppError> {
    backend::procedure_setup::create(draft).await
}

/// A paper's tasks from a spreadsheet (XLSX, XLS, CSV), base64 in `data`; writes nothing.
#[server(endpoint = "procedures/tasks-file", client = MeraClient, input = Json)]
pub async fn read_tasks_file(file_name: String, data: String) -> Result<TasksFromFile, AppError> {
    backend::procedure_setup::tasks_file::read(file_name, data).await
}

/// A procedure opened to change, with its saved tasks' ids and how many results it has.
#[server(endpoint = "procedures/open", client = MeraClient, input = Json)]
pub async fn open_procedure(procedure_id: i32) -> Result<ProcedureEdit, AppError> {
    backend::procedure_setup::open(procedure_id).await
}

/// Changes a procedure's date, stage, title and paper. A paper change that touches results
/// answers `Confirm` and writes nothing until it is sent again with `confirm`.
#[server(endpoint = "procedures/change", client = MeraClient, input = Json)]
pub async fn change_procedure(change: PaperChange) -> Result<ChangeOutcome, AppError> {
    backend::procedure_setup::change(change).await
}

/// Deletes a procedure with no results, cancels one with results.
#[server(endpoint = "procedures/cancel", client = MeraClient, input = Json)]
pub async fn cancel_procedure(procedure_id: i32) -> Result<CancelOutcome, AppError> {
    backend::procedure_setup::cancel(procedure_id).await
}
