//! What a screen is sent and sends back: the types of the server functions' arguments and answers,
//! one file per area. Both the server's bodies (`backend`) and the browser (`frontend`) build on
//! these, so neither has to reach into the server-function layer (`api`).

pub mod accounts;
pub mod analysis;
pub mod auth;
pub mod class_results;
pub mod dashboard;
pub mod devices;
pub mod edit_window;
pub mod fis_oko;
pub mod journal_import;
pub mod municipality;
pub mod participant_codes;
pub mod plan;
pub mod procedure_setup;
pub mod report;
pub mod result_sheet;
pub mod schedule;
pub mod school;
pub mod school_year;
pub mod setup;
pub mod staffing;
pub mod subjects;
pub mod term_results;
