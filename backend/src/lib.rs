//! The server's side of Mera: the bodies of the server functions, the database entities and the
//! queries, one folder per area (docs/glossary.md) over a platform part every area uses (request,
//! audit, session, SQL helpers, the XLSX writer, the file guard). Nothing here is compiled for the
//! browser: the `api` crate pulls this crate in only with its `ssr` feature.
//!
//! It imports only `domain`; the layers above it do not compile in:
//!
//! ```compile_fail
//! use api::auth::login;
//! ```
//! ```compile_fail
//! use frontend::App;
//! ```

pub mod accounts;
pub mod analysis;
pub mod auth;
pub mod class_results;
pub mod completeness;
pub mod dashboard;
pub mod edit_window;
pub mod edits;
pub mod entity;
pub mod fis_oko;
pub mod journal_import;
pub mod municipality;
pub mod participant_codes;
pub mod plan;
pub mod platform;
pub mod procedure_setup;
pub mod rcoi;
pub mod report;
pub mod result_sheet;
pub mod schedule;
pub mod school;
pub mod school_year;
pub mod setup;
pub mod staffing;
pub mod subjects;
pub mod sync;
pub mod table_export;
pub mod term_results;

use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use domain::error::AppError;

/// The database connection the server provides to every server function.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database connection in the server function context");
        AppError::Server
    })
}
