//! Applying one cell of a results grid: checks (the procedure, the student's class, the user's
//! right, the score's range), the edit window, then the write with its history, change-log row
//! and audit row. The later sync wins; a value overwritten by someone who had not seen it is kept
//! as a conflict until resolved.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};

use super::{entry, rejected, Edit};
use crate::entity::{
    cell_history, change_log, class, procedure, procedure_result, result_cell, task_score,
};
use crate::platform::audit;
use crate::platform::people;
use crate::school::classes::class_ref;
use crate::sync::clock::Clock;
use crate::sync::lookups::Lookups;
use domain::policy::{may, Action, Resource};
use domain::sync::result_edit::{absence_text, score_text};
use domain::sync::{AbsenceSet, Conflict, Outcome, ScoreSet};

pub use domain::sync::result_edit::ABSENCE_CELL;

pub async fn set_score(
    txn: &impl ConnectionTrait,
    clock: &mut Clock,
    edit: &Edit<'_>,
    set: ScoreSet,
) -> Result<Outcome, DbErr> {
    let target = match Target::check(
        txn,
        &mut clock.lookups,
        edit,
        set.procedure_id,
        set.student_id,
    )
    .await?
    {
        Ok(target) => target,
        Err(outcome) => return Ok(outcome),
    };
    let task = clock
        .lookups
        .task(txn, set.task_id)
        .await?
        .filter(|t| t.procedure_id == set.procedure_id);
    let Some(task) = task else {
        return Ok(rejected(
            "Этого задания в работе больше нет (структура работы изменена): балл не сохранён.",
        ));
    };
    if let Some(score) = set.score {
        if !(0..=task.max_score).contains(&score) {
            return Ok(rejected(&format!(
                "Балл за задание {} должен быть от 0 до {}.",
                task.label, task.max_score
            )));
        }
    }
    if let Some(held) = target.held(edit) {
        return Ok(held);
    }
    let result = target.result(txn, edit).await?;
    let current = task_score::Entity::find_by_id((result.id, task.id))
        .one(txn)
        .await?
        .map(|s| s.score);
    if current == set.score {
        return Ok(Outcome::Applied(None));
    }
    let cell = Cell {
        result_id: result.id,
        task_id: task.id,
        old: score_text(current),
        new: score_text(set.score),
    };
    let conflict = cell
        .overwrite(txn, clock, edit, &target, current.is_some())
        .await?;
    match (current, set.score) {
        (_, None) => {
            task_score::Entity::delete_by_id((result.id, task.id))
                .exec(txn)
                .await?;
        }
        (None, Some(score)) => {
            task_score::ActiveModel {
                result_id: Set(result.id),
                task_id: Set(task.id),
                score: Set(score),
            }
            .insert(txn)
            .await?;
        }
        (Some(_), Some(score)) => {
            task_score::ActiveModel {
                result_id: Set(result.id),
                task_id: Set(task.id),
                score: Set(score),
            }
            .update(txn)
            .await?;
        }
    }
    touch(txn, result, edit, None).await?;
    Ok(Outcome::Applied(conflict))
}

pub async fn set_absence(
    txn: &impl ConnectionTrait,
    clock: &mut Clock,
    edit: &Edit<'_>,
    set: AbsenceSet,
) -> Result<Outcome, DbErr> {
    let target = match Target::check(
        txn,
        &mut clock.lookups,
        edit,
        set.procedure_id,
        set.student_id,
    )
    .await?
    {
        Ok(target) => target,
        Err(outcome) => return Ok(outcome),
    };
    if let Some(held) = target.held(edit) {
        return Ok(held);
    }
    let result = target.result(txn, edit).await?;
    if result.absent == set.absent {
        return Ok(Outcome::Applied(None));
    }
    let cell = Cell {
        result_id: result.id,
        task_id: ABSENCE_CELL,
        old: absence_text(result.absent),
        new: absence_text(set.absent),
    };
    let conflict = cell.overwrite(txn, clock, edit, &target, true).await?;
    touch(txn, result, edit, Some(set.absent)).await?;
    Ok(Outcome::Applied(conflict))
}

/// A result that the edit may touch: the procedure, the student and the class they wrote in.
struct Target {
    procedure: procedure::Model,
    student_id: i32,
    class: class::Model,
    existing: Option<procedure_result::Model>,
}

impl Target {
    async fn check(
        txn: &impl ConnectionTrait,
        lookups: &mut Lookups,
        edit: &Edit<'_>,
        procedure_id: i32,
        student_id: i32,
    ) -> Result<Result<Target, Outcome>, DbErr> {
        let Some(procedure) = lookups.procedure(txn, procedure_id).await? else {
            return Ok(Err(rejected("Этой работы больше нет на сервере.")));
        };
        if procedure.cancelled_at.is_some() {
            return Ok(Err(rejected(
                "Работа отменена: результаты по ней больше не принимаются.",
            )));
        }
        let Some(student) = lookups.student(txn, student_id).await? else {
            return Ok(Err(rejected("Этого ученика больше нет на сервере.")));
        };
        let existing = procedure_result::Entity::find()
            .filter(procedure_result::Column::ProcedureId.eq(procedure_id))
            .filter(procedure_result::Column::StudentId.eq(student_id))
            .one(txn)
            .await?;
        // A result stays with the class the student wrote in, even after a move.
        let class_id = match &existing {
            Some(result) => result.class_id,
            None if student.left_on.is_some() => {
                return Ok(Err(rejected("Ученик выбыл из школы.")));
            }
            None => student.class_id,
        };
        let wrote_here = lookups.writes(txn, procedure_id, class_id).await?;
        let Some(class) = lookups.class(txn, class_id).await? else {
            return Ok(Err(rejected("Этого класса больше нет на сервере.")));
        };
        if !wrote_here {
            return Ok(Err(rejected(&format!(
                "Класс {} не пишет эту работу.",
                class.name()
            ))));
        }
        let group = lookups.group(txn, procedure.subject_id).await?;
        let resource = Resource::ClassSubject {
            class: class_ref(&class),
            subject_id: procedure.subject_id,
            subject_group_id: group,
        };
        if !edit.imported && !may(edit.who, Action::Edit, resource) {
            audit::denied(txn, entry(edit, "result", Some(format!("{resource:?}")))).await?;
            return Ok(Err(rejected(&format!(
                "У вас нет права вносить результаты {} по этому предмету.",
                class.name()
            ))));
        }
        Ok(Ok(Target {
            procedure,
            student_id,
            class,
            existing,
        }))
    }

