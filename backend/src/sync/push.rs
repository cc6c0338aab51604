//! Applying a device's mutations: in seq order, each once. Every processed mutation is stored with
//! its outcome, so a resent one gets that outcome back and changes nothing.

use std::collections::HashMap;

use chrono::Utc;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};

use crate::edits::Edit;
use crate::entity::{device, mutation};
use crate::sync::clock::Clock;
use crate::sync::Origin;
use domain::policy::Principal;
use domain::sync::measure_edit::{LinkAdd, NoteAdd, PhotoAdd, StatusSet};
use domain::sync::{AbsenceSet, Conflict, Mutation, Outcome, ScoreSet, SyncResponse};

/// Runs inside the caller's transaction; the caller commits. A gap in seq stops the batch: the
/// device resends from `acked_seq`.
pub async fn push(
    txn: &impl ConnectionTrait,
    who: &Principal,
    origin: &Origin,
    device_id: &str,
    mut mutations: Vec<Mutation>,
    response: &mut SyncResponse,
) -> Result<(), DbErr> {
    let mut clock = Clock::lock(txn).await?;
    // Read after the lock, so a concurrent request from the same device sees our progress.
    let device = device::Entity::find_by_id(device_id.to_string())
        .one(txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("device {device_id}")))?;
    let mut applied_seq = device.applied_seq;
    mutations.sort_by_key(|m| m.seq);
    // The ones this server has seen before, in one query rather than one per mutation.
    let mut seen: HashMap<String, mutation::Model> = mutation::Entity::find()
        .filter(mutation::Column::Id.is_in(mutations.iter().map(|m| m.id.clone())))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| (row.id.clone(), row))
        .collect();
    for m in mutations {
        if let Some(first) = seen.get(&m.id) {
            let outcome = if first.device_id == device_id {
                stored_outcome(first)
            } else {
                // A copy restored from a saved outbox: its seq is used up all the same, or every
                // later mutation of this device would wait behind it for ever.
                if m.seq == applied_seq + 1 {
                    applied_seq = m.seq;
                }
                Outcome::Rejected("Это изменение уже пришло с другого устройства.".into())
            };
            response.record(&m.id, outcome);
            continue;
        }
        if m.seq <= applied_seq {
            response.record(
                &m.id,
                Outcome::Rejected(format!(
                    "Номер изменения {} на этом устройстве уже занят другим изменением.",
                    m.seq
                )),
            );
            continue;
        }
        if m.seq != applied_seq + 1 {
            break;
        }
        let edit = Edit {
            who,
            origin,
            device_id,
            mutation_id: &m.id,
            base: m.base,
            approved: false,
            imported: false,
        };
        let outcome = apply(txn, &mut clock, &edit, &m).await?;
        let row = store(txn, device_id, &m, &outcome).await?;
        seen.insert(row.id.clone(), row);
        applied_seq = m.seq;
        response.record(&m.id, outcome);
    }
    clock.save(txn).await?;
    let mut progress = device.into_active_model();
    progress.applied_seq = Set(applied_seq);
    progress.update(txn).await?;
    response.acked_seq = applied_seq;
    Ok(())
}

