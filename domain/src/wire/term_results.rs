//! A term's results per class from the journal's term marks: the figures the leadership reads
//! first. Aggregates only, no child's name.

use crate::indicators::TermSummary;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassTerm {
    pub class_id: i32,
    pub name: String,
    pub summary: TermSummary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermResults {
    /// «1 четверть»; `None` when no term has marks yet.
    pub term: Option<String>,
    pub school: TermSummary,
    pub classes: Vec<ClassTerm>,
}
