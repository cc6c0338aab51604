//! The earlier procedure a report's dynamics compare with: the school's earlier procedures of the
//! same kind and subject, paired by `domain::indicators::pairing` (the same series, the same
//! children a year younger, the same paper for another cohort), the deputy's choice first.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};

use super::analysis::class_counts;
use super::procedure_for;
use crate::entity::{academic_year, class, procedure, procedure_class, procedure_task};
use crate::platform::audit;
use crate::platform::request::Request;
use domain::assessment::{ProcedureKind, Stage};
use domain::error::AppError;
use domain::indicators::dynamics::Dynamics;
use domain::indicators::elements::codes;
use domain::indicators::pairing::{candidates, Paper};
use domain::indicators::MarkCounts;
use domain::policy::Action;
use domain::wire::report::{Comparison, EarlierChoice};

/// The comparison shown, and every procedure that could be chosen instead.
pub async fn earlier(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    now: &MarkCounts,
) -> Result<(Option<Comparison>, Vec<EarlierChoice>), DbErr> {
    let earlier = procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(p.school_id))
        .filter(procedure::Column::SubjectId.eq(p.subject_id))
        .filter(procedure::Column::Kind.eq(p.kind.clone()))
        .filter(procedure::Column::HeldOn.lt(p.held_on))
        .filter(procedure::Column::CancelledAt.is_null())
        .all(db)
        .await?;
    let mut all = earlier.clone();
    all.push(p.clone());
    let papers = pairing_papers(db, &all).await?;
    let Some(this) = papers.iter().find(|x| x.id == p.id) else {
        return Ok((None, Vec::new()));
    };
    let by_id: BTreeMap<i32, &procedure::Model> = earlier.iter().map(|e| (e.id, e)).collect();
    let mut found = candidates(this, &papers);
    // The deputy's choice goes first, if it still pairs.
    if let Some(pos) = found.iter().position(|(e, _)| Some(e.id) == p.follows_id) {
        let chosen = found.remove(pos);
        found.insert(0, chosen);
    }
    let choices = found
        .iter()
        .filter_map(|(e, how)| {
            let e = by_id.get(&e.id)?;
            Some(EarlierChoice {
                id: e.id,
                name: format!(
                    "{} · {} · {}",
                    e.title,
                    e.held_on.format("%d.%m.%Y"),
                    how.title()
                ),
            })
        })
        .collect();
    for (e, how) in &found {
        let Some(model) = by_id.get(&e.id) else {
            continue;
        };
        let mut counts = MarkCounts::default();
        for class in class_counts(db, e.id).await?.values() {
            counts.merge(class);
        }
        if counts.total() > 0 && now.total() > 0 {
            return Ok((
                Some(Comparison {
                    id: e.id,
                    dynamics: Dynamics::between(&counts, now),
                    title: model.title.clone(),
                    held_on: model.held_on.to_string(),
                    counts,
                    how: how.title().to_string(),
                    chosen: Some(e.id) == p.follows_id,
                }),
                choices,
            ));
        }
    }
    Ok((None, choices))
}

/// What the pairing rules read of each procedure: its year, class letters, codes and labels.
async fn pairing_papers(
    db: &impl ConnectionTrait,
    procedures: &[procedure::Model],
) -> Result<Vec<Paper>, DbErr> {
    let ids: Vec<i32> = procedures.iter().map(|p| p.id).collect();
    let years: BTreeMap<i32, i32> = academic_year::Entity::find()
        .filter(
            academic_year::Column::Id.is_in(
                procedures
                    .iter()
                    .map(|p| p.academic_year_id)
                    .collect::<BTreeSet<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|y| (y.id, chrono::Datelike::year(&y.starts_on)))
        .collect();
    let writes = procedure_class::Entity::find()
        .filter(procedure_class::Column::ProcedureId.is_in(ids.clone()))
        .all(db)
        .await?;
    let letters: BTreeMap<i32, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(writes.iter().map(|w| w.class_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.letter))
        .collect();
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.is_in(ids))
        .all(db)
        .await?;
    Ok(procedures
        .iter()
        .filter_map(|p| {
            let mut mine: Vec<&procedure_task::Model> =
                tasks.iter().filter(|t| t.procedure_id == p.id).collect();
            mine.sort_by_key(|t| t.position);
            Some(Paper {
                id: p.id,
                kind: ProcedureKind::from_code(&p.kind)?,
                stage: p.stage.as_deref().and_then(Stage::from_code),
                subject_id: p.subject_id,
                grade: p.grade,
                year: *years.get(&p.academic_year_id)?,
                held_on: p.held_on.to_string(),
                letters: writes
                    .iter()
                    .filter(|w| w.procedure_id == p.id)
                    .filter_map(|w| letters.get(&w.class_id).cloned())
                    .collect(),
                codes: mine
                    .iter()
                    .flat_map(|t| codes(t.skill_code.as_deref().unwrap_or_default()))
                    .map(str::to_string)
                    .collect(),
                labels: mine.iter().map(|t| t.label.clone()).collect(),
            })
        })
        .collect())
}

/// The deputy picks what a procedure's dynamics compare with (`None`: Mera's proposal). The
/// choice must be one the pairing allows. Audited.
pub async fn follow(procedure_id: i32, follows_id: Option<i32>) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = procedure_for(&req, &who, procedure_id, Action::Edit).await?;
    let db = &req.db;
    if let Some(id) = follows_id {
        let (_, choices) = earlier(db, &p, &MarkCounts::default()).await?;
        if !choices.iter().any(|c| c.id == id) {
            return Err(AppError::invalid(
                "С этой работой сравнивать нельзя: сравнивают ту же серию, тех же учеников или ту же работу прошлых лет.",
            ));
        }
    }
    let old = p.follows_id;
    let mut row = p.into_active_model();
    row.follows_id = Set(follows_id);
    row.update(db).await?;
    audit::changed(
        db,
        audit::Entry {
            entity_id: Some(procedure_id.to_string()),
            old_value: old.map(|id| id.to_string()),
            new_value: follows_id.map(|id| id.to_string()),
            ..req.entry(who.account_id, "follow", "procedure")
        },
    )
    .await?;
    Ok(())
}
