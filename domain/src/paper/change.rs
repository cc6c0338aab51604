//! A paper changed after results came in: what the change does to them, said before anything is
//! written («у 7 учеников изменится отметка»). The saved tasks keep their ids; a row of the new
//! paper with an id edits that task (its scores stay), a row without one is a new task (every
//! result waits for its score), a saved task missing from the new paper is removed with its
//! scores. Marks follow the one rule of a counted result (`assessment::counted_total`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::assessment::{counted_total, Scale};
use crate::paper::Paper;

/// A saved task as the change sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedTask {
    pub id: i32,
    pub label: String,
    pub max_score: i16,
}

/// One student's result as saved: absent, or the scores per task id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedResult {
    pub student_id: i32,
    pub absent: bool,
    pub scores: BTreeMap<i32, i16>,
}

/// A student whose mark the change moves: `None` is no mark (not every task scored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkChange {
    pub student_id: i32,
    pub before: Option<i16>,
    pub after: Option<i16>,
}

/// What a change does to the results in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    /// Results saved so far (written or absent).
    pub results: u32,
    pub marks: Vec<MarkChange>,
    /// Removed tasks that had scores, «3 (12 баллов)».
    pub removed: Vec<String>,
    /// Scores the removal deletes.
    pub scores_removed: u32,
    /// Why the change cannot be made as it stands (a score above a lowered maximum…).
    pub problems: Vec<String>,
}

impl Impact {
    /// A sentence for the confirmation: «У 7 учеников изменится отметка; баллы за задание 3
    /// удаляются у 25 учеников.»
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        match self.marks.len() {
            0 => parts.push("Ни у одного ученика отметка не изменится".to_string()),
            n => parts.push(format!("У {} изменится отметка", students(n))),
        }
        if self.scores_removed > 0 {
            let tasks = match self.removed.as_slice() {
                [one] => format!("задание {one}"),
                many => format!("задания {}", many.join(", ")),
            };
            parts.push(format!(
                "баллы за {tasks} удаляются у {}",
                students(self.scores_removed as usize)
            ));
        }
        format!("{}.", parts.join("; "))
    }
}

/// «1 ученика», «7 учеников»: the genitive after «у».
fn students(n: usize) -> String {
    crate::format::count(n as u32, "ученика", "учеников", "учеников")
}

/// The impact of replacing the paper of `saved` tasks and `before` scale by `after`.
pub fn impact(
    saved: &[SavedTask],
    before: Scale,
    after: &Paper,
    results: &[SavedResult],
) -> Impact {
    let mut out = Impact {
        results: results.len() as u32,
        ..Impact::default()
    };
    let saved_ids: BTreeSet<i32> = saved.iter().map(|t| t.id).collect();
    let kept: BTreeMap<i32, i16> = after
        .tasks
        .iter()
        .filter_map(|t| t.id.map(|id| (id, t.max_score)))
        .collect();
    for t in &after.tasks {
        if let Some(id) = t.id.filter(|id| !saved_ids.contains(id)) {
            out.problems.push(format!(
                "Задание «{}» (№ {id}) не из этой работы: откройте работу заново.",
                t.label
            ));
        }
    }
    for t in saved {
        let scored = results
            .iter()
            .filter(|r| r.scores.contains_key(&t.id))
            .count() as u32;
        match kept.get(&t.id) {
            None if scored > 0 => {
                out.removed.push(t.label.clone());
                out.scores_removed += scored;
            }
            Some(&max) if max < t.max_score => {
                let over = results
                    .iter()
                    .filter(|r| r.scores.get(&t.id).is_some_and(|s| *s > max))
                    .count();
                if over > 0 {
                    out.problems.push(format!(
                        "Задание «{}»: у {} балл выше нового максимума {max}. Сначала исправьте эти баллы.",
                        t.label,
                        students(over)
                    ));
                }
            }
            _ => {}
        }
    }
    let old_ids: Vec<i32> = saved.iter().map(|t| t.id).collect();
    let new_ids: Vec<Option<i32>> = after.tasks.iter().map(|t| t.id).collect();
    for r in results {
        let was = mark(r, old_ids.iter().map(|id| Some(*id)), before);
        let will = mark(r, new_ids.iter().copied(), after.scale);
        if was != will {
            out.marks.push(MarkChange {
                student_id: r.student_id,
                before: was,
                after: will,
            });
        }
    }
    out
}

