//! The analytical report (аналитическая справка) of one procedure, in the four stages of seeds
//! 001 §7.1: sources, analysis (computed from the results), conclusions and management decisions
//! (typed by the deputy; a decision can become a plan measure).

use crate::indicators::completeness::Completeness;
use crate::indicators::dynamics::Dynamics;
pub use crate::indicators::elements::ElementRate;
use crate::indicators::MarkCounts;
use crate::wire::dashboard::ProcedureObjectivity;
use serde::{Deserialize, Serialize};

/// One task's solve rate over the students who wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskRate {
    pub label: String,
    pub topic: Option<String>,
    pub max_score: i16,
    pub advanced: bool,
    /// Percent; `None` when nobody wrote.
    pub rate: Option<f64>,
    pub gap: bool,
    #[serde(default)]
    pub skill_code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassCounts {
    pub name: String,
    pub counts: MarkCounts,
    #[serde(default)]
    pub completeness: Completeness,
}

/// The earlier procedure this one is compared with (`indicators::pairing`: like with like), and
/// how this one moved against it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub id: i32,
    pub title: String,
    pub held_on: String,
    pub counts: MarkCounts,
    pub dynamics: Dynamics,
    /// «та же серия диагностик этого года, те же классы»…
    pub how: String,
    /// The deputy chose it among several.
    pub chosen: bool,
}

/// An earlier procedure that could be compared with, for the deputy's choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierChoice {
    pub id: i32,
    /// «Входная диагностика. Математика, 5 класс · 15.09.2026 · та же серия …».
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionLine {
    pub id: i32,
    pub text: String,
    /// (plan id, measure title) once the decision became a plan measure.
    pub measure: Option<(i32, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalyticalReport {
    pub procedure_id: i32,
    pub title: String,
    /// «ВПР», «Диагностика»…
    pub kind: String,
    pub subject: String,
    pub grade: i16,
    /// ISO date.
    pub held_on: String,
    pub source: Option<String>,
    pub classes: Vec<String>,
    /// Students listed, of them written and absent («не писал(а)»).
    pub listed: u32,
    pub absent: u32,
    /// How much of the work is entered, over all its classes.
    #[serde(default)]
    pub completeness: Completeness,
    pub school: MarkCounts,
    pub by_class: Vec<ClassCounts>,
    pub tasks: Vec<TaskRate>,
    /// Solve rates per element of the кодификатор the tasks name.
    #[serde(default)]
    pub elements: Vec<ElementRate>,
    pub objectivity: Option<ProcedureObjectivity>,
    /// Students whose mark differs from the journal's by two or more (names for school
    /// readers, as «Иванов Иван: «2», в журнале «4»»), and how many.
    pub wide_gaps: Vec<String>,
    pub wide_gap_count: u32,
    /// The boundary scores (the lowest for a 3, a 4, a 5) where the totals pile up.
    pub peaks: Vec<i16>,
    pub earlier: Option<Comparison>,
    /// Every earlier procedure that pairs with this one, the proposed one first.
    #[serde(default)]
    pub earlier_choices: Vec<EarlierChoice>,
    /// The low-results («2») and high-results («5») groups: names for those who may see the
    /// school's students, counts for everyone.
    pub low: Vec<String>,
    pub high: Vec<String>,
    pub low_count: u32,
    pub high_count: u32,
    pub conclusions: String,
    pub decisions: Vec<DecisionLine>,
    /// The deputy or the director may write the conclusions and decisions.
    pub may_edit: bool,
}

/// What the deputy typed: conclusions, and the decisions in order (an existing decision keeps
/// its id, so its link to a plan measure survives the edit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    pub procedure_id: i32,
    pub conclusions: String,
    pub decisions: Vec<(Option<i32>, String)>,
}
