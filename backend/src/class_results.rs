//! The procedures a class's students wrote, with marks derived from task scores and the scale.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{
    class, procedure, procedure_result, procedure_task, student, subject, task_score,
};
use crate::platform::request::Request;
use crate::school::classes::class_ref;
use domain::assessment::{counted_total, ProcedureKind, Scale};
use domain::error::AppError;
use domain::policy::{may, Action, Resource};
use domain::wire::class_results::ProcedureSummary;

pub async fn procedures(class_id: i32) -> Result<Vec<ProcedureSummary>, AppError> {
    let (req, who) = Request::signed_in().await?;
    let db = &req.db;
    let Some(class) = class::Entity::find_by_id(class_id).one(db).await? else {
        return Err(AppError::Forbidden);
    };
    req.authorize(&who, Action::View, Resource::ClassRoster(class_ref(&class)))
        .await?;
    let students: Vec<i32> = student::Entity::find()
        .filter(student::Column::ClassId.eq(class.id))
        .filter(student::Column::LeftOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::StudentId.is_in(students))
        .all(db)
        .await?;
    let mut by_procedure: BTreeMap<i32, Vec<procedure_result::Model>> = BTreeMap::new();
    for r in results {
        by_procedure.entry(r.procedure_id).or_default().push(r);
    }
    let subjects: BTreeMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(class.school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    // Only the subjects this person may see in this class (a teacher: her own).
    let procedures: Vec<procedure::Model> = procedure::Entity::find()
        .filter(procedure::Column::Id.is_in(by_procedure.keys().copied()))
        .filter(procedure::Column::CancelledAt.is_null())
        .order_by_desc(procedure::Column::HeldOn)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| {
            let resource = Resource::ClassSubject {
                class: class_ref(&class),
                subject_id: p.subject_id,
                subject_group_id: subjects.get(&p.subject_id).and_then(|s| s.subject_group_id),
            };
            may(&who, Action::View, resource)
        })
        .collect();
    let written: Vec<i32> = procedures
        .iter()
        .flat_map(|p| {
            by_procedure[&p.id]
                .iter()
                .filter(|r| !r.absent)
                .map(|r| r.id)
        })
        .collect();
    // (tasks scored, sum) per result, and the paper's task count.
    let mut totals: BTreeMap<i32, (usize, i16)> = BTreeMap::new();
    for chunk in written.chunks(5000) {
        for s in task_score::Entity::find()
            .filter(task_score::Column::ResultId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            let t = totals.entry(s.result_id).or_default();
            *t = (t.0 + 1, t.1 + s.score);
        }
    }
    let mut task_count: BTreeMap<i32, usize> = BTreeMap::new();
    for t in procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.is_in(procedures.iter().map(|p| p.id)))
        .all(db)
        .await?
    {
        *task_count.entry(t.procedure_id).or_default() += 1;
    }
    Ok(procedures
        .into_iter()
        .map(|p| {
            let scale = Scale {
                mark3_from: p.mark3_from,
                mark4_from: p.mark4_from,
                mark5_from: p.mark5_from,
            };
            let results = &by_procedure[&p.id];
            let mut marks = [0u32; 4];
            let tasks = task_count.get(&p.id).copied().unwrap_or(0);
            for r in results {
                let (scored, sum) = totals.get(&r.id).copied().unwrap_or_default();
                if let Some(total) = counted_total(r.absent, scored, tasks, sum) {
                    marks[(scale.mark(total) - 2) as usize] += 1;
                }
            }
            ProcedureSummary {
                kind: ProcedureKind::from_code(&p.kind)
                    .map(|k| k.title().to_string())
                    .unwrap_or(p.kind.clone()),
                held_on: p.held_on.to_string(),
                subject: subjects
                    .get(&p.subject_id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                listed: results.len() as u32,
                absent: results.iter().filter(|r| r.absent).count() as u32,
                marks,
                source: p.source,
                title: p.title,
            }
        })
        .collect())
}
