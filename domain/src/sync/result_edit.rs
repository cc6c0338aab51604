//! The mutations of a results grid: one cell at a time, so two teachers entering different
//! students or tasks of one class never collide.

use serde::{Deserialize, Serialize};

/// Sets (or with `score: None`, clears) one task's score of one student.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSet {
    pub procedure_id: i32,
    pub student_id: i32,
    pub task_id: i32,
    pub score: Option<i16>,
}

impl ScoreSet {
    pub const KIND: &'static str = "result.score@1";
}

/// Marks a student «не писал(а)» or back as having written. Scores already typed are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsenceSet {
    pub procedure_id: i32,
    pub student_id: i32,
    pub absent: bool,
}

impl AbsenceSet {
    pub const KIND: &'static str = "result.absent@1";
}

/// The «не писал(а)» flag's cell number (tasks have positive ids).
pub const ABSENCE_CELL: i32 = 0;

/// How a cell's value reads in the grid and in conflict notes.
pub fn score_text(score: Option<i16>) -> String {
    score.map(|s| s.to_string()).unwrap_or_default()
}

pub fn absence_text(absent: bool) -> String {
    if absent {
        "не писал(а)"
    } else {
        "писал(а)"
    }
    .to_string()
}
