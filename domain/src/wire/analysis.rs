//! The deputy's analysis (seeds 001 table 2) as sections: quality by subject and by procedure,
//! the obligatory minimum and talent (the «2» and «5» groups) by subject and by procedure,
//! with drill-down from the school to the classes of a subject. An МО head sees the subjects
//! of the МО.

use crate::indicators::MarkCounts;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectRow {
    pub subject_id: i32,
    pub name: String,
    /// The term marks given in the subject (each mark counts once).
    pub counts: MarkCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherRow {
    pub name: String,
    /// «Математика», «Алгебра, Геометрия».
    pub subjects: String,
    pub counts: MarkCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureRow {
    pub procedure_id: i32,
    pub title: String,
    /// «ВПР», «Диагностика»…
    pub kind: String,
    /// ISO date.
    pub held_on: String,
    pub counts: MarkCounts,
    #[serde(default)]
    pub completeness: crate::indicators::completeness::Completeness,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolAnalysis {
    /// «1 четверть 2026/2027»; `None` before the first term marks.
    pub term: Option<String>,
    /// The term shown, and every term with term marks to choose from, the latest first.
    pub term_id: Option<i32>,
    pub terms: Vec<(i32, String)>,
    pub subjects: Vec<SubjectRow>,
    /// This year's and last year's procedures with results, the latest first.
    pub procedures: Vec<ProcedureRow>,
    /// The term marks each teacher gave in the subjects shown, by teacher.
    pub teachers: Vec<TeacherRow>,
    /// Whether the list is narrowed to the МО the person heads.
    pub narrowed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRow {
    pub class_id: i32,
    pub name: String,
    pub grade: i16,
    pub counts: MarkCounts,
}

/// A class's latest term, by subject (those the person may see), and the students with a «2».
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassTermMarks {
    /// «1 четверть 2026/2027»; `None` before the class's first term marks.
    pub term: Option<String>,
    pub subjects: Vec<SubjectRow>,
    /// (student, the subjects with a «2»), by name.
    pub below: Vec<(String, Vec<String>)>,
}
