//! The administrator's screen: the school's accounts and their roles; creating an account,
//! giving a role with its scope and taking one back.

use crate::policy::Role;
use crate::wire::school::ClassChoice;
use crate::wire::staffing::Choice;
use serde::{Deserialize, Serialize};

/// One role a person holds, as staff call it with its scope: «Классный руководитель 5А».
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantRow {
    pub id: i32,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub grants: Vec<GrantRow>,
}

/// The accounts and what a role may be scoped to: this year's classes and the school's МО.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    pub rows: Vec<AccountRow>,
    pub classes: Vec<ClassChoice>,
    pub groups: Vec<Choice>,
}

/// Roles an administrator gives from the new-account form: school-wide ones. Scoped roles are
/// given afterwards, with their class, МО or grade level.
pub const GIVEN_ON_CREATION: [Role; 6] = [
    Role::Teacher,
    Role::Deputy,
    Role::Council,
    Role::Psychologist,
    Role::Director,
    Role::Admin,
];

/// Roles a school's administrator gives: every one but the municipal specialist's, which
/// belongs to the municipality.
pub const GIVEN_BY_SCHOOL: [Role; 8] = [
    Role::Teacher,
    Role::ClassTeacher,
    Role::MoHead,
    Role::Deputy,
    Role::Council,
    Role::Psychologist,
    Role::Director,
    Role::Admin,
];

/// What a role is given for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    School,
    Grade(i16),
    Group(i32),
    Class(i32),
}

/// The scope a role needs from what the form sent: a class teacher needs a class, an МО head
/// an МО; a deputy is school-wide or for one grade level; every other role is school-wide.
pub fn scope_of(
    role: Role,
    grade: Option<i16>,
    subject_group_id: Option<i32>,
    class_id: Option<i32>,
) -> Result<Scope, String> {
    match role {
        Role::ClassTeacher => class_id
            .map(Scope::Class)
            .ok_or_else(|| "Выберите класс классного руководителя.".to_string()),
        Role::MoHead => subject_group_id
            .map(Scope::Group)
            .ok_or_else(|| "Выберите МО, которым руководит сотрудник.".to_string()),
        Role::Deputy => match grade {
            None => Ok(Scope::School),
            Some(g) if (1..=11).contains(&g) => Ok(Scope::Grade(g)),
            Some(_) => Err("Параллель — число от 1 до 11.".to_string()),
        },
        Role::Municipal => {
            Err("Роль специалиста управления образования назначает муниципалитет.".into())
        }
        _ => Ok(Scope::School),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoped_roles_need_their_scope() {
        assert_eq!(
            scope_of(Role::ClassTeacher, None, None, Some(7)),
            Ok(Scope::Class(7))
        );
        assert!(scope_of(Role::ClassTeacher, None, Some(3), None).is_err());
        assert!(scope_of(Role::MoHead, None, None, None).is_err());
        assert_eq!(
            scope_of(Role::MoHead, None, Some(3), None),
            Ok(Scope::Group(3))
        );
    }

    #[test]
    fn a_deputy_is_school_wide_or_for_one_grade_level() {
        assert_eq!(scope_of(Role::Deputy, None, None, None), Ok(Scope::School));
        assert_eq!(
            scope_of(Role::Deputy, Some(5), None, None),
            Ok(Scope::Grade(5))
        );
        assert!(scope_of(Role::Deputy, Some(12), None, None).is_err());
        assert!(scope_of(Role::Deputy, Some(0), None, None).is_err());
    }

    #[test]
    fn other_roles_are_school_wide_and_the_school_gives_no_municipal_role() {
        assert_eq!(
            scope_of(Role::Teacher, Some(5), Some(1), Some(2)),
            Ok(Scope::School)
        );
        assert!(scope_of(Role::Municipal, None, None, None).is_err());
        assert!(!GIVEN_BY_SCHOOL.contains(&Role::Municipal));
    }
}
