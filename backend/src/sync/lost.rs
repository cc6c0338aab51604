//! The devices of a school whose edits never arrived (`device.gap_seen_at`), for the deputy.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{account, device, role_assignment};
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{Action, Resource};
use domain::wire::devices::{device_name, LostEdits};

/// A gap is told once it has outlived a retry or two: a request held up on the way can show one
/// for a moment.
const SETTLED: i64 = 10;

pub async fn list() -> Result<Vec<LostEdits>, AppError> {
    let (req, _, school_id) =
        Request::school_access(Action::Edit, |school_id| Resource::EditWindow { school_id })
            .await?;
    let db = &req.db;
    let staff: BTreeSet<i32> = role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.account_id)
        .collect();
    let settled = Utc::now() - Duration::minutes(SETTLED);
    let devices = device::Entity::find()
        .filter(device::Column::GapSeenAt.lte(settled))
        .filter(device::Column::AccountId.is_in(staff))
        .order_by_asc(device::Column::GapSeenAt)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for d in devices {
        // Seen again since it was first seen: not one stray request.
        if d.last_sync_at
            .zip(d.gap_seen_at)
            .is_none_or(|(last, since)| last <= since)
        {
            continue;
        }
        let teacher = account::Entity::find_by_id(d.account_id)
            .one(db)
            .await?
            .map(|a| a.full_name)
            .unwrap_or_default();
        out.push(LostEdits {
            teacher,
            device: device_name(d.user_agent.as_deref()),
            first_missing: d.applied_seq + 1,
            last_made: d.last_seq_made,
            since: d.gap_seen_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            last_sync: d.last_sync_at.map(|t| t.to_rfc3339()),
        });
    }
    Ok(out)
}
