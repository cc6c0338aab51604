//! See [`domain::wire::staffing`]. Every id a request names must belong to the asker's
//! school (and a class to its current year): otherwise the request changes nothing.

use std::collections::BTreeSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::entity::{class, role_assignment, subject, teaching_assignment};
use crate::platform::request::Request;
use crate::platform::{audit, people};
use crate::school::this_year;
use domain::error::AppError;
use domain::policy::{Principal, Role};
use domain::wire::school::ClassChoice;
use domain::wire::staffing::{Choice, Staffing, TeachingRow};

struct Scope {
    who: Principal,
    school_id: i32,
    year_id: i32,
}

async fn scope(req: &Request) -> Result<Scope, AppError> {
    let (who, school_id) = req.structure_editor().await?;
    let year = this_year(&req.db, school_id).await?;
    Ok(Scope {
        who,
        school_id,
        year_id: year.id,
    })
}

async fn teachers(req: &Request, school_id: i32) -> Result<BTreeSet<i32>, AppError> {
    Ok(role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .filter(role_assignment::Column::Role.eq(Role::Teacher.code()))
        .all(&req.db)
        .await?
        .into_iter()
        .map(|g| g.account_id)
        .collect())
}

pub async fn load() -> Result<Staffing, AppError> {
    let req = Request::current()?;
    let scope = scope(&req).await?;
    let db = &req.db;
    let classes = crate::school::classes::of_year(db, scope.year_id).await?;
    let class_ids: Vec<i32> = classes.iter().map(|c| c.id).collect();
    let subjects = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(scope.school_id))
        .order_by_asc(subject::Column::Name)
        .all(db)
        .await?;
    let teacher_ids = teachers(&req, scope.school_id).await?;
    let names = people::names(db, teacher_ids.iter().copied()).await?;
    let mut teachers: Vec<Choice> = names
        .iter()
        .map(|(id, name)| Choice {
            id: *id,
            name: name.clone(),
        })
        .collect();
    teachers.sort_by(|a, b| a.name.cmp(&b.name));
    let subject_name = |id: i32| subjects.iter().find(|s| s.id == id).map(|s| s.name.clone());
    let mut teaching: Vec<TeachingRow> = teaching_assignment::Entity::find()
        .filter(teaching_assignment::Column::ClassId.is_in(class_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| TeachingRow {
            class_id: t.class_id,
            subject_id: t.subject_id,
            account_id: t.account_id,
            subject: subject_name(t.subject_id).unwrap_or_default(),
            teacher: names.get(&t.account_id).cloned().unwrap_or_default(),
        })
        .collect();
    teaching.sort_by(|a, b| (a.class_id, &a.subject).cmp(&(b.class_id, &b.subject)));
    let class_teachers = role_assignment::Entity::find()
        .filter(role_assignment::Column::Role.eq(Role::ClassTeacher.code()))
        .filter(role_assignment::Column::ClassId.is_in(class_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| g.class_id.map(|c| (c, g.account_id)))
        .collect();
    Ok(Staffing {
        classes: classes
            .into_iter()
            .map(|c| ClassChoice {
                id: c.id,
                name: c.name(),
            })
            .collect(),
        subjects: subjects
            .into_iter()
            .map(|s| Choice {
                id: s.id,
                name: s.name,
            })
            .collect(),
        teachers,
        teaching,
        class_teachers,
    })
}

/// Checks that the class is this year's in this school and the person teaches here.
async fn checked_class(
    req: &Request,
    scope: &Scope,
    class_id: i32,
    account_id: i32,
) -> Result<class::Model, AppError> {
    let class = class::Entity::find_by_id(class_id)
        .one(&req.db)
        .await?
        .filter(|c| c.school_id == scope.school_id && c.academic_year_id == scope.year_id)
        .ok_or_else(|| AppError::invalid("Такого класса в текущем учебном году нет."))?;
    if !teachers(req, scope.school_id).await?.contains(&account_id) {
        return Err(AppError::invalid(
            "У этого сотрудника нет роли «Учитель» в школе.",
        ));
    }
    Ok(class)
}

pub async fn teach(
    class_id: i32,
    subject_id: i32,
    account_id: i32,
    add: bool,
) -> Result<(), AppError> {
    let req = Request::current()?;
    let scope = scope(&req).await?;
    let class = checked_class(&req, &scope, class_id, account_id).await?;
    let subject = subject::Entity::find_by_id(subject_id)
        .one(&req.db)
        .await?
        .filter(|s| s.school_id == scope.school_id)
        .ok_or_else(|| AppError::invalid("Такого предмета в школе нет."))?;
    let txn = req.db.begin().await?;
    let existing = teaching_assignment::Entity::find()
        .filter(teaching_assignment::Column::ClassId.eq(class_id))
        .filter(teaching_assignment::Column::SubjectId.eq(subject_id))
        .filter(teaching_assignment::Column::AccountId.eq(account_id))
        .one(&txn)
        .await?;
    match (add, existing) {
        (true, Some(_)) => {
            return Err(AppError::invalid(format!(
                "Этот учитель уже ведёт «{}» в {}.",
                subject.name,
                class.name()
            )))
        }
        (true, None) => {
            teaching_assignment::ActiveModel {
                account_id: Set(account_id),
                class_id: Set(class_id),
                subject_id: Set(subject_id),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        (false, Some(row)) => {
            teaching_assignment::Entity::delete_by_id(row.id)
                .exec(&txn)
                .await?;
        }
        (false, None) => return Err(AppError::invalid("Такого назначения нет.")),
    }
    let what = format!("{} {} учитель {account_id}", class.name(), subject.name);
    let (old, new) = if add {
        (None, Some(what))
    } else {
        (Some(what), None)
    };
    log(&req, &scope, &txn, "teaching", old, new).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn lead(class_id: i32, account_id: i32) -> Result<(), AppError> {
    let req = Request::current()?;
    let scope = scope(&req).await?;
    let class = checked_class(&req, &scope, class_id, account_id).await?;
    let txn = req.db.begin().await?;
    let old = role_assignment::Entity::find()
        .filter(role_assignment::Column::Role.eq(Role::ClassTeacher.code()))
        .filter(role_assignment::Column::ClassId.eq(class_id))
        .all(&txn)
        .await?;
    role_assignment::Entity::delete_many()
        .filter(role_assignment::Column::Role.eq(Role::ClassTeacher.code()))
        .filter(role_assignment::Column::ClassId.eq(class_id))
        .exec(&txn)
        .await?;
    role_assignment::ActiveModel {
        account_id: Set(account_id),
        role: Set(Role::ClassTeacher.code().into()),
        school_id: Set(Some(scope.school_id)),
        class_id: Set(Some(class_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let before = old
        .first()
        .map(|g| format!("{} {}", class.name(), g.account_id));
    log(
        &req,
        &scope,
        &txn,
        "class_teacher",
        before,
        Some(format!("{} {account_id}", class.name())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn log(
    req: &Request,
    scope: &Scope,
    db: &impl sea_orm::ConnectionTrait,
    entity: &str,
    old_value: Option<String>,
    new_value: Option<String>,
) -> Result<(), AppError> {
    audit::changed(
        db,
        audit::Entry {
            old_value,
            new_value,
            ..req.entry(scope.who.account_id, "change", entity)
        },
    )
    .await?;
    Ok(())
}
