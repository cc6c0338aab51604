//! Moving a student between classes (перевод в другой класс): both classes must be the
//! mover's to change, in one school and one year; the audit log keeps the old class. A student
//! who leaves the school (выбыл) keeps the class and the results, with the day they left.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};

use crate::entity::{class, student};
use crate::platform::audit;
use crate::platform::request::Request;
use crate::school::classes::class_ref;
use domain::error::AppError;
use domain::policy::{Action, Resource};

pub async fn move_student(student_id: i32, class_id: i32) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let db = &req.db;
    let Some(pupil) = student::Entity::find_by_id(student_id).one(db).await? else {
        return Err(AppError::Forbidden);
    };
    let from = class::Entity::find_by_id(pupil.class_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    req.authorize(&who, Action::Edit, Resource::ClassRoster(class_ref(&from)))
        .await?;
    let Some(to) = class::Entity::find_by_id(class_id).one(db).await? else {
        return Err(AppError::invalid("Такого класса нет."));
    };
    req.authorize(&who, Action::Edit, Resource::ClassRoster(class_ref(&to)))
        .await?;
    if to.academic_year_id != from.academic_year_id {
        return Err(AppError::invalid(
            "Перевести можно только в класс того же учебного года.",
        ));
    }
    if to.id == from.id {
        return Err(AppError::invalid(format!(
            "Ученик уже в {} классе.",
            to.name()
        )));
    }
    let txn = db.begin().await?;
    let mut row = pupil.into_active_model();
    row.class_id = Set(to.id);
    row.update(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(student_id.to_string()),
            old_value: Some(from.name()),
            new_value: Some(to.name()),
            ..req.entry(who.account_id, "move", "student")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn leave(student_id: i32) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let db = &req.db;
    let Some(pupil) = student::Entity::find_by_id(student_id).one(db).await? else {
        return Err(AppError::Forbidden);
    };
    let class = class::Entity::find_by_id(pupil.class_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    req.authorize(&who, Action::Edit, Resource::ClassRoster(class_ref(&class)))
        .await?;
    if let Some(day) = pupil.left_on {
        return Err(AppError::invalid(format!(
            "{} уже выбыл(а) из школы {}.",
            pupil.full_name(),
            day.format("%d.%m.%Y")
        )));
    }
    let today = Utc::now().date_naive();
    let txn = db.begin().await?;
    let mut row = pupil.into_active_model();
    row.left_on = Set(Some(today));
    row.update(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(student_id.to_string()),
            old_value: Some(class.name()),
            new_value: Some(format!("выбыл(а) {}", today.format("%d.%m.%Y"))),
            ..req.entry(who.account_id, "leave", "student")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
