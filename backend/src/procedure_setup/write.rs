//! Writing a procedure with its classes and tasks: the one writer the school's «Новая работа»
//! and the demo share.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::entity::{procedure, procedure_class, procedure_task};
use domain::assessment::{ProcedureKind, Scale, Stage};
use domain::paper::{Paper, Task};

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
    /// The change number devices learn of it by (0: announced to none, as the demo's are).
    pub paper_no: i64,
}

/// The test score table as the procedure row keeps it.
pub fn score_table(paper: &Paper) -> Option<String> {
    (!paper.test_scores.is_empty())
        .then(|| serde_json::to_string(&paper.test_scores).expect("a list of numbers is JSON"))
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
        score_table: Set(score_table(paper)),
        paper_no: Set(meta.paper_no),
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
        let task = task_row(row.id, position, t).insert(db).await?;
        task_ids.push(task.id);
    }
    Ok((row.id, task_ids))
}

/// The row of the paper's task at `index` (from 0); its id is left to the caller.
pub fn task_row(procedure_id: i32, index: usize, t: &Task) -> procedure_task::ActiveModel {
    procedure_task::ActiveModel {
        procedure_id: Set(procedure_id),
        position: Set(index as i16 + 1),
        label: Set(t.label.clone()),
        max_score: Set(t.max_score),
        level: Set(Some(t.level_code().into())),
        skill_code: Set((!t.skill_code.is_empty()).then(|| t.skill_code.clone())),
        topic: Set((!t.topic.is_empty()).then(|| t.topic.clone())),
        ..Default::default()
    }
}

/// The saved papers of these procedures, their tasks in order with their ids.
pub async fn papers(
    db: &impl ConnectionTrait,
    procedures: &[procedure::Model],
) -> Result<BTreeMap<i32, Paper>, DbErr> {
    let mut out: BTreeMap<i32, Paper> = procedures.iter().map(|p| (p.id, empty(p))).collect();
    for ids in procedures.chunks(500) {
        for t in procedure_task::Entity::find()
            .filter(procedure_task::Column::ProcedureId.is_in(ids.iter().map(|p| p.id)))
            .order_by_asc(procedure_task::Column::Position)
            .all(db)
            .await?
        {
            if let Some(paper) = out.get_mut(&t.procedure_id) {
                paper.tasks.push(task(t));
            }
        }
    }
    Ok(out)
}

/// The procedure's scale and score table, with no tasks yet.
pub fn empty(p: &procedure::Model) -> Paper {
    Paper {
        tasks: Vec::new(),
        scale: Scale {
            mark3_from: p.mark3_from,
            mark4_from: p.mark4_from,
            mark5_from: p.mark5_from,
        },
        test_scores: test_scores(p),
    }
}

/// The procedure's primary → test score table; empty where it has none.
pub fn test_scores(p: &procedure::Model) -> Vec<i16> {
    p.score_table
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

pub fn task(t: procedure_task::Model) -> Task {
    Task {
        id: Some(t.id),
        advanced: t.level.as_deref() == Some("advanced"),
        label: t.label,
        max_score: t.max_score,
        topic: t.topic.unwrap_or_default(),
        skill_code: t.skill_code.unwrap_or_default(),
    }
}
