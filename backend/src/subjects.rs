//! See [`domain::wire::subjects`]. Names are unique in a school whatever their case, so the
//! analysis never shows two «Химия» rows; every id must be of the asker's school.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use crate::entity::{subject, subject_group};
use crate::platform::audit;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::Principal;
use domain::wire::staffing::Choice;
use domain::wire::subjects::{tidy_name, SubjectRow, SubjectSetup};

async fn groups(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<Vec<subject_group::Model>, AppError> {
    Ok(subject_group::Entity::find()
        .filter(subject_group::Column::SchoolId.eq(school_id))
        .order_by_asc(subject_group::Column::Name)
        .all(db)
        .await?)
}

async fn subjects(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<Vec<subject::Model>, AppError> {
    Ok(subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .order_by_asc(subject::Column::Name)
        .all(db)
        .await?)
}

/// The МО, checked to be of the school; `None` stays none.
async fn group_of_school(
    db: &impl ConnectionTrait,
    school_id: i32,
    id: Option<i32>,
) -> Result<Option<subject_group::Model>, AppError> {
    let Some(id) = id else { return Ok(None) };
    subject_group::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|g| g.school_id == school_id)
        .map(Some)
        .ok_or_else(|| AppError::invalid("Такого МО в школе нет."))
}

pub async fn load() -> Result<SubjectSetup, AppError> {
    let req = Request::current()?;
    let (_, school_id) = req.structure_editor().await?;
    Ok(SubjectSetup {
        groups: groups(&req.db, school_id)
            .await?
            .into_iter()
            .map(|g| Choice {
                id: g.id,
                name: g.name,
            })
            .collect(),
        subjects: subjects(&req.db, school_id)
            .await?
            .into_iter()
            .map(|s| SubjectRow {
                id: s.id,
                name: s.name,
                group_id: s.subject_group_id,
            })
            .collect(),
    })
}

/// A name not yet among `names`, whatever the case.
fn unused(name: &str, mut names: impl Iterator<Item = String>, what: &str) -> Result<(), AppError> {
    let lower = name.to_lowercase();
    match names.any(|n| n.to_lowercase() == lower) {
        true => Err(AppError::invalid(format!("{what} «{name}» уже есть."))),
        false => Ok(()),
    }
}

async fn log_created(
    req: &Request,
    db: &impl ConnectionTrait,
    who: &Principal,
    entity: &str,
    id: i32,
    name: String,
) -> Result<(), AppError> {
    audit::changed(
        db,
        audit::Entry {
            entity_id: Some(id.to_string()),
            new_value: Some(name),
            ..req.entry(who.account_id, "create", entity)
        },
    )
    .await?;
    Ok(())
}

pub async fn create_group(name: String) -> Result<(), AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let name = tidy_name(&name).map_err(AppError::invalid)?;
    let txn = req.db.begin().await?;
    let existing = groups(&txn, school_id).await?;
    unused(&name, existing.into_iter().map(|g| g.name), "МО")?;
    let row = subject_group::ActiveModel {
        school_id: Set(school_id),
        name: Set(name.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log_created(&req, &txn, &who, "subject_group", row.id, name).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn create_subject(name: String, group_id: Option<i32>) -> Result<(), AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let name = tidy_name(&name).map_err(AppError::invalid)?;
    let txn = req.db.begin().await?;
    group_of_school(&txn, school_id, group_id).await?;
    let existing = subjects(&txn, school_id).await?;
    unused(&name, existing.into_iter().map(|s| s.name), "Предмет")?;
    let row = subject::ActiveModel {
        school_id: Set(school_id),
        subject_group_id: Set(group_id),
        name: Set(name.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log_created(&req, &txn, &who, "subject", row.id, name).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn set_group(subject_id: i32, group_id: Option<i32>) -> Result<(), AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let txn = req.db.begin().await?;
    let found = subject::Entity::find_by_id(subject_id)
        .one(&txn)
        .await?
        .filter(|s| s.school_id == school_id)
        .ok_or_else(|| AppError::invalid("Такого предмета в школе нет."))?;
    let group = group_of_school(&txn, school_id, group_id).await?;
    let old = found.subject_group_id;
    let mut row = found.into_active_model();
    row.subject_group_id = Set(group_id);
    let saved = row.update(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(saved.id.to_string()),
            old_value: old.map(|id| id.to_string()),
            new_value: group.map(|g| g.name),
            ..req.entry(who.account_id, "change", "subject")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
