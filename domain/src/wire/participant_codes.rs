//! «Коды участников» of a ВПР: each pupil's code by class, with the class's ordinal as ФИС ОКО
//! numbers it; issuing the missing ones, or loading the school's own list.

use serde::{Deserialize, Serialize};

pub use crate::paper::table::RowProblem;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodedPupil {
    pub student_id: i32,
    pub name: String,
    pub code: Option<String>,
    /// The variant she wrote, when the school's list gave it.
    pub variant: Option<i16>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeClass {
    pub class_id: i32,
    pub name: String,
    /// «Порядковый номер класса» in the ФИС ОКО form.
    pub ordinal: u32,
    pub pupils: Vec<CodedPupil>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeList {
    pub procedure_id: i32,
    pub title: String,
    pub classes: Vec<CodeClass>,
    /// Pupils still without a code.
    pub missing: u32,
}

/// A school's own list read: the codes now, or each row's problem (then nothing was written).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodesLoaded {
    pub list: Option<CodeList>,
    pub problems: Vec<RowProblem>,
}