/// Dispatches on the kind. A kind this server does not know (a newer app, or one so old its
/// handler is gone) is rejected with a reason, never guessed at.
pub(crate) async fn apply(
    txn: &impl ConnectionTrait,
    clock: &mut Clock,
    edit: &Edit<'_>,
    m: &Mutation,
) -> Result<Outcome, DbErr> {
    let broken =
        || Outcome::Rejected("Изменение пришло повреждённым и не может быть применено.".into());
    match m.kind.as_str() {
        ScoreSet::KIND => match serde_json::from_value::<ScoreSet>(m.payload.clone()) {
            Ok(set) => crate::edits::result::set_score(txn, clock, edit, set).await,
            Err(_) => Ok(broken()),
        },
        AbsenceSet::KIND => match serde_json::from_value::<AbsenceSet>(m.payload.clone()) {
            Ok(set) => crate::edits::result::set_absence(txn, clock, edit, set).await,
            Err(_) => Ok(broken()),
        },
        StatusSet::KIND => match serde_json::from_value::<StatusSet>(m.payload.clone()) {
            Ok(set) => crate::edits::measure::set_status(txn, edit, set).await,
            Err(_) => Ok(broken()),
        },
        NoteAdd::KIND => match serde_json::from_value::<NoteAdd>(m.payload.clone()) {
            Ok(add) => crate::edits::measure::add_note(txn, edit, add, &m.at).await,
            Err(_) => Ok(broken()),
        },
        LinkAdd::KIND => match serde_json::from_value::<LinkAdd>(m.payload.clone()) {
            Ok(add) => crate::edits::measure::add_link(txn, edit, add).await,
            Err(_) => Ok(broken()),
        },
        PhotoAdd::KIND => match serde_json::from_value::<PhotoAdd>(m.payload.clone()) {
            Ok(add) => crate::edits::measure::add_photo(txn, edit, add).await,
            Err(_) => Ok(broken()),
        },
        other => Ok(Outcome::Rejected(format!(
            "Сервер не знает изменений вида «{other}». Обновите приложение и синхронизируйте снова."
        ))),
    }
}

async fn store(
    txn: &impl ConnectionTrait,
    device_id: &str,
    m: &Mutation,
    outcome: &Outcome,
) -> Result<mutation::Model, DbErr> {
    let (reason, conflict) = match outcome {
        Outcome::Applied(conflict) => (
            None,
            conflict
                .as_ref()
                .map(|c| serde_json::to_string(c).unwrap_or_default()),
        ),
        Outcome::Rejected(reason) | Outcome::Held(reason) => (Some(reason.clone()), None),
    };
    mutation::ActiveModel {
        id: Set(m.id.clone()),
        device_id: Set(device_id.to_string()),
        seq: Set(m.seq),
        kind: Set(m.kind.clone()),
        payload: Set(canonical(m).to_string()),
        base: Set(m.base),
        made_at: Set(m.at.clone()),
        received_at: Set(Utc::now()),
        outcome: Set(outcome.code().to_string()),
        reason: Set(reason),
        conflict: Set(conflict),
        decided_no: Set(None),
    }
    .insert(txn)
    .await
}

/// What is kept of a payload: the fields its kind has, as this server read them. Unknown fields
/// (and the payload of a kind it does not know, or cannot read) are not stored.
fn canonical(m: &Mutation) -> serde_json::Value {
    fn again<T: serde::de::DeserializeOwned + serde::Serialize>(
        payload: &serde_json::Value,
    ) -> serde_json::Value {
        serde_json::from_value::<T>(payload.clone())
            .ok()
            .and_then(|v| serde_json::to_value(v).ok())
            .unwrap_or(serde_json::Value::Null)
    }
    let p = &m.payload;
    match m.kind.as_str() {
        ScoreSet::KIND => again::<ScoreSet>(p),
        AbsenceSet::KIND => again::<AbsenceSet>(p),
        StatusSet::KIND => again::<StatusSet>(p),
        NoteAdd::KIND => again::<NoteAdd>(p),
        LinkAdd::KIND => again::<LinkAdd>(p),
        PhotoAdd::KIND => again::<PhotoAdd>(p),
        _ => serde_json::Value::Null,
    }
}

fn stored_outcome(row: &mutation::Model) -> Outcome {
    let reason = || row.reason.clone().unwrap_or_default();
    match row.outcome.as_str() {
        "applied" => Outcome::Applied(
            row.conflict
                .as_deref()
                .and_then(|c| serde_json::from_str::<Conflict>(c).ok()),
        ),
        "held" => Outcome::Held(reason()),
        _ => Outcome::Rejected(reason()),
    }
}
