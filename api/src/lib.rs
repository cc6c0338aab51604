//! The server functions: one file per area, each with an explicit endpoint under `/api/` that is
//! part of the stable HTTP surface (README). In the browser each is a typed call through
//! [`client::MeraClient`]; with the `ssr` feature its body calls into `backend`. Each file
//! re-exports its area's wire types from `domain::wire`, so a screen imports one module per area.
//!
//! ```compile_fail
//! // The server functions never reach up into the UI.
//! use frontend::App;
//! ```

pub mod accounts;
pub mod analysis;
pub mod auth;
pub mod class_results;
pub mod client;
pub mod dashboard;
pub mod edit_window;
pub mod fis_oko;
pub mod journal_import;
pub mod municipality;
pub mod participant_codes;
pub mod plan;
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
pub mod term_results;
