//! The ФИС ОКО report «Ф1 Индивидуальные результаты» loaded back into a ВПР (see
//! `api::fis_oko`): read through the file guard by `domain::fis_oko`, matched by participant code
//! and class ordinal, previewed; on the deputy's word every score not typed yet is written through
//! the same edit path as a tablet's sync (numbered, audited, pulled by the devices), all in one
//! transaction or none. What differs from what was typed is shown and never changed.

pub mod form;

use std::collections::BTreeMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use crate::edits::result::set_score;
use crate::edits::Edit;
use crate::entity::{
    participant_code, procedure, procedure_result, procedure_task, student, task_score,
};
use crate::participant_codes::vpr;
use crate::platform::request::Request;
use crate::platform::upload::{self, Limits};
use crate::sync::clock::Clock;
use crate::sync::Origin;
use domain::error::AppError;
use domain::fis_oko::plan::{plan, Coded, PaperTask, Plan, Typed};
use domain::fis_oko::{read, F1};
use domain::paper::table::file_problem;
use domain::participant_code::ordinals;
use domain::policy::Principal;
use domain::sync::{Outcome, ScoreSet};
use domain::wire::fis_oko::F1Outcome;

/// What a Ф1 file does to the procedure; `write` carries it out.
pub async fn import(
    procedure_id: i32,
    file_name: String,
    data: String,
    write: bool,
) -> Result<F1Outcome, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = vpr(&req, &who, procedure_id).await?;
    let rows = upload::first_sheet(&file_name, &data, &Limits::RESULTS)?;
    let f1 = match read(&rows) {
        Ok(f1) => f1,
        Err(problems) => return refused(problems),
    };
    let coded = codes_of(&req.db, &p).await?;
    apply(&req, &who, &p, &f1, &coded, write, "ФИС ОКО, отчёт Ф1").await
}

/// Sets a file's results (already read, each participant keyed as in `coded`) against the
/// procedure and, with `write`, writes every score not typed yet: all, or none.
pub(crate) async fn apply(
    req: &Request,
    who: &Principal,
    p: &procedure::Model,
    f1: &F1,
    coded: &BTreeMap<String, Coded>,
    write: bool,
    source: &str,
) -> Result<F1Outcome, AppError> {
    let txn = req.db.begin().await?;
    // The clock first: nothing typed on a tablet lands between the plan and its writing.
    let mut clock = Clock::lock(&txn).await?;
    let tasks = tasks_of(&txn, p).await?;
    let typed = typed_of(&txn, p).await?;
    let planned: Plan = match plan(f1, &tasks, coded, &typed) {
        Ok(planned) => planned,
        Err(problems) => return refused(problems),
    };
    let mut outcome = F1Outcome {
        participants: planned.participants,
        fills: planned.fills.len() as u32,
        same: planned.same,
        differences: planned.differences.clone(),
        problems: Vec::new(),
        written: false,
    };
    if !write || planned.fills.is_empty() {
        return Ok(outcome);
    }
    let origin = Origin {
        address: Some(req.address.clone()),
        user_agent: Some(source.into()),
    };
    let device = format!("file:{}", p.id);
    for fill in &planned.fills {
        let mutation = uuid::Uuid::new_v4().to_string();
        let edit = Edit {
            who,
            origin: &origin,
            device_id: &device,
            mutation_id: &mutation,
            base: None,
            approved: true,
            imported: true,
        };
        let set = ScoreSet {
            procedure_id: p.id,
            student_id: fill.student_id,
            task_id: fill.task_id,
            score: Some(fill.score),
        };
        if let Outcome::Rejected(reason) | Outcome::Held(reason) =
            set_score(&txn, &mut clock, &edit, set).await?
        {
            // Nothing of the file is kept when one score cannot be.
            return Err(AppError::invalid(format!("Файл не загружен: {reason}")));
        }
    }
    clock.save(&txn).await?;
    txn.commit().await?;
    outcome.written = true;
    Ok(outcome)
}

/// Rows that cannot be placed come back to be shown; a file that is no Ф1 report at all (or of
/// another paper) is a 400.
pub(crate) fn refused(
    problems: Vec<domain::wire::fis_oko::RowProblem>,
) -> Result<F1Outcome, AppError> {
    match file_problem(&problems) {
        Some(whole) => Err(AppError::invalid(whole)),
        None => Ok(F1Outcome::refused(problems)),
    }
}

/// The procedure's saved tasks in order.
pub(crate) async fn tasks_of(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
) -> Result<Vec<PaperTask>, DbErr> {
    Ok(procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(p.id))
        .order_by_asc(procedure_task::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|t| PaperTask {
            id: t.id,
            label: t.label,
            max_score: t.max_score,
        })
        .collect())
}

/// The procedure's participant codes, each with the pupil's class ordinal: the class she wrote
/// in, or the one she is in now.
pub(crate) async fn codes_of(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
) -> Result<BTreeMap<String, Coded>, DbErr> {
    let grade: Vec<(i32, String)> = crate::school::classes::of_year(db, p.academic_year_id)
        .await?
        .into_iter()
        .filter(|c| c.grade == p.grade)
        .map(|c| (c.id, c.letter))
        .collect();
    let ordinal = ordinals(&grade);
    let codes = participant_code::Entity::find()
        .filter(participant_code::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?;
    let wrote_in: BTreeMap<i32, i32> = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.student_id, r.class_id))
        .collect();
    let class_now: BTreeMap<i32, i32> = student::Entity::find()
        .filter(student::Column::Id.is_in(codes.iter().map(|c| c.student_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.class_id))
        .collect();
    Ok(codes
        .iter()
        .map(|c| {
            let class = wrote_in
                .get(&c.student_id)
                .or(class_now.get(&c.student_id))
                .copied()
                .unwrap_or(0);
            (
                c.code.clone(),
                Coded {
                    student_id: c.student_id,
                    ordinal: ordinal.get(&class).copied().unwrap_or(0),
                },
            )
        })
        .collect())
}

/// What was typed for each pupil of the procedure.
pub(crate) async fn typed_of(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
) -> Result<BTreeMap<i32, Typed>, DbErr> {
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?;
    let mut typed: BTreeMap<i32, Typed> = results
        .iter()
        .map(|r| {
            (
                r.student_id,
                Typed {
                    absent: r.absent,
                    scores: BTreeMap::new(),
                },
            )
        })
        .collect();
    let student_of: BTreeMap<i32, i32> = results.iter().map(|r| (r.id, r.student_id)).collect();
    for chunk in results.chunks(500) {
        for s in task_score::Entity::find()
            .filter(task_score::Column::ResultId.is_in(chunk.iter().map(|r| r.id)))
            .all(db)
            .await?
        {
            if let Some(t) = student_of
                .get(&s.result_id)
                .and_then(|id| typed.get_mut(id))
            {
                t.scores.insert(s.task_id, s.score);
            }
        }
    }
    Ok(typed)
}
