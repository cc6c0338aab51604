//! `POST /api/sync`: push the device's outbox, pull what changed (docs/design.md §4, docs/sync.md).

use crate::client::MeraClient;
use domain::error::AppError;
use domain::sync::{Mutation, SyncResponse};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One round trip of the sync protocol. `device` is `null` on a device's first sync (it gets its
/// id back); `cursor` is the last change number the device has seen; `last_seq_made` is the
/// highest seq it has made, so the server notices mutations that never arrive.
#[server(endpoint = "sync", client = MeraClient, input = Json, output = Json)]
pub async fn synchronize(
    device: Option<String>,
    cursor: i64,
    last_seq_made: i64,
    mutations: Vec<Mutation>,
) -> Result<SyncResponse, AppError> {
    use backend::sync::SyncRequest;
    let request = SyncRequest {
        device,
        cursor,
        last_seq_made,
        mutations,
    };
    backend::sync::synchronize(request).await
}

/// The devices of the deputy's school that made edits the server never received, with the gap.
#[server(endpoint = "devices/lost", client = MeraClient)]
pub async fn lost_edits() -> Result<Vec<domain::wire::devices::LostEdits>, AppError> {
    backend::sync::lost::list().await
}
