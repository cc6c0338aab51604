//! What a municipal specialist sees: the municipality's schools as aggregates, never a child's
//! name (docs/design.md §5).

use serde::{Deserialize, Serialize};

pub use crate::indicators::disclosure::{MunicipalTerm, SMALLEST_GROUP};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchoolFigures {
    pub short_name: String,
    pub is_shnor: bool,
    pub is_shnsu: bool,
    pub classes: u32,
    /// `None` when suppressed (fewer than [`SMALLEST_GROUP`]).
    pub students: Option<u32>,
    /// The school's latest term with term marks, its small groups hidden; `None` before any,
    /// or when fewer than [`SMALLEST_GROUP`] students are counted.
    pub term: Option<MunicipalTerm>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalFigures {
    pub name: String,
    pub schools: Vec<SchoolFigures>,
}
