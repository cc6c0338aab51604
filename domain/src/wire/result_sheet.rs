//! Entering a procedure's results: the list of the user's procedures and one procedure's grid
//! (students × tasks) as the device keeps it for offline entry. Edits travel by sync.

use crate::assessment::Scale;
use crate::sync::ResultRecord;
use serde::{Deserialize, Serialize};

/// A procedure in the user's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureItem {
    pub id: i32,
    pub title: String,
    /// «ВПР», «Диагностика»…
    pub kind: String,
    pub subject: String,
    /// ISO date.
    pub held_on: String,
    /// The classes the user sees in it, «5А».
    pub classes: Vec<String>,
    /// Students with a result (written or absent) among those the user sees.
    pub entered: u32,
    /// Students of those classes.
    pub students: u32,
    /// The user may enter results in at least one of its classes.
    pub editable: bool,
    pub closed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetTask {
    pub id: i32,
    pub label: String,
    pub max_score: i16,
    /// «базовый» / «повышенный»
    pub level: Option<String>,
    pub topic: Option<String>,
    /// The кодификатор element(s) the task checks, «2.1» or «1.1; 2.3».
    #[serde(default)]
    pub skill_code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetClass {
    pub id: i32,
    pub name: String,
    /// The user may enter this class's results.
    pub editable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetStudent {
    pub id: i32,
    pub full_name: String,
    pub class_id: i32,
    pub has_ovz: bool,
}

/// A value overwritten by someone who had not seen it, shown until someone resolves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellConflict {
    pub id: i32,
    pub student_id: i32,
    /// 0 for the «не писал(а)» flag.
    pub task_id: i32,
    pub overwritten: String,
    pub overwritten_by: String,
    pub replaced_by: String,
}

/// Everything a device needs to show and fill a procedure's grid offline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultSheet {
    pub procedure_id: i32,
    pub title: String,
    pub kind: String,
    pub subject: String,
    pub grade: i16,
    pub held_on: String,
    pub scale: Scale,
    pub closed: bool,
    /// The user may close the procedure for editing (deputy, director).
    pub can_close: bool,
    pub source: Option<String>,
    pub tasks: Vec<SheetTask>,
    pub classes: Vec<SheetClass>,
    pub students: Vec<SheetStudent>,
    pub results: Vec<ResultRecord>,
    pub conflicts: Vec<CellConflict>,
    /// The change number this sheet is current to: sync from here.
    pub cursor: i64,
    /// The user may change the paper or cancel the procedure («Изменить работу»).
    #[serde(default)]
    pub can_change: bool,
    /// An ОГЭ / ЕГЭ primary → test score table (entry `p` for a primary score of `p`); empty
    /// where the paper has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub test_scores: Vec<i16>,
}

impl ResultSheet {
    pub fn max_total(&self) -> i16 {
        self.tasks.iter().map(|t| t.max_score).sum()
    }

    /// A total as the grid shows it: «18», or «18 (72)» with its test score.
    pub fn shown_total(&self, total: i16) -> String {
        match usize::try_from(total)
            .ok()
            .and_then(|t| self.test_scores.get(t))
        {
            Some(test) => format!("{total} ({test})"),
            None => total.to_string(),
        }
    }
}
