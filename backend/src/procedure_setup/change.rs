//! «Изменить работу»: a procedure's date, stage, title and paper changed after it was made, and
//! «Отменить»: deleted while it has no results, cancelled once it has. A paper change that touches
//! results is previewed first (`domain::paper::change`) and written only when confirmed; it takes
//! the change clock like a sync push, so it is ordered with every edit, numbers the procedure's
//! `paper_no` for devices to pull, and logs the results whose scores it removed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set, TransactionTrait,
};

use super::{date, papers, resource, stage_fits, title, write};
use crate::entity::{
    change_log, class, procedure, procedure_result, procedure_task, result_cell, student, subject,
    task_score,
};
use crate::platform::audit;
use crate::platform::request::Request;
use crate::sync::clock::Clock;
use domain::assessment::ProcedureKind;
use domain::error::AppError;
use domain::paper::change::{impact, Impact, SavedResult, SavedTask};
use domain::paper::Paper;
use domain::policy::{Action, Principal};
use domain::wire::procedure_setup::{
    school_own, CancelOutcome, ChangeOutcome, MarkMove, PaperChange, ProcedureEdit,
};

/// A procedure the asker may change, with its classes and subject.
struct Opened {
    req: Request,
    who: Principal,
    procedure: procedure::Model,
    classes: Vec<class::Model>,
    subject: subject::Model,
}

async fn opened(id: i32) -> Result<Opened, AppError> {
    let (req, who) = Request::signed_in().await?;
    let school_id = who.school_id().ok_or(AppError::Forbidden)?;
    let db = &req.db;
    let procedure = procedure::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.school_id == school_id && p.cancelled_at.is_none())
        .ok_or_else(|| AppError::invalid("Такой работы нет или она отменена."))?;
    let class_ids: Vec<i32> = crate::school::classes::writing(db, id).await?;
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .all(db)
        .await?;
    let subject = subject::Entity::find_by_id(procedure.subject_id)
        .one(db)
        .await?
        .ok_or(AppError::Server)?;
    let kind = ProcedureKind::from_code(&procedure.kind).ok_or(AppError::Server)?;
    for c in &classes {
        req.authorize(&who, Action::Edit, resource(c, &subject, school_own(kind)))
            .await?;
    }
    Ok(Opened {
        req,
        who,
        procedure,
        classes,
        subject,
    })
}

pub async fn open(id: i32) -> Result<ProcedureEdit, AppError> {
    let o = opened(id).await?;
    let db = &o.req.db;
    let paper = papers(db, std::slice::from_ref(&o.procedure))
        .await?
        .remove(&id)
        .ok_or(AppError::Server)?;
    let results = results(db, id).await?.len() as u32;
    let p = o.procedure;
    let mut classes: Vec<&class::Model> = o.classes.iter().collect();
    classes.sort_by_key(|c| (c.grade, c.letter.clone()));
    Ok(ProcedureEdit {
        id,
        kind: ProcedureKind::from_code(&p.kind).ok_or(AppError::Server)?,
        stage: p
            .stage
            .as_deref()
            .and_then(domain::assessment::Stage::from_code),
        subject: o.subject.name,
        grade: p.grade,
        classes: classes.into_iter().map(class::Model::name).collect(),
        held_on: p.held_on.to_string(),
        title: p.title,
        paper,
        results,
        source: p.source,
    })
}

