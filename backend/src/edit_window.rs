//! Closing procedures and deciding on the edits held because they arrived after the close.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use crate::edits::Edit;
use crate::entity::{account, class, device, mutation, procedure, procedure_task, student};
use crate::platform::audit;
use crate::platform::principal;
use crate::platform::request::Request;
use crate::sync::clock::Clock;
use crate::sync::push::apply;
use crate::sync::Origin;
use domain::error::AppError;
use domain::policy::{Action, Principal, Resource};
use domain::sync::result_edit::{absence_text, score_text};
use domain::sync::{AbsenceSet, Mutation, Outcome, ScoreSet};
use domain::wire::edit_window::HeldEdit;

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

pub async fn list() -> Result<Vec<HeldEdit>, AppError> {
    let (req, who, _) =
        Request::school_access(Action::Edit, |school_id| Resource::EditWindow { school_id })
            .await?;
    let db = &req.db;
    let rows = mutation::Entity::find()
        .filter(mutation::Column::Outcome.eq("held"))
        .order_by_asc(mutation::Column::ReceivedAt)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for row in rows {
        let m = as_mutation(&row);
        let Some((procedure_id, student_id)) = target(&m) else {
            continue;
        };
        let Some(p) = procedure::Entity::find_by_id(procedure_id).one(db).await? else {
            continue;
        };
        if !domain::policy::may(
            &who,
            Action::Edit,
            Resource::EditWindow {
                school_id: p.school_id,
            },
        ) {
            continue;
        }
        let Some(s) = student::Entity::find_by_id(student_id).one(db).await? else {
            continue;
        };
        let class = class::Entity::find_by_id(s.class_id).one(db).await?;
        let author = match device::Entity::find_by_id(row.device_id.clone())
            .one(db)
            .await?
        {
            Some(d) => account::Entity::find_by_id(d.account_id).one(db).await?,
            None => None,
        };
        out.push(HeldEdit {
            change: describe(db, &m).await?,
            mutation_id: row.id,
            procedure: p.title,
            class: class.map(|c| c.name()).unwrap_or_default(),
            student: s.full_name(),
            author: author.map(|a| a.full_name).unwrap_or_default(),
            typed_at: row.made_at,
            received_at: row.received_at.to_rfc3339(),
        });
    }
    Ok(out)
}

async fn describe(db: &impl ConnectionTrait, m: &Mutation) -> Result<String, AppError> {
    if let Ok(s) = serde_json::from_value::<ScoreSet>(m.payload.clone()) {
        let label = procedure_task::Entity::find_by_id(s.task_id)
            .one(db)
            .await?
            .map(|t| t.label)
            .unwrap_or_default();
        let value = score_text(s.score);
        return Ok(if value.is_empty() {
            format!("Задание {label}: очистить")
        } else {
            format!("Задание {label}: {value}")
        });
    }
    if let Ok(s) = serde_json::from_value::<AbsenceSet>(m.payload.clone()) {
        return Ok(absence_text(s.absent));
    }
    Ok(m.kind.clone())
}

pub async fn decide(mutation_id: String, approve: bool) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let Some(row) = mutation::Entity::find_by_id(mutation_id.clone())
        .one(&req.db)
        .await?
    else {
        return Err(AppError::invalid(
            "Это изменение уже рассмотрено или не существует.",
        ));
    };
    if row.outcome != "held" {
        return Err(AppError::invalid("Это изменение уже рассмотрено."));
    }
    let m = as_mutation(&row);
    let Some((procedure_id, _)) = target(&m) else {
        return Err(AppError::invalid("Изменение повреждено."));
    };
    school_of(&req, &who, procedure_id).await?;
    let Some(author_device) = device::Entity::find_by_id(row.device_id.clone())
        .one(&req.db)
        .await?
    else {
        return Err(AppError::invalid(
            "Устройство автора больше не известно серверу.",
        ));
    };
    let author = principal::load(&req.db, author_device.account_id).await?;
    let txn = req.db.begin().await?;
    let outcome = if approve {
        let mut clock = Clock::lock(&txn).await?;
        let origin = Origin {
            address: Some(req.address.clone()),
            user_agent: req.user_agent.clone(),
        };
        // Applied as its author's edit (her right is checked again), approved by the deputy.
        let edit = Edit {
            who: &author,
            origin: &origin,
            device_id: &row.device_id,
            mutation_id: &row.id,
            base: row.base,
            approved: true,
            imported: false,
        };
        let outcome = apply(&txn, &mut clock, &edit, &m).await?;
        clock.save(&txn).await?;
        outcome
    } else {
        Outcome::Rejected("Заместитель директора не принял изменение: работа закрыта.".into())
    };
    let (code, reason) = match &outcome {
        Outcome::Applied(_) => ("applied", None),
        Outcome::Rejected(r) | Outcome::Held(r) => ("rejected", Some(r.clone())),
    };
    let mut stored = row.into_active_model();
    stored.outcome = Set(code.into());
    stored.reason = Set(reason);
    stored.update(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(mutation_id),
            new_value: Some(if approve { "approved" } else { "declined" }.into()),
            ..req.entry(who.account_id, "decide", "held_edit")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
