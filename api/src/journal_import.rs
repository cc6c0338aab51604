//! «Загрузка из журнала»: the e-journal's marks and attendance by file (the deputy, the admin),
//! and where a screen's journal figures come from (whoever sees the school's results).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::journal_import::*;

/// What the files would change, per file what was read and every row that cannot be placed,
/// and the subject names to map; writes nothing.
#[server(endpoint = "journal/preview", client = MeraClient, input = Json)]
pub async fn preview_journal(
    files: Vec<JournalFile>,
    choices: Vec<SubjectChoice>,
) -> Result<ImportOutcome, AppError> {
    backend::journal_import::run(files, choices, false).await
}

/// Writes all of it or nothing; the subject choices are remembered. The same files twice change
/// nothing.
#[server(endpoint = "journal/load", client = MeraClient, input = Json)]
pub async fn load_journal(
    files: Vec<JournalFile>,
    choices: Vec<SubjectChoice>,
) -> Result<ImportOutcome, AppError> {
    backend::journal_import::run(files, choices, true).await
}

/// The latest load of the school's journal, if any.
#[server(endpoint = "journal/provenance", client = MeraClient, input = Json)]
pub async fn journal_provenance() -> Result<Option<Provenance>, AppError> {
    backend::journal_import::latest().await
}
