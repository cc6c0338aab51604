//! Creating the classes of the current year (deputy, admin).

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::entity::class;
use crate::platform::audit;
use crate::platform::request::Request;
use crate::school::this_year;
use crate::setup::student_import::rows::class_name;
use domain::error::AppError;

pub async fn create(grade: i16, letter: String) -> Result<(), AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let name = class_name(&format!("{grade}{}", letter.trim())).ok_or_else(|| {
        AppError::invalid("Класс — это параллель от 1 до 11 и одна буква, например 5В.")
    })?;
    let letter: String = name.chars().filter(|c| !c.is_ascii_digit()).collect();
    let year = this_year(&req.db, school_id).await?;
    let txn = req.db.begin().await?;
    let exists = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .filter(class::Column::Grade.eq(grade))
        .filter(class::Column::Letter.eq(&letter))
        .one(&txn)
        .await?
        .is_some();
    if exists {
        return Err(AppError::invalid(format!("Класс {name} уже есть.")));
    }
    let row = class::ActiveModel {
        school_id: Set(school_id),
        academic_year_id: Set(year.id),
        grade: Set(grade),
        letter: Set(letter),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(row.id.to_string()),
            new_value: Some(name),
            ..req.entry(who.account_id, "create", "class")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