pub async fn change(change: PaperChange) -> Result<ChangeOutcome, AppError> {
    let o = opened(change.procedure_id).await?;
    let kind = ProcedureKind::from_code(&o.procedure.kind).ok_or(AppError::Server)?;
    let paper = change.paper.tidied();
    let problems = paper.problems();
    if !problems.is_empty() {
        return Err(AppError::invalid(problems.join(" ")));
    }
    let held_on = date(&change.held_on)?;
    stage_fits(kind, change.stage)?;
    let title = match title(&change.title)? {
        t if t.is_empty() => o.procedure.title.clone(),
        t => t,
    };
    let db = &o.req.db;
    let saved = papers(db, std::slice::from_ref(&o.procedure))
        .await?
        .remove(&o.procedure.id)
        .ok_or(AppError::Server)?;
    let paper_changed = saved != paper;
    let results = results(db, o.procedure.id).await?;
    if paper_changed && !results.is_empty() {
        let effect = impact(&saved_tasks(&saved), saved.scale, &paper, &results);
        if !effect.problems.is_empty() {
            return Err(AppError::invalid(effect.problems.join(" ")));
        }
        if !change.confirm {
            return Ok(ChangeOutcome::Confirm {
                summary: effect.summary(),
                moves: moves(db, &o, &effect).await?,
            });
        }
    }
    let before = describe(&o.procedure.title, &saved);
    let after = describe(&title, &paper);
    let txn = db.begin().await?;
    // Ordered with every sync push: a push after this sees the new tasks, one before it was
    // applied against the old ones.
    let mut clock = Clock::lock(&txn).await?;
    let mut row = o.procedure.clone().into_active_model();
    row.title = Set(title);
    row.held_on = Set(held_on);
    row.stage = Set(change.stage.map(|s| s.code().into()));
    if paper_changed {
        let touched = write_tasks(&txn, o.procedure.id, &saved, &paper).await?;
        let no = clock.next();
        row.paper_no = Set(no);
        row.mark3_from = Set(paper.scale.mark3_from);
        row.mark4_from = Set(paper.scale.mark4_from);
        row.mark5_from = Set(paper.scale.mark5_from);
        row.score_table = Set(write::score_table(&paper));
        log_results(&txn, &mut clock, &o.procedure, touched).await?;
    }
    row.update(&txn).await?;
    clock.save(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(o.procedure.id.to_string()),
            old_value: Some(before),
            new_value: Some(after),
            ..o.req.entry(o.who.account_id, "change", "procedure")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ChangeOutcome::Saved)
}

/// Deletes a procedure with no results; cancels one with results (they stay, out of the lists
/// and figures). Either way the devices learn it at their next pull.
pub async fn cancel(id: i32) -> Result<CancelOutcome, AppError> {
    let o = opened(id).await?;
    let db = &o.req.db;
    let txn = db.begin().await?;
    let mut clock = Clock::lock(&txn).await?;
    let has_results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(id))
        .one(&txn)
        .await?
        .is_some();
    let outcome = if has_results {
        let mut row = o.procedure.clone().into_active_model();
        row.cancelled_at = Set(Some(Utc::now()));
        row.paper_no = Set(clock.next());
        row.update(&txn).await?;
        CancelOutcome::Cancelled
    } else {
        procedure::Entity::delete_by_id(id).exec(&txn).await?;
        CancelOutcome::Deleted
    };
    clock.save(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(id.to_string()),
            old_value: Some(o.procedure.title.clone()),
            ..o.req.entry(
                o.who.account_id,
                match outcome {
                    CancelOutcome::Deleted => "delete",
                    CancelOutcome::Cancelled => "cancel",
                },
                "procedure",
            )
        },
    )
    .await?;
    txn.commit().await?;
    Ok(outcome)
}

/// Every saved result of the procedure with its scores per task.
async fn results(db: &impl ConnectionTrait, id: i32) -> Result<Vec<SavedResult>, DbErr> {
    let rows = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(id))
        .all(db)
        .await?;
    let mut scores: BTreeMap<i32, BTreeMap<i32, i16>> = BTreeMap::new();
    for chunk in rows.chunks(500) {
        for s in task_score::Entity::find()
            .filter(task_score::Column::ResultId.is_in(chunk.iter().map(|r| r.id)))
            .all(db)
            .await?
        {
            scores
                .entry(s.result_id)
                .or_default()
                .insert(s.task_id, s.score);
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| SavedResult {
            student_id: r.student_id,
            absent: r.absent,
            scores: scores.remove(&r.id).unwrap_or_default(),
        })
        .collect())
}

fn saved_tasks(paper: &Paper) -> Vec<SavedTask> {
    paper
        .tasks
        .iter()
        .filter_map(|t| {
            t.id.map(|id| SavedTask {
                id,
                label: t.label.clone(),
                max_score: t.max_score,
            })
        })
        .collect()
}

