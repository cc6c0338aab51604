//! The school's subjects and МО (methodical associations): adding them and putting each
//! subject in its МО. For the deputy (school-wide) and the administrator.

use crate::wire::staffing::Choice;
use serde::{Deserialize, Serialize};

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
