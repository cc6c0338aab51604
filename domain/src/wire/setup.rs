//! Setting up the school's year: the student list import and moving students between classes.
//! For the deputy (school-wide) and the administrator.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// The row number as Excel shows it (the header is row 1).
    pub row: u32,
    pub full_name: String,
    pub class: String,
    pub has_ovz: bool,
    /// The student is already in this class and will be skipped.
    pub already_there: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: u32,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub rows: Vec<PreviewRow>,
    pub problems: Vec<RowProblem>,
    pub new: u32,
    pub already_there: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDone {
    pub added: u32,
    pub already_there: u32,
}
