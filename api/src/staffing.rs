//! Учебная нагрузка: who teaches which subject in which class, and who leads each class.
//! Set up by the deputy (school-wide) or the administrator.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::staffing::*;

#[server(endpoint = "staffing", client = MeraClient)]
pub async fn load_staffing() -> Result<Staffing, AppError> {
    backend::staffing::load().await
}

#[server(endpoint = "staffing/teach", client = MeraClient)]
pub async fn assign_teaching(
    class_id: i32,
    subject_id: i32,
    account_id: i32,
) -> Result<(), AppError> {
    backend::staffing::teach(class_id, subject_id, account_id, true).await
}

#[server(endpoint = "staffing/unteach", client = MeraClient)]
pub async fn remove_teaching(
    class_id: i32,
    subject_id: i32,
    account_id: i32,
) -> Result<(), AppError> {
    backend::staffing::teach(class_id, subject_id, account_id, false).await
}

#[server(endpoint = "staffing/class-teacher", client = MeraClient)]
pub async fn set_class_teacher(class_id: i32, account_id: i32) -> Result<(), AppError> {
    backend::staffing::lead(class_id, account_id).await
}
