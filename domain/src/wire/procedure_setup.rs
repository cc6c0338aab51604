//! «Новая работа»: a procedure made by the school — its kind, subject, grade, classes, date and
//! stage, and its paper (tasks and scale). For the deputy of the grade, the head of the subject's
//! МО, and a teacher for her own контрольная or диагностика.

use serde::{Deserialize, Serialize};

use crate::assessment::{ProcedureKind, Stage};
use crate::paper::catalogue::KnownPaper;
use crate::paper::table::RowProblem;
use crate::paper::{Paper, Task};
use crate::wire::staffing::Choice;

/// What the asker may make a procedure for, and what she may start it from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureSetup {
    pub subjects: Vec<Choice>,
    pub classes: Vec<SetupClass>,
    /// Each (class, subject) she may make a paper for; `any_kind` false: only the school's own
    /// kinds (a контрольная, a диагностика).
    pub allowed: Vec<Allowed>,
    pub catalogue: Vec<KnownPaper>,
    /// The school's procedures so far, newest first: a structure to copy.
    pub earlier: Vec<EarlierProcedure>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupClass {
    pub id: i32,
    pub name: String,
    pub grade: i16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowed {
    pub class_id: i32,
    pub subject_id: i32,
    pub any_kind: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierProcedure {
    pub id: i32,
    pub title: String,
    /// The academic year, e.g. «2025/2026».
    pub year: String,
    pub subject_id: i32,
    pub grade: i16,
    pub paper: Paper,
}

/// The kinds a teacher may make for her own classes.
pub fn school_own(kind: ProcedureKind) -> bool {
    matches!(
        kind,
        ProcedureKind::Control | ProcedureKind::Diagnostic | ProcedureKind::Metasubject
    )
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureDraft {
    pub kind: ProcedureKind,
    pub stage: Option<Stage>,
    pub subject_id: i32,
    pub grade: i16,
    pub class_ids: Vec<i32>,
    /// ISO date, `2026-10-14`.
    pub held_on: String,
    /// Empty: the proposed title.
    pub title: String,
    pub paper: Paper,
    /// Where the structure came from («ВПР 2026: …», a copied procedure), kept with it.
    pub source: Option<String>,
}

/// A task spreadsheet read: its tasks, or each row's problem (then no tasks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TasksFromFile {
    pub tasks: Vec<Task>,
    pub problems: Vec<RowProblem>,
}

/// A procedure opened to change («Изменить работу»): its paper with the saved tasks' ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureEdit {
    pub id: i32,
    pub kind: ProcedureKind,
    pub stage: Option<Stage>,
    pub subject: String,
    pub grade: i16,
    pub classes: Vec<String>,
    pub held_on: String,
    pub title: String,
    pub paper: Paper,
    /// Results saved so far: from the first one on, a change of the paper needs a confirmation.
    pub results: u32,
    pub source: Option<String>,
}

/// What a change sends: the new date, stage, title and paper. `confirm` repeats the change the
/// preview showed; without it a change that touches results is only previewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperChange {
    pub procedure_id: i32,
    pub stage: Option<Stage>,
    pub held_on: String,
    pub title: String,
    pub paper: Paper,
    #[serde(default)]
    pub confirm: bool,
}

/// One student whose mark a change moves, as the preview lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkMove {
    pub student: String,
    pub class: String,
    /// «5», or «—» for no mark (a new task not scored yet).
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeOutcome {
    Saved,
    /// Nothing was written: the change touches results; send it again with `confirm`.
    Confirm {
        summary: String,
        moves: Vec<MarkMove>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CancelOutcome {
    /// It had no results: gone.
    Deleted,
    /// It has results: kept, out of every list and figure.
    Cancelled,
}
