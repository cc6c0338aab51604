//! The school's subjects and МО (methodical associations): adding them and putting each
//! subject in its МО. For the deputy (school-wide) and the administrator.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::functions::client::MeraClient;
use crate::functions::staffing::Choice;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectRow {
    pub id: i32,
    pub name: String,
    pub group_id: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectSetup {
    pub groups: Vec<Choice>,
    pub subjects: Vec<SubjectRow>,
}

/// A subject's or an МО's name as typed, tidied: spaces trimmed and collapsed. Refused when
/// empty or longer than a name can reasonably be.
pub fn tidy_name(typed: &str) -> Result<String, String> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err("Введите название.".into()),
        1..=80 => Ok(name),
        _ => Err("Название длиннее 80 знаков.".into()),
    }
}

#[server(endpoint = "subjects", client = MeraClient)]
pub async fn load_subjects() -> Result<SubjectSetup, AppError> {
    crate::ssr::request::answer(crate::ssr::subject_setup::load().await)
}

#[server(endpoint = "subjects/group", client = MeraClient)]
pub async fn create_group(name: String) -> Result<(), AppError> {
    crate::ssr::request::answer(crate::ssr::subject_setup::create_group(name).await)
}

#[server(endpoint = "subjects/create", client = MeraClient)]
pub async fn create_subject(name: String, subject_group_id: Option<i32>) -> Result<(), AppError> {
    crate::ssr::request::answer(
        crate::ssr::subject_setup::create_subject(name, subject_group_id).await,
    )
}

/// Puts a subject in an МО, or in none.
#[server(endpoint = "subjects/move", client = MeraClient)]
pub async fn set_subject_group(
    subject_id: i32,
    subject_group_id: Option<i32>,
) -> Result<(), AppError> {
    crate::ssr::request::answer(
        crate::ssr::subject_setup::set_group(subject_id, subject_group_id).await,
    )
}

#[cfg(test)]
mod tests {
    use super::tidy_name;

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            tidy_name("  Физическая   культура "),
            Ok("Физическая культура".into())
        );
        assert!(tidy_name("   ").is_err());
        assert!(tidy_name(&"я".repeat(81)).is_err());
        assert_eq!(
            tidy_name(&"я".repeat(80)).map(|n| n.chars().count()),
            Ok(80)
        );
    }
}
