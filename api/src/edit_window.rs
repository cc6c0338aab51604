//! Edit windows (docs/design.md §2): the deputy closes a procedure for editing; results that arrive
//! after the close wait for her decision, with the time they were typed on the device.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::edit_window::*;

/// Closes (or opens again) a procedure for editing.
#[server(endpoint = "procedure/close", client = MeraClient)]
pub async fn set_procedure_closed(procedure_id: i32, closed: bool) -> Result<(), AppError> {
    backend::edit_window::set_closed(procedure_id, closed).await
}

/// The late edits of the deputy's school that wait for a decision, grouped by teacher, procedure
/// and class, the longest waiting first.
#[server(endpoint = "held", client = MeraClient)]
pub async fn held_edits() -> Result<Vec<HeldGroup>, AppError> {
    backend::edit_window::list().await
}

/// Applies late edits (`approve`) or turns them down, all or none; either way their authors'
/// devices are told at their next sync. Returns how many were decided.
#[server(endpoint = "held/decide", client = MeraClient, input = Json)]
pub async fn decide_held_edits(decision: HeldDecision) -> Result<usize, AppError> {
    backend::edit_window::decide(decision).await
}
