//! Moving the school to the next school year: this year becomes read-only history (archived)
//! and the classes go up one grade level with their students, class teachers and teaching
//! assignments; the eleventh grade leaves. For the deputy (school-wide) and the administrator.

use serde::{Deserialize, Serialize};

/// One class of this year and where it goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassStep {
    pub from: String,
    /// Next year's class; `None` for a class that leaves school (the eleventh grade).
    pub to: Option<String>,
    pub students: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTransition {
    /// «2026/2027».
    pub from: String,
    pub to: String,
    /// The day from which the move is allowed, «31.05.2027»: the end of the last term, so that
    /// nobody archives a year, and closes its works, while it still runs.
    pub opens_on: String,
    pub open: bool,
    pub classes: Vec<ClassStep>,
}

impl YearTransition {
    pub fn promoted(&self) -> u32 {
        self.classes
            .iter()
            .filter(|c| c.to.is_some())
            .map(|c| c.students)
            .sum()
    }

    pub fn leaving(&self) -> u32 {
        self.classes
            .iter()
            .filter(|c| c.to.is_none())
            .map(|c| c.students)
            .sum()
    }
}
