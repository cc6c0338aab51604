//! Edit windows (docs/design.md §2): the deputy closes a procedure for editing; results that arrive
//! after the close wait for her decision, with the time they were typed on the device.

use serde::{Deserialize, Serialize};

/// A late edit waiting for a decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldEdit {
    pub mutation_id: String,
    pub student: String,
    /// «Задание 3: 2», «не писал(а)»…
    pub change: String,
    /// The device's clock when it was typed (ISO 8601), as the device sent it.
    pub typed_at: String,
    /// When it reached the server (ISO 8601).
    pub received_at: String,
}

/// The late edits of one teacher to one procedure in one class: a class entered after the close
/// is one decision, not one per cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldGroup {
    pub procedure_id: i32,
    pub procedure: String,
    pub class: String,
    pub author: String,
    /// In the order they were typed.
    pub edits: Vec<HeldEdit>,
}

impl HeldGroup {
    pub fn ids(&self) -> Vec<String> {
        self.edits.iter().map(|e| e.mutation_id.clone()).collect()
    }

    /// «12 изменений» with the Russian plural.
    pub fn count_text(&self) -> String {
        crate::format::count(
            self.edits.len() as u32,
            "изменение",
            "изменения",
            "изменений",
        )
    }
}

/// What the deputy asks for: these late edits, approved or declined together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldDecision {
    pub mutation_ids: Vec<String>,
    pub approve: bool,
}
