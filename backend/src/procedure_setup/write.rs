//! Writing a procedure with its classes and tasks: the one writer the school's «Новая работа»
//! and the demo share.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use crate::entity::{procedure, procedure_class, procedure_task};
use domain::assessment::{ProcedureKind, Stage};
use domain::paper::Paper;

/// Everything about a procedure but its paper.
pub struct Meta {
    pub school_id: i32,
    pub academic_year_id: i32,
    pub subject_id: i32,
    pub kind: ProcedureKind,
    pub stage: Option<Stage>,
    pub title: String,
    pub grade: i16,
    pub held_on: NaiveDate,
    pub source: Option<String>,
}

/// Writes the procedure, the classes that write it and its tasks in order. Returns the
/// procedure's id and its tasks' ids.
pub async fn insert(
    db: &impl ConnectionTrait,
    meta: &Meta,
    paper: &Paper,
    mut classes: Vec<i32>,
) -> Result<(i32, Vec<i32>), DbErr> {
    let row = procedure::ActiveModel {
        school_id: Set(meta.school_id),
        academic_year_id: Set(meta.academic_year_id),
        subject_id: Set(meta.subject_id),
        kind: Set(meta.kind.code().into()),
        stage: Set(meta.stage.map(|s| s.code().into())),
        title: Set(meta.title.clone()),
        grade: Set(meta.grade),
        held_on: Set(meta.held_on),
        mark3_from: Set(paper.scale.mark3_from),
        mark4_from: Set(paper.scale.mark4_from),
        mark5_from: Set(paper.scale.mark5_from),
        source: Set(meta.source.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    classes.sort_unstable();
    classes.dedup();
    procedure_class::Entity::insert_many(classes.into_iter().map(|class_id| {
        procedure_class::ActiveModel {
            procedure_id: Set(row.id),
            class_id: Set(class_id),
        }
    }))
    .exec(db)
    .await?;
    let mut task_ids = Vec::new();
    for (position, t) in paper.tasks.iter().enumerate() {
        let task = procedure_task::ActiveModel {
            procedure_id: Set(row.id),
            position: Set(position as i16 + 1),
            label: Set(t.label.clone()),
            max_score: Set(t.max_score),
            level: Set(Some(t.level_code().into())),
            skill_code: Set((!t.skill_code.is_empty()).then(|| t.skill_code.clone())),
            topic: Set((!t.topic.is_empty()).then(|| t.topic.clone())),
            ..Default::default()
        }
        .insert(db)
        .await?;
        task_ids.push(task.id);
    }
    Ok((row.id, task_ids))
}
