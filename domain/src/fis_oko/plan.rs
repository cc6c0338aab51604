//! A Ф1 report set against the procedure: each participant found by code (and checked against
//! her class's ordinal), each task's score filled where nothing was typed, and every score that
//! differs from what was typed reported without being changed. A second load of the same file
//! fills nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::F1;
use crate::paper::table::RowProblem;

/// A saved task of the procedure, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperTask {
    pub id: i32,
    pub label: String,
    pub max_score: i16,
}

/// A pupil by her code: who she is and her class's ordinal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coded {
    pub student_id: i32,
    pub ordinal: u32,
}

/// What was typed for a pupil.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    pub absent: bool,
    pub scores: BTreeMap<i32, i16>,
}

/// A score the report gives where nothing was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fill {
    pub student_id: i32,
    pub task_id: i32,
    pub score: i16,
}

/// A value the report gives that differs from what was typed: shown, never written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    pub row: u32,
    pub code: String,
    /// «задание 3», or «не писал(а)».
    pub what: String,
    pub typed: String,
    pub reported: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub participants: u32,
    pub fills: Vec<Fill>,
    /// Cells the report and Mera agree on.
    pub same: u32,
    pub differences: Vec<Difference>,
}

fn shown(score: Option<i16>) -> String {
    score.map_or("—".into(), |s| s.to_string())
}

/// The file's tasks (label, maximum) against the paper's, or the sentence that tells the deputy
/// the file is of another paper; `file` names it: («отчёта», «в отчёте»).
pub fn same_tasks(
    theirs: &[(String, i16)],
    tasks: &[PaperTask],
    file: (&str, &str),
) -> Result<(), String> {
    let ours: Vec<(String, i16)> = tasks
        .iter()
        .map(|t| (t.label.clone(), t.max_score))
        .collect();
    if ours == theirs {
        return Ok(());
    }
    let list = |t: &[(String, i16)]| {
        t.iter()
            .map(|(l, m)| format!("{l} ({m}б)"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Err(format!(
        "Задания {} не совпадают с работой: {} {}; в работе {}. Проверьте, что файл — по этой работе.",
        file.0,
        file.1,
        list(theirs),
        list(&ours)
    ))
}

pub fn plan(
    f1: &F1,
    tasks: &[PaperTask],
    coded: &BTreeMap<String, Coded>,
    typed: &BTreeMap<i32, Typed>,
) -> Result<Plan, Vec<RowProblem>> {
    if let Err(message) = same_tasks(&f1.tasks, tasks, ("отчёта", "в отчёте")) {
        return Err(vec![RowProblem { row: 0, message }]);
    }
    let mut out = Plan::default();
    let mut problems = Vec::new();
    let none = Typed::default();
    for r in &f1.rows {
        let mut say = |message: String| {
            problems.push(RowProblem {
                row: r.row,
                message,
            })
        };
        let Some(pupil) = coded.get(&r.code) else {
            say(format!(
                "код {} не выдан ни одному ученику этой работы.",
                r.code
            ));
            continue;
        };
        if let Some(class) = r.class.filter(|c| *c != pupil.ordinal) {
            say(format!(
                "код {} — ученик класса с порядковым номером {}, а в отчёте {class}.",
                r.code, pupil.ordinal
            ));
            continue;
        }
        out.participants += 1;
        let mine = typed.get(&pupil.student_id).unwrap_or(&none);
        if mine.absent {
            out.differences.push(Difference {
                row: r.row,
                code: r.code.clone(),
                what: "не писал(а)".into(),
                typed: "отмечен(а) «не писал(а)»".into(),
                reported: "писал(а)".into(),
            });
            continue;
        }
        for (task, reported) in tasks.iter().zip(&r.scores) {
            match (mine.scores.get(&task.id).copied(), *reported) {
                (None, Some(score)) => out.fills.push(Fill {
                    student_id: pupil.student_id,
                    task_id: task.id,
                    score,
                }),
                (None, None) => {}
                (Some(a), Some(b)) if a == b => out.same += 1,
                (typed, reported) => out.differences.push(Difference {
                    row: r.row,
                    code: r.code.clone(),
                    what: format!("задание {}", task.label),
                    typed: shown(typed),
                    reported: shown(reported),
                }),
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
