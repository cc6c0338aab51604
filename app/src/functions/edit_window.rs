//! Edit windows (DESIGN.md §2): the deputy closes a procedure for editing; results that arrive
//! after the close wait for her decision, with the time they were typed on the device.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::functions::client::MeraClient;

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

/// Closes (or opens again) a procedure for editing.
#[server(endpoint = "procedure/close", client = MeraClient)]
pub async fn set_procedure_closed(procedure_id: i32, closed: bool) -> Result<(), AppError> {
    crate::ssr::request::answer(
        crate::ssr::sync::edit_window::set_closed(procedure_id, closed).await,
    )
}

/// The late edits of the deputy's school that wait for a decision, oldest first.
#[server(endpoint = "held", client = MeraClient)]
pub async fn held_edits() -> Result<Vec<HeldEdit>, AppError> {
    crate::ssr::request::answer(crate::ssr::sync::edit_window::list().await)
}

/// Applies a late edit (`approve`) or turns it down; either way its author's device is told at the
/// next sync of the result.
#[server(endpoint = "held/decide", client = MeraClient)]
pub async fn decide_held_edit(mutation_id: String, approve: bool) -> Result<(), AppError> {
    crate::ssr::request::answer(crate::ssr::sync::edit_window::decide(mutation_id, approve).await)
}
