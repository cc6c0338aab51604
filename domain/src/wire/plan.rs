//! Plans of measures: the council's plan, a teacher's own measures, the director's approval.

use crate::plan::MeasureView;
use crate::sync::measure_edit::{LinkAdd, NoteAdd, PhotoAdd, StatusSet};
use serde::{Deserialize, Serialize};

/// A measure as the council writes it: a new one (`measure_id: None`) or changes to one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureDraft {
    pub measure_id: Option<i32>,
    pub section_id: i32,
    pub title: String,
    pub period: Option<String>,
    /// ISO dates; empty means none.
    pub starts_on: Option<String>,
    pub due_on: Option<String>,
    pub responsible: Vec<i32>,
    /// One document per line.
    pub documents: String,
}

/// One line of a measure's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    /// ISO 8601.
    pub at: String,
    pub who: String,
    pub what: String,
    /// Made after the director approved the plan.
    pub after_approval: bool,
}

/// The measures a person is responsible for, with her school's date for the reminders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMeasures {
    /// ISO date.
    pub today: String,
    pub measures: Vec<MeasureView>,
}

/// Progress made online; a device sends the same changes as mutations through the sync.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    Status(StatusSet),
    Note(NoteAdd),
    Link(LinkAdd),
    Photo(PhotoAdd),
}
