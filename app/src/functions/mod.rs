//! Server functions, grouped by area. Each has an explicit endpoint under `/api/`, which is part
//! of the stable HTTP surface (README).

pub mod accounts;
pub mod analysis;
pub mod auth;
pub mod client;
pub mod dashboard;
pub mod edit_window;
pub mod municipality;
pub mod new_year;
pub mod plan;
pub mod report;
pub mod result_sheet;
pub mod results;
pub mod school;
pub mod setup;
pub mod staffing;
pub mod subjects;
pub mod sync;
pub mod term_results;