/// The mark of a result over these tasks (`None` for a new task: not scored yet).
fn mark(r: &SavedResult, tasks: impl Iterator<Item = Option<i32>>, scale: Scale) -> Option<i16> {
    let (mut count, mut scored, mut sum) = (0, 0, 0i16);
    for id in tasks {
        count += 1;
        if let Some(score) = id.and_then(|id| r.scores.get(&id)) {
            scored += 1;
            sum += score;
        }
    }
    counted_total(r.absent, scored, count, sum).map(|total| scale.mark(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paper::Task;

    fn saved() -> Vec<SavedTask> {
        (1..=3)
            .map(|i| SavedTask {
                id: 10 + i,
                label: i.to_string(),
                max_score: 2,
            })
            .collect()
    }

    fn scale(a: i16, b: i16, c: i16) -> Scale {
        Scale {
            mark3_from: a,
            mark4_from: b,
            mark5_from: c,
        }
    }

    fn result(student_id: i32, scores: &[(i32, i16)]) -> SavedResult {
        SavedResult {
            student_id,
            absent: false,
            scores: scores.iter().copied().collect(),
        }
    }

    fn paper(tasks: &[(Option<i32>, i16)], s: Scale) -> Paper {
        Paper {
            tasks: tasks
                .iter()
                .enumerate()
                .map(|(i, (id, max))| Task {
                    id: *id,
                    label: format!("{}", i + 1),
                    max_score: *max,
                    ..Task::default()
                })
                .collect(),
            scale: s,
            test_scores: Vec::new(),
        }
    }

    #[test]
    fn a_stricter_scale_names_each_student_whose_mark_moves() {
        let results = [
            result(1, &[(11, 2), (12, 2), (13, 2)]),
            result(2, &[(11, 1), (12, 1), (13, 1)]),
        ];
        let after = paper(
            &[(Some(11), 2), (Some(12), 2), (Some(13), 2)],
            scale(3, 4, 6),
        );
        let impact = impact(&saved(), scale(2, 3, 5), &after, &results);
        // 6 stays a 5; 3 was a 4 and is now a 3.
        assert_eq!(
            impact.marks,
            vec![MarkChange {
                student_id: 2,
                before: Some(4),
                after: Some(3)
            }]
        );
        assert!(impact.problems.is_empty());
        assert_eq!(impact.summary(), "У 1 ученика изменится отметка.");
    }

    #[test]
    fn removing_a_task_drops_its_scores_and_a_new_task_waits_for_scores() {
        let results = [result(1, &[(11, 2), (12, 2), (13, 1)])];
        let removed = paper(&[(Some(11), 2), (Some(12), 2)], scale(2, 3, 4));
        let impact_removed = impact(&saved(), scale(2, 3, 5), &removed, &results);
        assert_eq!(impact_removed.removed, vec!["3".to_string()]);
        assert_eq!(impact_removed.scores_removed, 1);
        // 5 of 6 was a 5 (from 5); 4 of 4 on the new scale is a 5 too: nobody's mark moves.
        assert!(impact_removed.marks.is_empty());
        let stricter = paper(&[(Some(11), 2), (Some(12), 2)], scale(2, 3, 5));
        let impact_stricter = impact(&saved(), scale(2, 3, 5), &stricter, &results);
        assert_eq!(impact_stricter.marks[0].after, Some(4));
        let added = paper(
            &[(Some(11), 2), (Some(12), 2), (Some(13), 2), (None, 1)],
            scale(2, 3, 5),
        );
        let impact_added = impact(&saved(), scale(2, 3, 5), &added, &results);
        assert_eq!(impact_added.marks[0].before, Some(5));
        assert_eq!(impact_added.marks[0].after, None);
    }

    #[test]
    fn a_maximum_lowered_under_a_saved_score_is_a_problem() {
        let results = [result(1, &[(11, 2)]), result(2, &[(11, 1)])];
        let after = paper(
            &[(Some(11), 1), (Some(12), 2), (Some(13), 2)],
            scale(2, 3, 5),
        );
        let impact = impact(&saved(), scale(2, 3, 5), &after, &results);
        assert_eq!(
            impact.problems,
            vec!["Задание «1»: у 1 ученика балл выше нового максимума 1. Сначала исправьте эти баллы."]
        );
    }

    #[test]
    fn an_absent_student_keeps_no_mark_and_a_foreign_task_is_refused() {
        let absent = SavedResult {
            student_id: 3,
            absent: true,
            scores: BTreeMap::new(),
        };
        let after = paper(&[(Some(11), 2), (Some(99), 2)], scale(1, 2, 3));
        let impact = impact(&saved(), scale(2, 3, 5), &after, &[absent]);
        assert!(impact.marks.is_empty());
        assert_eq!(impact.problems.len(), 1);
        assert!(impact.problems[0].contains("не из этой работы"));
    }

    #[test]
    fn the_summary_counts_in_russian() {
        assert_eq!(students(11), "11 учеников");
        assert_eq!(students(21), "21 ученика");
        assert_eq!(students(7), "7 учеников");
    }
}
