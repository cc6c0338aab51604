//! The analytical report of a procedure: its figures computed from the results each time, the
//! conclusions and decisions as the deputy typed them.

pub mod analysis;
pub mod pairing;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, TransactionTrait,
};

use crate::entity::{analytical_report, measure, plan, procedure, report_decision, subject};
use crate::platform::audit;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{may, Action, Principal, Resource};
use domain::wire::report::{AnalyticalReport, ReportDraft};

const MAX_CONCLUSIONS: usize = 20_000;
const MAX_DECISIONS: usize = 50;
const MAX_DECISION: usize = 1_000;

/// What a procedure's results are to the policy: its school, grade level and subject's МО.
pub async fn resource_of(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
) -> Result<Resource, DbErr> {
    let group = subject::Entity::find_by_id(p.subject_id)
        .one(db)
        .await?
        .and_then(|s| s.subject_group_id);
    Ok(Resource::ProcedureResults {
        school_id: p.school_id,
        grade: p.grade,
        subject_group_id: group,
    })
}

/// The procedures of a school whose reports this person may read.
pub async fn readable(
    db: &impl ConnectionTrait,
    who: &Principal,
    school_id: i32,
) -> Result<BTreeSet<i32>, DbErr> {
    let groups: BTreeMap<i32, Option<i32>> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.subject_group_id))
        .collect();
    Ok(procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(school_id))
        .filter(procedure::Column::CancelledAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|p| {
            let resource = Resource::ProcedureResults {
                school_id,
                grade: p.grade,
                subject_group_id: groups.get(&p.subject_id).copied().flatten(),
            };
            may(who, Action::View, resource)
        })
        .map(|p| p.id)
        .collect())
}

/// The procedure, if the person may read its report (`Edit`: write it). Unknown and forbidden
/// answer alike.
async fn procedure_for(
    req: &Request,
    who: &Principal,
    procedure_id: i32,
    action: Action,
) -> Result<procedure::Model, AppError> {
    let p = procedure::Entity::find_by_id(procedure_id)
        .one(&req.db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let resource = resource_of(&req.db, &p).await?;
    req.authorize(who, action, resource).await?;
    Ok(p)
}

pub async fn load(procedure_id: i32) -> Result<AnalyticalReport, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = procedure_for(&req, &who, procedure_id, Action::View).await?;
    view::build(&req.db, &who, p).await
}

pub async fn save(draft: ReportDraft) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = procedure_for(&req, &who, draft.procedure_id, Action::Edit).await?;
    let conclusions = draft.conclusions.trim().to_string();
    if conclusions.chars().count() > MAX_CONCLUSIONS {
        return Err(AppError::invalid(format!(
            "Выводы длиннее {MAX_CONCLUSIONS} знаков: сократите их."
        )));
    }
    let lines: Vec<(Option<i32>, String)> = draft
        .decisions
        .into_iter()
        .map(|(id, text)| (id, text.trim().to_string()))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    if lines.len() > MAX_DECISIONS {
        return Err(AppError::invalid(format!(
            "Не больше {MAX_DECISIONS} управленческих решений в одной справке."
        )));
    }
    if let Some((n, _)) = lines
        .iter()
        .enumerate()
        .find(|(_, (_, t))| t.chars().count() > MAX_DECISION)
    {
        return Err(AppError::invalid(format!(
            "Решение № {} длиннее {MAX_DECISION} знаков.",
            n + 1
        )));
    }
    let txn = req.db.begin().await?;
    let report = match analytical_report::Entity::find()
        .filter(analytical_report::Column::ProcedureId.eq(p.id))
        .one(&txn)
        .await?
    {
        Some(r) => {
            let mut r = r.into_active_model();
            r.conclusions = Set(conclusions.clone());
            r.updated_by = Set(Some(who.account_id));
            r.updated_at = Set(Utc::now());
            r.update(&txn).await?
        }
        None => {
            analytical_report::ActiveModel {
                procedure_id: Set(p.id),
                conclusions: Set(conclusions.clone()),
                updated_by: Set(Some(who.account_id)),
                updated_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let existing: BTreeMap<i32, report_decision::Model> = report_decision::Entity::find()
        .filter(report_decision::Column::ReportId.eq(report.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let kept: Vec<i32> = lines.iter().filter_map(|(id, _)| *id).collect();
    if kept.iter().any(|id| !existing.contains_key(id)) {
        return Err(AppError::invalid(
            "Справку изменили в другом окне: обновите страницу.",
        ));
    }
    report_decision::Entity::delete_many()
        .filter(report_decision::Column::ReportId.eq(report.id))
        .filter(report_decision::Column::Id.is_not_in(kept))
        .exec(&txn)
        .await?;
    for (position, (id, text)) in lines.iter().enumerate() {
        match id {
            Some(id) => {
                let mut d = existing[id].clone().into_active_model();
                d.position = Set(position as i16);
                d.text = Set(text.clone());
                d.update(&txn).await?;
            }
            None => {
                report_decision::ActiveModel {
                    report_id: Set(report.id),
                    position: Set(position as i16),
                    text: Set(text.clone()),
                    measure_id: Set(None),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(report.id.to_string()),
            new_value: Some(format!(
                "выводы: {} знаков; решений: {}",
                conclusions.chars().count(),
                lines.len()
            )),
            ..req.entry(who.account_id, "edit", "analytical_report")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records that a decision became a plan measure of the same school.
pub async fn link(decision_id: i32, measure_id: i32) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let db = &req.db;
    let decision = report_decision::Entity::find_by_id(decision_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let report = analytical_report::Entity::find_by_id(decision.report_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let p = procedure_for(&req, &who, report.procedure_id, Action::Edit).await?;
    let m = measure::Entity::find_by_id(measure_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let in_school = plan::Entity::find_by_id(m.plan_id)
        .one(db)
        .await?
        .is_some_and(|pl| pl.school_id == p.school_id);
    if !in_school {
        return Err(AppError::Forbidden);
    }
    let txn = db.begin().await?;
    let mut d = decision.into_active_model();
    d.measure_id = Set(Some(m.id));
    d.update(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(decision_id.to_string()),
            new_value: Some(format!("мероприятие плана: {}", m.title)),
            ..req.entry(who.account_id, "link", "report_decision")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
