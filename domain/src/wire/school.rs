//! The school as its staff see it: structure, classes, rosters. Each function asks the policy
//! (crate::policy) before it reads anything.

use serde::{Deserialize, Serialize};

/// One class in a list: no child's name in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassSummary {
    pub id: i32,
    /// «5А»
    pub name: String,
    pub grade: i16,
    pub students: u32,
    pub class_teacher: Option<String>,
    /// Whether the asking person may open the class's roster.
    pub can_open: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermInfo {
    pub name: String,
    /// ISO dates.
    pub starts_on: String,
    pub ends_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectGroupInfo {
    pub name: String,
    pub head: Option<String>,
    pub subjects: Vec<String>,
}

/// The school's structure for its leadership: the year, classes, МО, staff count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolInfo {
    pub short_name: String,
    pub full_name: String,
    pub is_shnor: bool,
    pub is_shnsu: bool,
    pub year: Option<String>,
    pub terms: Vec<TermInfo>,
    pub classes: Vec<ClassSummary>,
    pub groups: Vec<SubjectGroupInfo>,
    pub staff: u32,
}

impl SchoolInfo {
    pub fn students(&self) -> u32 {
        self.classes.iter().map(|c| c.students).sum()
    }
}

/// A class the signed-in teacher works with, and what she teaches there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyClass {
    pub class: ClassSummary,
    pub subjects: Vec<String>,
    /// She is this class's class teacher.
    pub own_class: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudentRow {
    pub id: i32,
    pub full_name: String,
    pub has_ovz: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectTeachers {
    pub subject: String,
    pub teachers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassChoice {
    pub id: i32,
    pub name: String,
}

/// One class with its students, for those who may see them (docs/design.md §5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDetail {
    pub class: ClassSummary,
    pub students: Vec<StudentRow>,
    pub subjects: Vec<SubjectTeachers>,
    /// The classes a student of this one may be moved to by the asking person; empty when she
    /// may not move students.
    pub move_to: Vec<ClassChoice>,
}
