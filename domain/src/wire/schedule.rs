//! «График оценочных процедур»: the year's schedule with its load check (`crate::schedule`), and
//! the lessons per subject and grade the deputy sets for it.

pub use crate::schedule::{
    ClassRow, Entry, GradeBlock, Lessons, Load, Schedule, Sitting, LOAD_PERCENT, RULE_SOURCE,
};

/// Who reads the schedule: everyone who works in the school.
pub use crate::policy::STAFF as SCHEDULE_READERS;
