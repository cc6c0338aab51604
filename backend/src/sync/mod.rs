//! Serving `POST /api/sync` (docs/design.md §4, docs/sync.md): a device's mutations are applied in
//! seq order, each exactly once, in one transaction; then the changes since the device's cursor
//! that its user may see are sent back.

pub(crate) mod clock;
pub(crate) mod lookups;
pub mod lost;
mod pull;
pub(crate) mod push;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set, TransactionTrait,
};

pub use clock::committed as committed_change;
pub use pull::{pull, records};
pub use push::push;

use crate::entity::device;
use crate::platform::audit;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::Principal;
use domain::sync::{Mutation, SyncResponse};

/// The most mutations one request may carry; a device with more sends them in turns.
pub const MAX_BATCH: usize = 500;

/// Where a request came from, for the audit log.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub address: Option<String>,
    pub user_agent: Option<String>,
}

/// A sync request as `POST /api/sync` carries it.
#[derive(Clone, Debug, Default)]
pub struct SyncRequest {
    pub device: Option<String>,
    pub cursor: i64,
    pub last_seq_made: i64,
    pub mutations: Vec<Mutation>,
}

/// The server function's body: the signed-in user syncs one of their devices.
pub async fn synchronize(request: SyncRequest) -> Result<SyncResponse, AppError> {
    let (req, who) = Request::signed_in().await?;
    let origin = Origin {
        address: Some(req.address.clone()),
        user_agent: req.user_agent.clone(),
    };
    run(&req.db, &who, &origin, request).await
}

/// Push, then pull. Everything the push changes commits together or not at all.
pub async fn run(
    db: &DatabaseConnection,
    who: &Principal,
    origin: &Origin,
    request: SyncRequest,
) -> Result<SyncResponse, AppError> {
    let payload: usize = request
        .mutations
        .iter()
        .map(|m| m.payload.to_string().len())
        .sum();
    if payload > domain::sync::MAX_PAYLOAD_BYTES {
        return Err(AppError::TooLarge(
            domain::sync::MAX_PAYLOAD_BYTES / (1024 * 1024),
        ));
    }
    if request.mutations.len() > MAX_BATCH {
        return Err(AppError::invalid(format!(
            "Слишком много изменений в одном запросе: не больше {MAX_BATCH}."
        )));
    }
    let device = match request.device {
        None if !request.mutations.is_empty() => {
            return Err(AppError::invalid(
                "Устройство ещё не зарегистрировано: сначала синхронизация без изменений.",
            ))
        }
        None => register(db, who, origin).await?,
        Some(id) => owned_device(db, who, origin, &id).await?,
    };
    // The first seq this request brings that the server still waits for, if any.
    let brings_next = request
        .mutations
        .iter()
        .any(|m| m.seq == device.applied_seq + 1);
    let mut response = SyncResponse {
        device: device.id.clone(),
        acked_seq: device.applied_seq,
        ..Default::default()
    };
    if !request.mutations.is_empty() {
        let txn = db.begin().await?;
        push(
            &txn,
            who,
            origin,
            &device.id,
            request.mutations,
            &mut response,
        )
        .await?;
        txn.commit().await?;
    }
    // A request that arrives late does not take back what the device said it had made.
    let made = request
        .last_seq_made
        .max(response.acked_seq)
        .max(device.last_seq_made);
    // Made past what arrived, and not even the next one sent: the device no longer has them.
    let gap = made > response.acked_seq && !brings_next;
    let gap_seen_at = match (gap, device.gap_seen_at) {
        (false, _) => None,
        (true, Some(since)) => Some(since),
        (true, None) => Some(Utc::now()),
    };
    let mut seen = device.into_active_model();
    seen.last_sync_at = Set(Some(Utc::now()));
    seen.last_seq_made = Set(made);
    seen.gap_seen_at = Set(gap_seen_at);
    seen.update(db).await?;
    pull(db, who, request.cursor, &mut response).await?;
    pull::decided(db, &response.device.clone(), request.cursor, &mut response).await?;
    Ok(response)
}

async fn register(
    db: &DatabaseConnection,
    who: &Principal,
    origin: &Origin,
) -> Result<device::Model, AppError> {
    let id = uuid::Uuid::new_v4().to_string();
    let row = device::ActiveModel {
        id: Set(id),
        account_id: Set(who.account_id),
        user_agent: Set(origin.user_agent.clone()),
        created_at: Set(Utc::now()),
        last_sync_at: Set(None),
        applied_seq: Set(0),
        last_seq_made: Set(0),
        gap_seen_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(row)
}

/// The device, if it is this user's; a device of another account is refused and the refusal
/// audited (a shared tablet keeps one device id per user).
async fn owned_device(
    db: &DatabaseConnection,
    who: &Principal,
    origin: &Origin,
    id: &str,
) -> Result<device::Model, AppError> {
    let Some(device) = device::Entity::find_by_id(id.to_string()).one(db).await? else {
        return Err(AppError::UnknownDevice);
    };
    if device.account_id != who.account_id {
        audit::denied(
            db,
            audit::Entry {
                entity_id: Some(device.id.clone()),
                ..audit::Entry::new(
                    Some(who.account_id),
                    origin.address.clone(),
                    origin.user_agent.clone(),
                    "sync",
                    "device",
                )
            },
        )
        .await?;
        return Err(AppError::Forbidden);
    }
    Ok(device)
}
