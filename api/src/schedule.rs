//! «График оценочных процедур»: the school's year of procedures by class and week, with the load
//! check, for everyone who works in the school; the lessons per subject it is checked against.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::schedule::*;

#[server(endpoint = "schedule", client = MeraClient)]
pub async fn load_schedule() -> Result<Schedule, AppError> {
    backend::schedule::schedule().await
}

/// The lessons of a subject in a grade over this year (0 clears them); the deputy's.
#[server(endpoint = "schedule/lessons", client = MeraClient)]
pub async fn set_lessons(subject_id: i32, grade: i16, lessons: i16) -> Result<(), AppError> {
    backend::schedule::set_lessons(subject_id, grade, lessons).await
}
