//! The device's copy of a results sheet: what the server last sent, with the user's unsent edits
//! on top, and the class's figures computed from it as the teacher types.

use std::collections::{BTreeMap, BTreeSet};

use crate::indicators::completeness::Completeness;
use crate::indicators::elements::{element_rates, ElementRate, TaskScores};
use crate::indicators::{solve_rate, MarkCounts};
use crate::sync::result_edit::ABSENCE_CELL;
use crate::sync::{AbsenceSet, Mutation, ResultRecord, ScoreSet};
use crate::wire::result_sheet::ResultSheet;

/// One student's row as the grid shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub absent: bool,
    pub scores: BTreeMap<i32, i16>,
    /// Cells (task ids, or [`ABSENCE_CELL`]) with an edit not yet acknowledged by the server.
    pub unsent: BTreeSet<i32>,
    /// Cells whose value reached a closed procedure and waits for the deputy's decision.
    pub held: BTreeSet<i32>,
}

/// The user's edits the server's copy does not show yet: held for the deputy (acknowledged, not
/// applied), then the outbox, in the order they were made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edits {
    pub held: Vec<Mutation>,
    pub pending: Vec<Mutation>,
}

impl Edits {
    pub fn pending(pending: Vec<Mutation>) -> Edits {
        Edits {
            held: Vec::new(),
            pending,
        }
    }

    /// How many of the held edits are this procedure's.
    pub fn held_in(&self, procedure_id: i32) -> usize {
        self.held
            .iter()
            .filter(|m| {
                matches!(m.kind.as_str(), ScoreSet::KIND | AbsenceSet::KIND)
                    && m.payload.get("procedure_id").and_then(|v| v.as_i64())
                        == Some(i64::from(procedure_id))
            })
            .count()
    }
}

impl Row {
    /// The total, once every task has a score and the student wrote.
    pub fn total(&self, sheet: &ResultSheet) -> Option<i16> {
        if self.absent {
            return None;
        }
        sheet
            .tasks
            .iter()
            .map(|t| self.scores.get(&t.id).copied())
            .sum()
    }

    pub fn mark(&self, sheet: &ResultSheet) -> Option<i16> {
        self.total(sheet).map(|t| sheet.scale.mark(t))
    }
}

/// Replaces the sheet's records with newer ones from a pull; `true` when any was this sheet's.
pub fn apply_changes(sheet: &mut ResultSheet, changes: &[ResultRecord]) -> bool {
    let mut touched = false;
    for change in changes
        .iter()
        .filter(|c| c.procedure_id == sheet.procedure_id)
    {
        touched = true;
        match sheet
            .results
            .iter_mut()
            .find(|r| r.student_id == change.student_id)
        {
            Some(existing) => *existing = change.clone(),
            None => sheet.results.push(change.clone()),
        }
    }
    touched
}

/// The version of a cell the device has seen: the base of the next edit of that cell.
pub fn version(sheet: &ResultSheet, student_id: i32, task_id: i32) -> Option<i64> {
    let record = sheet.results.iter().find(|r| r.student_id == student_id)?;
    if task_id == ABSENCE_CELL {
        return Some(record.absent_version);
    }
    record
        .scores
        .iter()
        .find(|c| c.task_id == task_id)
        .map(|c| c.version)
}

/// The row of a student: the server's values, then the held edits, then the outbox's, in order.
pub fn row(sheet: &ResultSheet, edits: &Edits, student_id: i32) -> Row {
    let mut row = Row::default();
    if let Some(record) = sheet.results.iter().find(|r| r.student_id == student_id) {
        row.absent = record.absent;
        for cell in &record.scores {
            if let Some(score) = cell.score {
                row.scores.insert(cell.task_id, score);
            }
        }
    }
    for m in &edits.held {
        if let Some(cell) = overlay(&mut row, sheet.procedure_id, student_id, m) {
            row.held.insert(cell);
        }
    }
    for m in &edits.pending {
        if let Some(cell) = overlay(&mut row, sheet.procedure_id, student_id, m) {
            row.held.remove(&cell);
            row.unsent.insert(cell);
        }
    }
    row
}

