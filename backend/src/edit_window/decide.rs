//! The deputy's decision on late edits: a group approved or declined at once, in one
//! transaction, each edit applied as its author's (her right checked again) in the order typed.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait,
};

use super::{as_mutation, school_of, target};
use crate::edits::Edit;
use crate::entity::{device, mutation};
use crate::platform::audit;
use crate::platform::principal;
use crate::platform::request::Request;
use crate::sync::clock::Clock;
use crate::sync::push::apply;
use crate::sync::Origin;
use domain::error::AppError;
use domain::policy::Principal;
use domain::sync::Outcome;
use domain::wire::edit_window::HeldDecision;

/// The most edits one decision takes: a whole class's paper several times over.
pub const MAX_DECISION: usize = 5000;

pub const DECLINED: &str = "Заместитель директора не принял изменение: работа закрыта.";

pub async fn decide(decision: HeldDecision) -> Result<usize, AppError> {
    let (req, who) = Request::signed_in().await?;
    let HeldDecision {
        mut mutation_ids,
        approve,
    } = decision;
    mutation_ids.sort();
    mutation_ids.dedup();
    if mutation_ids.is_empty() {
        return Err(AppError::invalid("Не выбрано ни одного изменения."));
    }
    if mutation_ids.len() > MAX_DECISION {
        return Err(AppError::invalid(format!(
            "Слишком много изменений в одном решении: не больше {MAX_DECISION}."
        )));
    }
    let mut rows = Vec::with_capacity(mutation_ids.len());
    for chunk in mutation_ids.chunks(500) {
        rows.extend(
            mutation::Entity::find()
                .filter(mutation::Column::Id.is_in(chunk.to_vec()))
                .all(&req.db)
                .await?,
        );
    }
    if rows.len() != mutation_ids.len() || rows.iter().any(|r| r.outcome != "held") {
        return Err(AppError::invalid(
            "Часть этих изменений уже рассмотрена или не существует: список обновлён, посмотрите ещё раз.",
        ));
    }
    // The order the authors typed them: a cell typed twice ends with the later value.
    rows.sort_by(|a, b| (&a.device_id, a.seq).cmp(&(&b.device_id, b.seq)));
    let mut checked = BTreeSet::new();
    let mut authors: BTreeMap<String, Principal> = BTreeMap::new();
    for row in &rows {
        let Some((procedure_id, _)) = target(&as_mutation(row)) else {
            return Err(AppError::invalid("Изменение повреждено."));
        };
        if checked.insert(procedure_id) {
            school_of(&req, &who, procedure_id).await?;
        }
        if !authors.contains_key(&row.device_id) {
            let Some(author_device) = device::Entity::find_by_id(row.device_id.clone())
                .one(&req.db)
                .await?
            else {
                return Err(AppError::invalid(
                    "Устройство автора больше не известно серверу.",
                ));
            };
            let author = principal::load(&req.db, author_device.account_id).await?;
            authors.insert(row.device_id.clone(), author);
        }
    }
    let origin = Origin {
        address: Some(req.address.clone()),
        user_agent: req.user_agent.clone(),
    };
    let decided = rows.len();
    let txn = req.db.begin().await?;
    let mut clock = Clock::lock(&txn).await?;
    for row in rows {
        let m = as_mutation(&row);
        let outcome = if approve {
            let edit = Edit {
                who: &authors[&row.device_id],
                origin: &origin,
                device_id: &row.device_id,
                mutation_id: &row.id,
                base: row.base,
                approved: true,
                imported: false,
            };
            apply(&txn, &mut clock, &edit, &m).await?
        } else {
            Outcome::Rejected(DECLINED.into())
        };
        let (code, reason) = match &outcome {
            Outcome::Applied(_) => ("applied", None),
            Outcome::Rejected(r) | Outcome::Held(r) => ("rejected", Some(r.clone())),
        };
        let id = row.id.clone();
        let mut stored = row.into_active_model();
        stored.outcome = Set(code.into());
        stored.reason = Set(reason);
        // Numbered like any change, so the author's device hears of it after its cursor.
        stored.decided_no = Set(Some(clock.next()));
        stored.update(&txn).await?;
        audit::changed(
            &txn,
            audit::Entry {
                entity_id: Some(id),
                new_value: Some(if approve { "approved" } else { "declined" }.into()),
                ..req.entry(who.account_id, "decide", "held_edit")
            },
        )
        .await?;
    }
    clock.save(&txn).await?;
    txn.commit().await?;
    Ok(decided)
}
