//! Учебная нагрузка: who teaches which subject in which class, and who leads each class.
//! Set up by the deputy (school-wide) or the administrator.

use crate::wire::school::ClassChoice;
use serde::{Deserialize, Serialize};

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
