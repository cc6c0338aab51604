//! Closing procedures and deciding on the edits held because they arrived after the close.

mod decide;
mod held;

pub use decide::{decide, DECLINED, MAX_DECISION};
pub use held::list;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};

use crate::entity::{mutation, procedure};
use crate::platform::audit;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{Action, Principal, Resource};
use domain::sync::{AbsenceSet, Mutation, ScoreSet};

async fn school_of(
    req: &Request,
    who: &Principal,
    procedure_id: i32,
) -> Result<procedure::Model, AppError> {
    let Some(p) = procedure::Entity::find_by_id(procedure_id)
        .one(&req.db)
        .await?
    else {
        return Err(AppError::Forbidden);
    };
    req.authorize(
        who,
        Action::Edit,
        Resource::EditWindow {
            school_id: p.school_id,
        },
    )
    .await?;
    Ok(p)
}

pub async fn set_closed(procedure_id: i32, closed: bool) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = school_of(&req, &who, procedure_id).await?;
    let was = p.closed_at.is_some();
    let mut row = p.into_active_model();
    row.closed_at = Set(closed.then(Utc::now));
    let txn = req.db.begin().await?;
    row.update(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(procedure_id.to_string()),
            old_value: Some(if was { "closed" } else { "open" }.into()),
            new_value: Some(if closed { "closed" } else { "open" }.into()),
            ..req.entry(who.account_id, "edit", "procedure.edit_window")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The procedure and student a held mutation is about.
fn target(m: &Mutation) -> Option<(i32, i32)> {
    match m.kind.as_str() {
        ScoreSet::KIND => serde_json::from_value::<ScoreSet>(m.payload.clone())
            .ok()
            .map(|s| (s.procedure_id, s.student_id)),
        AbsenceSet::KIND => serde_json::from_value::<AbsenceSet>(m.payload.clone())
            .ok()
            .map(|s| (s.procedure_id, s.student_id)),
        _ => None,
    }
}

fn as_mutation(row: &mutation::Model) -> Mutation {
    Mutation {
        id: row.id.clone(),
        seq: row.seq,
        kind: row.kind.clone(),
        payload: serde_json::from_str(&row.payload).unwrap_or_default(),
        base: row.base,
        at: row.made_at.clone(),
    }
}
