//! «Загрузка из журнала»: the files a deputy gives, what Mera read in each and could not place,
//! the subject names it needs her to map, and what a load would change (or changed).

use serde::{Deserialize, Serialize};

pub use crate::paper::table::RowProblem;

/// A file as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalFile {
    pub name: String,
    /// The bytes, base64.
    pub data: String,
}

/// The deputy's answer for a subject name Mera does not know: the school's subject it is, or
/// none (not loaded, like a course with no marks). Remembered once the load is written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectChoice {
    pub name: String,
    pub subject_id: Option<i32>,
}

/// What was read in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub name: String,
    /// The layout it was read as, in Russian («шаблон Mera», «Сетевой город: отчёт ученика»).
    pub format: String,
    /// Values and absence rows read.
    pub rows: u32,
    /// Pupils found in the school.
    pub pupils: u32,
    pub marks: u32,
    pub absences: u32,
    /// Rows it cannot place, by row; with any, nothing is written.
    pub problems: Vec<RowProblem>,
}

/// A subject name in the files that matches none of the school's subjects.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownSubject {
    pub name: String,
    /// Values under it in all files.
    pub values: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectOption {
    pub id: i32,
    pub name: String,
}

/// The preview (nothing written) or the load.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub files: Vec<FileReport>,
    /// Names to map before anything can be written.
    pub unknown_subjects: Vec<UnknownSubject>,
    /// The school's subjects, to map them to.
    pub subjects: Vec<SubjectOption>,
    /// Marks and absences new to Mera, changed, removed (a corrected file no longer has them),
    /// and the same as stored.
    pub added: u32,
    pub changed: u32,
    pub removed: u32,
    pub same: u32,
    /// Classes the files touch, «5А, 5Б».
    pub classes: Vec<String>,
    pub written: bool,
}

impl ImportOutcome {
    /// Whether a load would write: every row placed, every subject known.
    pub fn ready(&self) -> bool {
        self.unknown_subjects.is_empty() && self.files.iter().all(|f| f.problems.is_empty())
    }
}

/// Where a screen's journal figures come from: the latest load.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// «файл 5А.xlsx» or «3 файла: 5А.xlsx, 5Б.xlsx, …».
    pub files: String,
    /// «20.11.2026 в 14:05», in the school's time zone.
    pub loaded_at: String,
    pub by: String,
    /// What the load changed.
    pub summary: String,
}

impl Provenance {
    /// «Отметки из журнала: файл 5А.xlsx, загружен 20.11.2026 в 14:05, Петрова А. И.»
    pub fn sentence(&self) -> String {
        format!(
            "Отметки из журнала: {}, загружен {}, {}.",
            self.files, self.loaded_at, self.by
        )
    }
}

/// How far a running preview or load has got: «Запись», 12 000 of 205 700.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobProgress {
    pub stage: String,
    pub done: u32,
    /// 0 while the stage cannot say how long it is.
    pub total: u32,
}

/// The school's files as the server holds them between choosing and loading, and what was last
/// done with them: the screen can be left during a long load and come back to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalJob {
    pub batch: String,
    pub files: Vec<String>,
    /// Who chose the files, «Петрова А. И.».
    pub by: String,
    pub choices: Vec<SubjectChoice>,
    /// Whether the running (or last) job was a load rather than a preview.
    pub write: bool,
    pub running: Option<JobProgress>,
    pub outcome: Option<ImportOutcome>,
    /// Why the last job did not finish, in Russian; nothing was written.
    pub failure: Option<String>,
}
