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

/// Holds one file of a load on the server: the first starts the school's batch (`batch` none),
/// the rest join it. Answers the batch.
#[server(endpoint = "journal/stage", client = MeraClient, input = Json)]
pub async fn stage_journal_file(
    batch: Option<String>,
    file: JournalFile,
) -> Result<String, AppError> {
    backend::journal_import::stage(batch, file).await
}

/// Starts the preview (`write` false) or the load of the batch's files in the background;
/// `journal/job` says how far it has got and what came of it.
#[server(endpoint = "journal/start", client = MeraClient, input = Json)]
pub async fn start_journal_job(
    batch: String,
    choices: Vec<SubjectChoice>,
    write: bool,
) -> Result<JournalJob, AppError> {
    backend::journal_import::start(batch, choices, write).await
}

/// The school's batch (the one named, or whichever it holds) and its job.
#[server(endpoint = "journal/job", client = MeraClient, input = Json)]
pub async fn follow_journal_job(batch: Option<String>) -> Result<Option<JournalJob>, AppError> {
    backend::journal_import::job(batch).await
}
