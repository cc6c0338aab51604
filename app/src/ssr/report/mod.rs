//! The analytical report of a procedure: its figures computed from the results each time, the
//! conclusions and decisions as the deputy typed them.

pub mod analysis;

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use super::audit;
use super::dashboard::objectivity;
use super::entity::{
    analytical_report, class, measure, plan, procedure, procedure_class, procedure_result,
    report_decision, student, subject,
};
use super::request::Request;
use crate::assessment::ProcedureKind;
use crate::error::AppError;
use crate::functions::report::{AnalyticalReport, ClassCounts, DecisionLine, ReportDraft};
use crate::indicators::MarkCounts;
use crate::policy::{may, Action, Principal, Resource};

const MAX_CONCLUSIONS: usize = 20_000;
const MAX_DECISIONS: usize = 50;
const MAX_DECISION: usize = 1_000;

/// The procedure, if the person may read its school's results (`Edit`: write its report).
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
    req.authorize(
        who,
        action,
        Resource::SchoolResults {
            school_id: p.school_id,
        },
    )
    .await?;
    Ok(p)
}

pub async fn load(procedure_id: i32) -> Result<AnalyticalReport, AppError> {
    let req = Request::current()?;
    let who = req.principal().await?;
    let p = procedure_for(&req, &who, procedure_id, Action::View).await?;
    let db = &req.db;
    let class_ids: Vec<i32> = procedure_class::Entity::find()
        .filter(procedure_class::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.class_id)
        .collect();
    let classes: BTreeMap<i32, class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .order_by_asc(class::Column::Letter)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?;
    let per_class = analysis::class_counts(db, p.id).await?;
    let mut school = MarkCounts::default();
    for c in per_class.values() {
        school.merge(c);
    }
    let by_class = per_class
        .iter()
        .map(|(id, counts)| ClassCounts {
            name: classes.get(id).map(class::Model::name).unwrap_or_default(),
            counts: *counts,
        })
        .collect();
    let (low, high) = analysis::groups(db, p.id).await?;
    let names_allowed = may(
        &who,
        Action::View,
        Resource::SchoolStudents {
            school_id: p.school_id,
        },
    );
    let names = |ids: &[i32]| {
        let ids = ids.to_vec();
        async move {
            if !names_allowed {
                return Ok::<_, AppError>(Vec::new());
            }
            let mut found: Vec<String> = student::Entity::find()
                .filter(student::Column::Id.is_in(ids))
                .all(db)
                .await?
                .iter()
                .map(student::Model::full_name)
                .collect();
            found.sort();
            Ok(found)
        }
    };
    let thresholds = objectivity::thresholds(db, p.school_id).await?;
    let objectivity = objectivity::report(db, p.school_id, &thresholds)
        .await?
        .into_iter()
        .find(|o| o.procedure_id == p.id);
    let pairs = analysis::against_journal(db, &p).await?;
    let gaps = crate::indicators::objectivity::wide_gaps(&pairs);
    let mut gap_names = Vec::new();
    if names_allowed {
        let marks: BTreeMap<i32, (i16, i16)> =
            pairs.iter().map(|(s, m, j)| (*s, (*m, *j))).collect();
        for s in student::Entity::find()
            .filter(student::Column::Id.is_in(gaps.clone()))
            .all(db)
            .await?
        {
            let (mark, journal) = marks[&s.id];
            gap_names.push(format!(
                "{}: «{mark}», в журнале «{journal}»",
                s.full_name()
            ));
        }
        gap_names.sort();
    }
    let peaks = crate::indicators::objectivity::boundary_peaks(
        &analysis::totals(db, p.id).await?,
        [p.mark3_from, p.mark4_from, p.mark5_from],
        &thresholds,
    );
    let stored = analytical_report::Entity::find()
        .filter(analytical_report::Column::ProcedureId.eq(p.id))
        .one(db)
        .await?;
    let decisions = match &stored {
        Some(r) => decisions(db, r.id).await?,
        None => Vec::new(),
    };
    Ok(AnalyticalReport {
        procedure_id: p.id,
        kind: ProcedureKind::from_code(&p.kind)
            .map(|k| k.title().to_string())
            .unwrap_or_else(|| p.kind.clone()),
        subject: subject::Entity::find_by_id(p.subject_id)
            .one(db)
            .await?
            .map(|s| s.name)
            .unwrap_or_default(),
        grade: p.grade,
        held_on: p.held_on.to_string(),
        classes: classes.values().map(class::Model::name).collect(),
        listed: results.len() as u32,
        absent: results.iter().filter(|r| r.absent).count() as u32,
        tasks: analysis::task_rates(db, p.id).await?,
        earlier: analysis::earlier(db, &p, &school).await?,
        low: names(&low).await?,
        high: names(&high).await?,
        low_count: low.len() as u32,
        high_count: high.len() as u32,
        school,
        by_class,
        objectivity,
        wide_gap_count: gaps.len() as u32,
        wide_gaps: gap_names,
        peaks,
        conclusions: stored.map(|r| r.conclusions).unwrap_or_default(),
        decisions,
        may_edit: may(
            &who,
            Action::Edit,
            Resource::SchoolResults {
                school_id: p.school_id,
            },
        ),
        source: p.source,
        title: p.title,
    })
}

async fn decisions(
    db: &impl ConnectionTrait,
    report_id: i32,
) -> Result<Vec<DecisionLine>, AppError> {
    let rows = report_decision::Entity::find()
        .filter(report_decision::Column::ReportId.eq(report_id))
        .order_by_asc(report_decision::Column::Position)
        .all(db)
        .await?;
    let measures: BTreeMap<i32, measure::Model> = measure::Entity::find()
        .filter(measure::Column::Id.is_in(rows.iter().filter_map(|r| r.measure_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| DecisionLine {
            id: r.id,
            measure: r
                .measure_id
                .and_then(|id| measures.get(&id))
                .map(|m| (m.plan_id, m.title.clone())),
            text: r.text,
        })
        .collect())
}

pub async fn save(draft: ReportDraft) -> Result<(), AppError> {
    let req = Request::current()?;
    let who = req.principal().await?;
    let p = procedure_for(&req, &who, draft.procedure_id, Action::Edit).await?;
    let conclusions = draft.conclusions.trim().to_string();
    if conclusions.chars().count() > MAX_CONCLUSIONS {
        return Err(AppError::Invalid(format!(
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
        return Err(AppError::Invalid(format!(
            "Не больше {MAX_DECISIONS} управленческих решений в одной справке."
        )));
    }
    if let Some((n, _)) = lines
        .iter()
        .enumerate()
        .find(|(_, (_, t))| t.chars().count() > MAX_DECISION)
    {
        return Err(AppError::Invalid(format!(
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
        return Err(AppError::Invalid(
            "Справку изменили в другом окне: обновите страницу.".into(),
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
    let req = Request::current()?;
    let who = req.principal().await?;
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
