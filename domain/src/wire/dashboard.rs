//! The director's dashboard and the details its items open to: where the school stands against
//! the previous period and what needs a decision (docs/design.md §1: the director looks on a phone).

use crate::indicators::completeness::Completeness;
use crate::indicators::objectivity::{Comparison, Thresholds};
use crate::indicators::TermSummary;
use serde::{Deserialize, Serialize};

/// Lessons missed in a period by the students counted in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absences {
    pub students: u32,
    pub missed: u32,
    pub unexcused: u32,
}

impl Absences {
    /// Lessons missed per student: schools report it so, and it needs no timetable.
    pub fn per_student(&self) -> Option<f64> {
        (self.students > 0).then(|| f64::from(self.missed) / f64::from(self.students))
    }

    pub fn unexcused_share(&self) -> Option<f64> {
        (self.missed > 0).then(|| f64::from(self.unexcused) * 100.0 / f64::from(self.missed))
    }
}

/// One term's figures for the whole school.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodFigures {
    /// «1 четверть 2026/2027»
    pub title: String,
    pub summary: TermSummary,
    pub absences: Absences,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionKind {
    Objectivity,
    BelowMinimum,
    RiskGroup,
    LateMeasures,
    /// Roles given, accounts made and passwords set anew by the administrator.
    Access,
}

/// Something that needs the director's decision, opening to its detail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub kind: DecisionKind,
    pub count: u32,
    /// «3 процедуры с признаками необъективности»
    pub title: String,
    /// What the count is made of, in a line.
    pub detail: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectorDashboard {
    pub school: String,
    /// The latest term with term marks, and the one before it (maybe last year's).
    pub now: Option<PeriodFigures>,
    pub before: Option<PeriodFigures>,
    pub decisions: Vec<Decision>,
    /// Where the journal figures come from: the latest load of the journal's files, if any.
    #[serde(default)]
    pub journal: Option<crate::wire::journal_import::Provenance>,
    /// Classes with pupils and no term mark in `now`'s term: left out of its figures.
    #[serde(default)]
    pub without_marks: Vec<String>,
}

/// One class's (or the school's) marks in a procedure against the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectivityRow {
    /// «6Б», or «Школа» for the whole.
    pub name: String,
    pub comparison: Comparison,
    /// Reasons to look closer, empty when none (and while the class's work is partly entered).
    pub flags: Vec<String>,
    #[serde(default)]
    pub completeness: Completeness,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureObjectivity {
    pub procedure_id: i32,
    pub title: String,
    /// ISO date.
    pub held_on: String,
    /// The term whose marks the procedure is set against: «3 четверть 2025/2026».
    pub against: String,
    pub school: ObjectivityRow,
    pub classes: Vec<ObjectivityRow>,
}

impl ProcedureObjectivity {
    pub fn flagged(&self) -> bool {
        !self.school.flags.is_empty() || self.classes.iter().any(|c| !c.flags.is_empty())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectivityReport {
    pub thresholds: Thresholds,
    /// Whether the school set its own thresholds (or uses Mera's defaults).
    pub own_thresholds: bool,
    /// Whether the asking person may change them (deputy, director).
    pub may_set: bool,
    /// The procedures of the last twelve months, the flagged ones first.
    pub procedures: Vec<ProcedureObjectivity>,
}

/// The school's objectivity thresholds, in percent: flag when more than this share got a lower
/// (higher) mark than in the journal. `None` for both returns to Mera's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThresholdsDraft {
    pub lowered_over: Option<f64>,
    pub raised_over: Option<f64>,
}

/// A class where some students did not reach the obligatory minimum (a «2» for the term).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassBelowMinimum {
    pub class_id: i32,
    pub name: String,
    /// Students with term marks.
    pub students: u32,
    pub below: u32,
    /// Subjects with a «2», and how many: («Алгебра», 2).
    pub subjects: Vec<(String, u32)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumReport {
    pub term: Option<String>,
    pub classes: Vec<ClassBelowMinimum>,
}

/// A student of the risk group (seeds 003 §4) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskStudent {
    pub student_id: i32,
    pub name: String,
    pub class_id: i32,
    pub class: String,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskGroup {
    /// The criteria as the screen states them.
    pub criteria: Vec<String>,
    pub students: Vec<RiskStudent>,
}

/// One time someone was given access to the school's data, or could have been.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEvent {
    /// UTC, ISO 8601: the screen shows it in the device's time zone.
    pub at: String,
    /// Who did it (the administrator).
    pub by: String,
    /// To whom.
    pub person: String,
    /// «Назначена роль: Заместитель директора по УВР (5-е классы)».
    pub what: String,
    /// The role sees children's names and results.
    pub sees_children: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessReview {
    /// How many days back the list goes.
    pub days: u32,
    /// Newest first.
    pub events: Vec<AccessEvent>,
}
