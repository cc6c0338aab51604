//! Server-only code: database entities and queries. Compiled only with the `ssr` feature, so
//! none of it reaches the wasm bundle.

pub mod account;
pub mod accounts;
pub mod analysis;
pub mod audit;
pub mod auth;
pub mod class;
pub mod class_results;
pub mod class_setup;
pub mod class_term;
pub mod dashboard;
pub mod entity;
pub mod municipal_results;
pub mod municipality;
pub mod people;
pub mod plan;
pub mod principal;
pub mod report;
pub mod request;
pub mod result_sheet;
pub mod role_grant;
pub mod school;
pub mod school_year;
pub mod session;
pub mod staffing;
pub mod student_import;
pub mod student_move;
pub mod subject_setup;
pub mod sync;
pub mod term_results;
pub mod throttle;
pub mod upload;
pub mod year_transition;

use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// The database connection the server provides to every server function.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database connection in the server function context");
        AppError::Server
    })
}
