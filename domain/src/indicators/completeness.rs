//! How much of a work is entered: a figure computed from 30 of 76 pupils is not the class's
//! figure, so every figure of a work carries this, and alerts wait for complete classes.

use serde::{Deserialize, Serialize};

use crate::format;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    /// Pupils with a whole result: every task scored, or marked «не писал(а)».
    pub entered: u32,
    /// Pupils who should have one: those in the class on the day of the work, and any other
    /// with a result in it.
    pub roster: u32,
}

impl Completeness {
    pub fn is_complete(&self) -> bool {
        self.entered >= self.roster
    }

    pub fn add(&mut self, other: Completeness) {
        self.entered += other.entered;
        self.roster += other.roster;
    }

    /// «внесено 30 из 76»
    pub fn text(&self) -> String {
        format!("внесено {} из {}", self.entered, self.roster)
    }

    /// The warning a partial figure carries, `None` when the work is whole.
    pub fn warning(&self) -> Option<String> {
        (!self.is_complete()).then(|| {
            format!(
                "Работа внесена не полностью ({}): цифры предварительные, не хватает {}.",
                self.text(),
                format::count(
                    self.roster - self.entered,
                    "результата ученика",
                    "результатов учеников",
                    "результатов учеников"
                )
            )
        })
    }
}

/// Whether one result is whole: absent, or a score for each of the work's tasks.
pub fn is_whole(absent: bool, scored_tasks: usize, tasks: usize) -> bool {
    absent || (tasks > 0 && scored_tasks >= tasks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partly_entered_work_says_so_and_how_much() {
        let mut all = Completeness {
            entered: 25,
            roster: 25,
        };
        assert!(all.is_complete() && all.warning().is_none());
        all.add(Completeness {
            entered: 5,
            roster: 51,
        });
        assert_eq!(all.text(), "внесено 30 из 76");
        assert_eq!(
            all.warning().unwrap(),
            "Работа внесена не полностью (внесено 30 из 76): цифры предварительные, не хватает 46 результатов учеников."
        );
        let one_short = Completeness {
            entered: 20,
            roster: 21,
        };
        assert!(one_short
            .warning()
            .unwrap()
            .ends_with("не хватает 1 результата ученика."));
    }

    #[test]
    fn a_result_is_whole_when_every_task_has_a_score_or_the_pupil_was_away() {
        assert!(is_whole(true, 0, 9));
        assert!(is_whole(false, 9, 9));
        assert!(!is_whole(false, 8, 9));
        assert!(
            !is_whole(false, 0, 0),
            "a paper without tasks has nothing entered"
        );
    }
}
