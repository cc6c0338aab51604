//! Учебная нагрузка: who teaches which subject in which class, and who leads each class.
//! Set up by the deputy (school-wide) or the administrator.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::functions::client::MeraClient;
use crate::functions::school::ClassChoice;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeachingRow {
    pub class_id: i32,
    pub subject_id: i32,
    pub account_id: i32,
    pub subject: String,
    pub teacher: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staffing {
    pub classes: Vec<ClassChoice>,
    pub subjects: Vec<Choice>,
    /// Staff holding the teacher role in the school.
    pub teachers: Vec<Choice>,
    pub teaching: Vec<TeachingRow>,
    /// (class id, account id) of each class teacher.
    pub class_teachers: Vec<(i32, i32)>,
}

#[server(endpoint = "staffing", client = MeraClient)]
pub async fn load_staffing() -> Result<Staffing, AppError> {
    crate::ssr::request::answer(crate::ssr::staffing::load().await)
}

#[server(endpoint = "staffing/teach", client = MeraClient)]
pub async fn assign_teaching(
    class_id: i32,
    subject_id: i32,
    account_id: i32,
) -> Result<(), AppError> {
    crate::ssr::request::answer(
        crate::ssr::staffing::teach(class_id, subject_id, account_id, true).await,
    )
}

#[server(endpoint = "staffing/unteach", client = MeraClient)]
pub async fn remove_teaching(
    class_id: i32,
    subject_id: i32,
    account_id: i32,
) -> Result<(), AppError> {
    crate::ssr::request::answer(
        crate::ssr::staffing::teach(class_id, subject_id, account_id, false).await,
    )
}

#[server(endpoint = "staffing/class-teacher", client = MeraClient)]
pub async fn set_class_teacher(class_id: i32, account_id: i32) -> Result<(), AppError> {
    crate::ssr::request::answer(crate::ssr::staffing::lead(class_id, account_id).await)
}