    /// A closed procedure keeps late edits for the deputy instead of applying them.
    fn held(&self, edit: &Edit<'_>) -> Option<Outcome> {
        if edit.approved {
            return None;
        }
        let closed = self.procedure.closed_at?;
        Some(Outcome::Held(format!(
            "Работа закрыта для изменений {}: изменение ждёт решения заместителя директора.",
            closed.format("%d.%m.%Y")
        )))
    }

    async fn result(
        &self,
        txn: &impl ConnectionTrait,
        edit: &Edit<'_>,
    ) -> Result<procedure_result::Model, DbErr> {
        if let Some(result) = &self.existing {
            return Ok(result.clone());
        }
        procedure_result::ActiveModel {
            procedure_id: Set(self.procedure.id),
            student_id: Set(self.student_id),
            class_id: Set(self.class.id),
            absent: Set(false),
            updated_by: Set(Some(edit.who.account_id)),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await
    }
}

/// One cell about to change from `old` to `new` (as the grid shows them).
struct Cell {
    result_id: i32,
    task_id: i32,
    old: String,
    new: String,
}

impl Cell {
    /// Numbers the change; keeps the overwritten value in the history (a conflict when its
    /// author's write was not seen by this edit's author); writes the change log and the audit.
    async fn overwrite(
        &self,
        txn: &impl ConnectionTrait,
        clock: &mut Clock,
        edit: &Edit<'_>,
        target: &Target,
        had_value: bool,
    ) -> Result<Option<Conflict>, DbErr> {
        let last = result_cell::Entity::find_by_id((self.result_id, self.task_id))
            .one(txn)
            .await?;
        let no = clock.next();
        let now = Utc::now();
        let mut conflict = None;
        if let Some(last) = &last {
            let unseen = last.version > edit.base.unwrap_or(0);
            let other_device = last.device_id.as_deref() != Some(edit.device_id);
            let is_conflict = unseen && other_device;
            if is_conflict {
                let by = match last.account_id {
                    Some(id) => people::names(txn, [id]).await?.remove(&id),
                    None => None,
                };
                conflict = Some(Conflict {
                    id: edit.mutation_id.to_string(),
                    procedure_id: target.procedure.id,
                    student_id: target.student_id,
                    task_id: self.task_id,
                    yours: self.new.clone(),
                    theirs: self.old.clone(),
                    theirs_by: by.unwrap_or_default(),
                });
            }
            self.remember(txn, edit, Some(last), is_conflict, now)
                .await?;
        } else if had_value {
            self.remember(txn, edit, None, false, now).await?;
        }
        let written = result_cell::ActiveModel {
            result_id: Set(self.result_id),
            task_id: Set(self.task_id),
            version: Set(no),
            device_id: Set(Some(edit.device_id.to_string())),
            account_id: Set(Some(edit.who.account_id)),
        };
        if last.is_some() {
            written.update(txn).await?;
        } else {
            written.insert(txn).await?;
        }
        change_log::ActiveModel {
            no: Set(no),
            at: Set(now),
            school_id: Set(target.procedure.school_id),
            class_id: Set(target.class.id),
            subject_id: Set(target.procedure.subject_id),
            procedure_id: Set(target.procedure.id),
            result_id: Set(self.result_id),
            mutation_id: Set(Some(edit.mutation_id.to_string())),
        }
        .insert(txn)
        .await?;
        audit::changed(
            txn,
            audit::Entry {
                old_value: Some(self.old.clone()),
                new_value: Some(self.new.clone()),
                ..entry(
                    edit,
                    "result",
                    Some(format!("{}/{}", self.result_id, self.task_id)),
                )
            },
        )
        .await?;
        Ok(conflict)
    }

    async fn remember(
        &self,
        txn: &impl ConnectionTrait,
        edit: &Edit<'_>,
        last: Option<&result_cell::Model>,
        conflict: bool,
        at: chrono::DateTime<Utc>,
    ) -> Result<(), DbErr> {
        cell_history::ActiveModel {
            result_id: Set(self.result_id),
            task_id: Set(self.task_id),
            value: Set(Some(self.old.clone())),
            version: Set(last.map_or(0, |l| l.version)),
            account_id: Set(last.and_then(|l| l.account_id)),
            device_id: Set(last.and_then(|l| l.device_id.clone())),
            replaced_by: Set(edit.mutation_id.to_string()),
            replaced_at: Set(at),
            conflict: Set(conflict),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(())
    }
}

/// Records who changed the result and when; `absent` also sets the flag.
async fn touch(
    txn: &impl ConnectionTrait,
    result: procedure_result::Model,
    edit: &Edit<'_>,
    absent: Option<bool>,
) -> Result<(), DbErr> {
    let mut row = result.into_active_model();
    if let Some(absent) = absent {
        row.absent = Set(absent);
    }
    row.updated_by = Set(Some(edit.who.account_id));
    row.updated_at = Set(Utc::now());
    row.update(txn).await?;
    Ok(())
}