/// Puts one edit of this student's row into it; the cell it touched.
fn overlay(row: &mut Row, procedure_id: i32, student_id: i32, m: &Mutation) -> Option<i32> {
    match m.kind.as_str() {
        ScoreSet::KIND => {
            let set = serde_json::from_value::<ScoreSet>(m.payload.clone()).ok()?;
            if set.procedure_id != procedure_id || set.student_id != student_id {
                return None;
            }
            match set.score {
                Some(score) => row.scores.insert(set.task_id, score),
                None => row.scores.remove(&set.task_id),
            };
            Some(set.task_id)
        }
        AbsenceSet::KIND => {
            let set = serde_json::from_value::<AbsenceSet>(m.payload.clone()).ok()?;
            if set.procedure_id != procedure_id || set.student_id != student_id {
                return None;
            }
            row.absent = set.absent;
            Some(ABSENCE_CELL)
        }
        _ => None,
    }
}

/// A class's (or the whole sheet's) figures from the rows on the device.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub listed: u32,
    pub absent: u32,
    /// Students with every task scored: they have a mark.
    pub marks: MarkCounts,
    /// Per task, in the sheet's order: the solve rate among those who wrote and have a score.
    pub task_rates: Vec<Option<f64>>,
    /// Per element of the кодификатор the tasks name.
    pub elements: Vec<ElementRate>,
}

impl Figures {
    /// How much is entered: rows with every task scored, or «не писал(а)», of those listed.
    pub fn completeness(&self) -> Completeness {
        Completeness {
            entered: self.marks.total() + self.absent,
            roster: self.listed,
        }
    }
}

