//! Edit windows (docs/design.md §2): the deputy closes a procedure for editing; results that arrive
//! after the close wait for her decision, with the time they were typed on the device.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::edit_window::*;

/// Closes (or opens again) a procedure for editing.
#[server(endpoint = "procedure/close", client = MeraClient)]
pub async fn set_procedure_closed(procedure_id: i32, closed: bool) -> Result<(), AppError> {
    backend::edit_window::set_closed(procedure_id, closed).await
}

/// The late edits of the deputy's school that wait for a decision, oldest first.
#[server(endpoint = "held", client = MeraClient)]
pub async fn held_edits() -> Result<Vec<HeldEdit>, AppError> {
    backend::edit_window::list().await
}

/// Applies a late edit (`approve`) or turns it down; either way its author's device is told at the
/// next sync of the result.
#[server(endpoint = "held/decide", client = MeraClient)]
pub async fn decide_held_edit(mutation_id: String, approve: bool) -> Result<(), AppError> {
    backend::edit_window::decide(mutation_id, approve).await
}