/// The students the preview names, «Иванова Мария, 5А: 4 → 3», by class and name.
async fn moves(
    db: &impl ConnectionTrait,
    o: &Opened,
    effect: &Impact,
) -> Result<Vec<MarkMove>, DbErr> {
    let ids: BTreeSet<i32> = effect.marks.iter().map(|m| m.student_id).collect();
    let students: BTreeMap<i32, student::Model> = student::Entity::find()
        .filter(student::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let classes: BTreeMap<i32, String> = o.classes.iter().map(|c| (c.id, c.name())).collect();
    let shown = |m: Option<i16>| m.map_or("—".to_string(), |m| m.to_string());
    let mut out: Vec<MarkMove> = effect
        .marks
        .iter()
        .map(|m| {
            let s = students.get(&m.student_id);
            MarkMove {
                student: s.map(student::Model::full_name).unwrap_or_default(),
                class: s
                    .and_then(|s| classes.get(&s.class_id))
                    .cloned()
                    .unwrap_or_default(),
                before: shown(m.before),
                after: shown(m.after),
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.class, &a.student).cmp(&(&b.class, &b.student)));
    Ok(out)
}

/// The paper as the audit log keeps it: «Название; задания 1(1) 2(2) 3(1) П; шкала 2/3/4».
fn describe(title: &str, paper: &Paper) -> String {
    let tasks: Vec<String> = paper
        .tasks
        .iter()
        .map(|t| {
            let level = if t.advanced { " П" } else { "" };
            format!("{}({}){level}", t.label, t.max_score)
        })
        .collect();
    let s = paper.scale;
    format!(
        "{title}; задания {}; шкала {}/{}/{}",
        tasks.join(" "),
        s.mark3_from,
        s.mark4_from,
        s.mark5_from
    )
}

/// Writes the new task list over the saved one: kept tasks updated in place, new ones added,
/// removed ones deleted with their scores and cells. Returns the results whose scores went.
async fn write_tasks(
    txn: &impl ConnectionTrait,
    procedure_id: i32,
    saved: &Paper,
    paper: &Paper,
) -> Result<BTreeSet<i32>, DbErr> {
    let kept: BTreeSet<i32> = paper.tasks.iter().filter_map(|t| t.id).collect();
    let removed: Vec<i32> = saved
        .tasks
        .iter()
        .filter_map(|t| t.id)
        .filter(|id| !kept.contains(id))
        .collect();
    let mut touched = BTreeSet::new();
    if !removed.is_empty() {
        touched.extend(
            task_score::Entity::find()
                .filter(task_score::Column::TaskId.is_in(removed.clone()))
                .all(txn)
                .await?
                .into_iter()
                .map(|s| s.result_id),
        );
        task_score::Entity::delete_many()
            .filter(task_score::Column::TaskId.is_in(removed.clone()))
            .exec(txn)
            .await?;
        result_cell::Entity::delete_many()
            .filter(result_cell::Column::TaskId.is_in(removed.clone()))
            .filter(
                result_cell::Column::ResultId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(procedure_result::Column::Id)
                        .from(procedure_result::Entity)
                        .and_where(procedure_result::Column::ProcedureId.eq(procedure_id))
                        .to_owned(),
                ),
            )
            .exec(txn)
            .await?;
        procedure_task::Entity::delete_many()
            .filter(procedure_task::Column::Id.is_in(removed))
            .exec(txn)
            .await?;
    }
    for (i, t) in paper.tasks.iter().enumerate() {
        let row = write::task_row(procedure_id, i, t);
        match t.id {
            Some(id) => {
                procedure_task::ActiveModel { id: Set(id), ..row }
                    .update(txn)
                    .await?;
            }
            None => {
                row.insert(txn).await?;
            }
        }
    }
    Ok(touched)
}

/// A change-log row for each result whose scores the change removed: devices pull them again.
async fn log_results(
    txn: &impl ConnectionTrait,
    clock: &mut Clock,
    procedure: &procedure::Model,
    touched: BTreeSet<i32>,
) -> Result<(), DbErr> {
    let now = Utc::now();
    for chunk in touched.into_iter().collect::<Vec<_>>().chunks(500) {
        let rows = procedure_result::Entity::find()
            .filter(procedure_result::Column::Id.is_in(chunk.to_vec()))
            .all(txn)
            .await?;
        let log: Vec<change_log::ActiveModel> = rows
            .into_iter()
            .map(|r| change_log::ActiveModel {
                no: Set(clock.next()),
                at: Set(now),
                school_id: Set(procedure.school_id),
                class_id: Set(r.class_id),
                subject_id: Set(procedure.subject_id),
                procedure_id: Set(procedure.id),
                result_id: Set(r.id),
                mutation_id: Set(None),
            })
            .collect();
        if !log.is_empty() {
            change_log::Entity::insert_many(log).exec(txn).await?;
        }
    }
    Ok(())
}
