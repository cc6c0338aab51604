//! Edit windows (docs/design.md §2): the deputy closes a procedure for editing; results that arrive
//! after the close wait for her decision, with the time they were typed on the device.

use serde::{Deserialize, Serialize};

/// A late edit waiting for a decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldEdit {
    pub mutation_id: String,
    pub procedure: String,
    pub class: String,
    pub student: String,
    /// «Задание 3: 2», «не писал(а)»…
    pub change: String,
    pub author: String,
    /// The device's clock when it was typed (ISO 8601), as the device sent it.
    pub typed_at: String,
    /// When it reached the server (ISO 8601).
    pub received_at: String,
}
