//! «График оценочных процедур» (see `api::schedule`): this year's procedures of the school, every
//! class's sittings by week, checked by `domain::schedule`; and the lessons per subject and grade
//! the deputy sets once a year for the 10 % rule.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::entity::{class, procedure, procedure_class, subject, subject_lessons};
use crate::platform::audit;
use crate::platform::request::Request;
use crate::school::this_year;
use domain::assessment::ProcedureKind;
use domain::error::AppError;
use domain::policy::{may, Action, Principal, Resource};
use domain::schedule::{build, Lessons, Schedule, Sitting};

/// The most lessons of one subject a year can have (6 a day, every school day).
const MAX_LESSONS: i16 = 1200;

pub async fn schedule() -> Result<Schedule, AppError> {
    let (req, who, school_id) =
        Request::school_access(Action::View, |school_id| Resource::Schedule { school_id }).await?;
    of_school(&req.db, &who, school_id).await
}

/// The schedule of `school_id`'s current year; `who` has been let in.
pub async fn of_school(
    db: &impl ConnectionTrait,
    who: &Principal,
    school_id: i32,
) -> Result<Schedule, AppError> {
    let year = this_year(db, school_id).await?;
    let classes = crate::school::classes::of_year(db, year.id).await?;
    let procedures = procedure::Entity::find()
        .filter(procedure::Column::AcademicYearId.eq(year.id))
        .filter(procedure::Column::CancelledAt.is_null())
        .all(db)
        .await?;
    let writes = procedure_class::Entity::find()
        .filter(procedure_class::Column::ProcedureId.is_in(procedures.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let subjects: BTreeMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let by_id: BTreeMap<i32, &procedure::Model> = procedures.iter().map(|p| (p.id, p)).collect();
    let class_of: BTreeMap<i32, &class::Model> = classes.iter().map(|c| (c.id, c)).collect();
    let sittings = writes
        .iter()
        .filter_map(|w| {
            let p = by_id.get(&w.procedure_id)?;
            let c = class_of.get(&w.class_id)?;
            Some(Sitting {
                procedure_id: p.id,
                title: p.title.clone(),
                kind: ProcedureKind::from_code(&p.kind)?,
                subject_id: p.subject_id,
                subject: subjects.get(&p.subject_id).cloned().unwrap_or_default(),
                grade: c.grade,
                class_id: c.id,
                class: c.name(),
                held_on: p.held_on.to_string(),
            })
        })
        .collect();
    let lessons: Vec<Lessons> = subject_lessons::Entity::find()
        .filter(subject_lessons::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| Lessons {
            subject_id: l.subject_id,
            grade: l.grade,
            lessons: l.lessons,
        })
        .collect();
    let rows: Vec<(i16, i32, String)> = classes.iter().map(|c| (c.grade, c.id, c.name())).collect();
    let mut schedule = build(
        &year.name,
        &year.starts_on.to_string(),
        &year.ends_on.to_string(),
        &rows,
        sittings,
        &lessons,
    );
    schedule.can_set_lessons = may(who, Action::Edit, Resource::Schedule { school_id });
    Ok(schedule)
}

/// Sets the lessons of a subject in a grade this year; 0 clears them. Audited.
pub async fn set_lessons(subject_id: i32, grade: i16, lessons: i16) -> Result<(), AppError> {
    let (req, who, school_id) =
        Request::school_access(Action::Edit, |school_id| Resource::Schedule { school_id }).await?;
    if !(0..=MAX_LESSONS).contains(&lessons) {
        return Err(AppError::invalid(format!(
            "Число уроков в год — от 0 до {MAX_LESSONS}."
        )));
    }
    let db = &req.db;
    let year = this_year(db, school_id).await?;
    subject::Entity::find_by_id(subject_id)
        .one(db)
        .await?
        .filter(|s| s.school_id == school_id)
        .ok_or_else(|| AppError::invalid("Такого предмета в школе нет."))?;
    let grades: BTreeSet<i16> = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.grade)
        .collect();
    if !grades.contains(&grade) {
        return Err(AppError::invalid(format!(
            "В этом учебном году нет классов {grade}-й параллели."
        )));
    }
    let txn = db.begin().await?;
    subject_lessons::Entity::delete_by_id((year.id, subject_id, grade))
        .exec(&txn)
        .await?;
    if lessons > 0 {
        subject_lessons::Entity::insert(subject_lessons::ActiveModel {
            academic_year_id: Set(year.id),
            subject_id: Set(subject_id),
            grade: Set(grade),
            lessons: Set(lessons),
        })
        .exec(&txn)
        .await?;
    }
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(format!("{}/{subject_id}/{grade}", year.id)),
            new_value: Some(lessons.to_string()),
            ..req.entry(who.account_id, "set", "subject_lessons")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
