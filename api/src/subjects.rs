//! The school's subjects and МО (methodical associations): adding them and putting each
//! subject in its МО. For the deputy (school-wide) and the administrator.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::subjects::*;

#[server(endpoint = "subjects", client = MeraClient)]
pub async fn load_subjects() -> Result<SubjectSetup, AppError> {
    backend::subjects::load().await
}

#[server(endpoint = "subjects/group", client = MeraClient)]
pub async fn create_group(name: String) -> Result<(), AppError> {
    backend::subjects::create_group(name).await
}

#[server(endpoint = "subjects/create", client = MeraClient)]
pub async fn create_subject(name: String, subject_group_id: Option<i32>) -> Result<(), AppError> {
    backend::subjects::create_subject(name, subject_group_id).await
}

/// Puts a subject in an МО, or in none.
#[server(endpoint = "subjects/move", client = MeraClient)]
pub async fn set_subject_group(
    subject_id: i32,
    subject_group_id: Option<i32>,
) -> Result<(), AppError> {
    backend::subjects::set_group(subject_id, subject_group_id).await
}