pub fn figures(sheet: &ResultSheet, edits: &Edits, class_id: Option<i32>) -> Figures {
    let rows: Vec<Row> = sheet
        .students
        .iter()
        .filter(|s| class_id.is_none_or(|c| s.class_id == c))
        .map(|s| row(sheet, edits, s.id))
        .collect();
    let mut figures = Figures {
        listed: rows.len() as u32,
        ..Default::default()
    };
    for r in &rows {
        if r.absent {
            figures.absent += 1;
        } else if let Some(mark) = r.mark(sheet) {
            figures.marks.add(mark);
        }
    }
    let scores: Vec<Vec<i16>> = sheet
        .tasks
        .iter()
        .map(|t| {
            rows.iter()
                .filter(|r| !r.absent)
                .filter_map(|r| r.scores.get(&t.id).copied())
                .collect()
        })
        .collect();
    figures.task_rates = sheet
        .tasks
        .iter()
        .zip(&scores)
        .map(|(t, s)| solve_rate(s, t.max_score))
        .collect();
    let pooled: Vec<TaskScores> = sheet
        .tasks
        .iter()
        .zip(&scores)
        .map(|(t, s)| TaskScores {
            label: &t.label,
            skill_code: t.skill_code.as_deref().unwrap_or_default(),
            advanced: t.level.as_deref() == Some("advanced"),
            max_score: t.max_score,
            sum: s.iter().map(|x| i64::from(*x)).sum(),
            scored: s.len() as i64,
        })
        .collect();
    figures.elements = element_rates(&pooled);
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Scale;
    use crate::sync::CellScore;
    use crate::wire::result_sheet::{SheetClass, SheetStudent, SheetTask};

    fn sheet() -> ResultSheet {
        let task = |id, max| SheetTask {
            id,
            label: id.to_string(),
            max_score: max,
            level: None,
            topic: None,
            skill_code: None,
        };
        let student = |id| SheetStudent {
            id,
            full_name: format!("Ученик {id}"),
            class_id: 5,
            has_ovz: false,
        };
        ResultSheet {
            procedure_id: 9,
            title: "Контрольная".into(),
            kind: "Контрольная работа".into(),
            subject: "Математика".into(),
            grade: 5,
            held_on: "2026-11-19".into(),
            // 0–2 → «2», 3 → «3», 4 → «4», 5 → «5»
            scale: Scale {
                mark3_from: 3,
                mark4_from: 4,
                mark5_from: 5,
            },
            closed: false,
            can_close: false,
            can_change: false,
            test_scores: Vec::new(),
            source: None,
            tasks: vec![task(1, 2), task(2, 3)],
            classes: vec![SheetClass {
                id: 5,
                name: "5А".into(),
                editable: true,
            }],
            students: vec![student(1), student(2), student(3)],
            results: vec![ResultRecord {
                procedure_id: 9,
                student_id: 1,
                absent: false,
                absent_version: 0,
                scores: vec![
                    CellScore {
                        task_id: 1,
                        score: Some(2),
                        version: 4,
                    },
                    CellScore {
                        task_id: 2,
                        score: Some(3),
                        version: 5,
                    },
                ],
            }],
            conflicts: vec![],
            cursor: 5,
        }
    }

    fn set(id: &str, student_id: i32, task_id: i32, score: Option<i16>) -> Mutation {
        Mutation {
            id: id.into(),
            seq: 1,
            kind: ScoreSet::KIND.into(),
            payload: serde_json::to_value(ScoreSet {
                procedure_id: 9,
                student_id,
                task_id,
                score,
            })
            .unwrap(),
            base: None,
            at: String::new(),
        }
    }

    #[test]
    fn unsent_edits_show_over_the_servers_values() {
        let s = sheet();
        let pending = Edits::pending(vec![set("a", 1, 2, Some(1)), set("b", 2, 1, Some(2))]);
        let first = row(&s, &pending, 1);
        assert_eq!(first.scores[&2], 1);
        assert_eq!(first.unsent, BTreeSet::from([2]));
        // 2 + 1 = 3 → «3»
        assert_eq!(first.mark(&s), Some(3));
        let second = row(&s, &pending, 2);
        assert_eq!(second.total(&s), None, "task 2 is still empty");
        assert_eq!(version(&s, 1, 2), Some(5));
    }

    #[test]
    fn a_held_value_stays_in_its_cell_until_a_new_edit_covers_it() {
        let s = sheet();
        let edits = Edits {
            held: vec![set("h", 1, 2, Some(0)), set("g", 1, 1, Some(0))],
            pending: vec![set("p", 1, 1, Some(1))],
        };
        let r = row(&s, &edits, 1);
        assert_eq!(r.scores[&2], 0, "the held value, not the server's");
        assert_eq!(r.held, BTreeSet::from([2]));
        assert_eq!(r.scores[&1], 1, "typed again since: the newest wins");
        assert_eq!(r.unsent, BTreeSet::from([1]));
        assert_eq!((edits.held_in(9), edits.held_in(8)), (2, 0));
    }

    #[test]
    fn figures_follow_the_rows() {
        let s = sheet();
        let absent = Mutation {
            kind: AbsenceSet::KIND.into(),
            payload: serde_json::to_value(AbsenceSet {
                procedure_id: 9,
                student_id: 3,
                absent: true,
            })
            .unwrap(),
            ..set("c", 3, 0, None)
        };
        let pending = Edits::pending(vec![
            set("a", 2, 1, Some(0)),
            set("b", 2, 2, Some(3)),
            absent,
        ]);
        let f = figures(&s, &pending, Some(5));
        assert_eq!((f.listed, f.absent), (3, 1));
        // student 1: 5 → «5»; student 2: 0 + 3 = 3 → «3»
        assert_eq!(f.marks.marks, [0, 0, 1, 0, 1]);
        // task 1: (2 + 0) / (2 · 2) = 50 %; task 2: (3 + 3) / (2 · 3) = 100 %
        assert_eq!(f.task_rates, vec![Some(50.0), Some(100.0)]);
    }

    #[test]
    fn a_pull_replaces_the_record_it_names() {
        let mut s = sheet();
        let newer = ResultRecord {
            procedure_id: 9,
            student_id: 1,
            absent: true,
            absent_version: 8,
            scores: vec![],
        };
        assert!(apply_changes(&mut s, std::slice::from_ref(&newer)));
        assert!(row(&s, &Edits::default(), 1).absent);
        let other = ResultRecord {
            procedure_id: 10,
            ..newer
        };
        assert!(!apply_changes(&mut s, &[other]));
    }
}
