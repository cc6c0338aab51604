//! The catalogue of known papers a school starts a procedure from: the ВПР structures confirmed
//! from real papers (`domain/data/vpr-structure.json`, whose sources are named inside). A paper
//! whose scale is not published carries an illustrative one and says so: the deputy sets the
//! thresholds the school was sent.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{Paper, Task};
use crate::assessment::{ProcedureKind, Scale};

const VPR_STRUCTURE: &str = include_str!("../../data/vpr-structure.json");

/// Shown wherever a structure (or its scale) is not confirmed from a real paper.
pub const ILLUSTRATIVE: &str = "иллюстративная структура";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownPaper {
    /// Stable within a build: `vpr-4-Русский язык-2026`.
    pub key: String,
    pub kind: ProcedureKind,
    pub subject: String,
    pub grade: i16,
    pub year: i32,
    pub paper: Paper,
    /// The tasks are the real paper's.
    pub tasks_confirmed: bool,
    /// The scale is the published one; otherwise it is illustrative (40 / 62 / 82 % of the
    /// maximum) until the deputy sets the real thresholds.
    pub scale_confirmed: bool,
    /// Where it comes from, in Russian, as a procedure's `source` keeps it.
    pub source: String,
}

impl KnownPaper {
    pub fn title(&self) -> String {
        format!(
            "{}. {}, {} класс ({})",
            self.kind.title(),
            self.subject,
            self.grade,
            self.year
        )
    }
}

#[derive(Deserialize)]
struct File {
    procedures: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    subject: String,
    grade: i16,
    year: i32,
    scale: Option<FileScale>,
    tasks: Vec<FileTask>,
}

#[derive(Deserialize)]
struct FileScale {
    #[serde(rename = "3")]
    three: i16,
    #[serde(rename = "4")]
    four: i16,
    #[serde(rename = "5")]
    five: i16,
}

#[derive(Deserialize)]
struct FileTask {
    number: String,
    max_score: i16,
    level: Option<String>,
    skill_code: Option<String>,
    topic: Option<String>,
}

/// 3 from 40 %, 4 from 62 %, 5 from 82 % of the maximum: the usual shape of a school scale.
pub fn scale_by_share(max: i16) -> Scale {
    let at = |share: f64| ((f64::from(max) * share).round() as i16).max(1);
    Scale {
        mark3_from: at(0.40),
        mark4_from: at(0.62).max(at(0.40) + 1),
        mark5_from: at(0.82).max(at(0.62) + 2),
    }
}

/// Every known paper, in the file's order; read from the file once.
pub fn known_papers() -> &'static [KnownPaper] {
    static PAPERS: LazyLock<Vec<KnownPaper>> = LazyLock::new(read);
    &PAPERS
}

fn read() -> Vec<KnownPaper> {
    let file: File = serde_json::from_str(VPR_STRUCTURE).expect("the catalogue is valid JSON");
    file.procedures
        .into_iter()
        .map(|e| {
            let tasks: Vec<Task> = e
                .tasks
                .into_iter()
                .map(|t| Task {
                    id: None,
                    label: t.number,
                    max_score: t.max_score,
                    advanced: t.level.as_deref() == Some("advanced"),
                    topic: t.topic.unwrap_or_default(),
                    skill_code: t.skill_code.unwrap_or_default(),
                })
                .collect();
            let max = tasks.iter().map(|t| t.max_score).sum();
            let (scale, scale_confirmed) = match e.scale {
                Some(s) => (
                    Scale {
                        mark3_from: s.three,
                        mark4_from: s.four,
                        mark5_from: s.five,
                    },
                    true,
                ),
                None => (scale_by_share(max), false),
            };
            let source = if scale_confirmed {
                format!("ВПР {}: задания и шкала по открытым данным.", e.year)
            } else {
                format!(
                    "ВПР {}: задания и максимальные баллы по открытым данным; шкала — {ILLUSTRATIVE}.",
                    e.year
                )
            };
            KnownPaper {
                key: format!("vpr-{}-{}-{}", e.grade, e.subject, e.year),
                kind: ProcedureKind::Vpr,
                subject: e.subject,
                grade: e.grade,
                year: e.year,
                paper: Paper {
                    tasks,
                    scale,
                    test_scores: Vec::new(),
                },
                tasks_confirmed: true,
                scale_confirmed,
                source,
            }
        })
        .collect()
}
