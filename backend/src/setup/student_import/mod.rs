//! Importing a school's student list (ФИО, класс) from CSV or Excel: a preview first, then all
//! rows or none. Students already in their class are recognised and skipped, so the same list
//! can be loaded again after new students were added to it.

pub mod rows;

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::entity::{class, student};
use crate::platform::request::Request;
use crate::platform::{audit, upload};
use crate::school::this_year;
use domain::error::AppError;
use domain::wire::setup::{ImportDone, ImportPreview, PreviewRow, RowProblem};

struct Checked {
    school_id: i32,
    preview: ImportPreview,
    /// (class id, row) of the students to add.
    new: Vec<(i32, rows::Row)>,
}

async fn check(req: &Request, file_name: &str, data: &str) -> Result<Checked, AppError> {
    let (_, school_id) = req.structure_editor().await?;
    // The list is the first sheet, as a school saves it from its register.
    let table = upload::first_sheet(file_name, data, &upload::Limits::STUDENT_LIST)?;
    let (parsed, errors) = rows::parse(&table).map_err(AppError::invalid)?;
    let year = this_year(&req.db, school_id).await?;
    let classes: BTreeMap<String, i32> = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(&req.db)
        .await?
        .into_iter()
        .map(|c| (c.name(), c.id))
        .collect();
    let existing: BTreeSet<(i32, String)> = student::Entity::find()
        .filter(student::Column::SchoolId.eq(school_id))
        .filter(student::Column::LeftOn.is_null())
        .all(&req.db)
        .await?
        .into_iter()
        .map(|s| (s.class_id, s.full_name().to_lowercase()))
        .collect();
    let mut problems: Vec<RowProblem> = errors
        .into_iter()
        .map(|e| RowProblem {
            row: e.row as u32,
            message: e.message,
        })
        .collect();
    let mut preview_rows = Vec::new();
    let mut new = Vec::new();
    for row in parsed {
        let Some(&class_id) = classes.get(&row.class) else {
            problems.push(RowProblem {
                row: row.row as u32,
                message: format!("класса «{}» нет в школе в этом учебном году.", row.class),
            });
            continue;
        };
        let already = existing.contains(&(class_id, row.full_name().to_lowercase()));
        preview_rows.push(PreviewRow {
            row: row.row as u32,
            full_name: row.full_name(),
            class: row.class.clone(),
            has_ovz: row.has_ovz,
            already_there: already,
        });
        if !already {
            new.push((class_id, row));
        }
    }
    problems.sort_by_key(|p| p.row);
    let preview = ImportPreview {
        new: new.len() as u32,
        already_there: preview_rows.iter().filter(|r| r.already_there).count() as u32,
        rows: preview_rows,
        problems,
    };
    Ok(Checked {
        school_id,
        preview,
        new,
    })
}

/// See `api::setup::preview_student_import`: reads and checks, writes nothing.
pub async fn preview(file_name: String, data: String) -> Result<ImportPreview, AppError> {
    let req = Request::current()?;
    Ok(check(&req, &file_name, &data).await?.preview)
}

/// See `api::setup::import_students`: the whole list in one transaction, or
/// nothing when any row has a problem.
pub async fn import(file_name: String, data: String) -> Result<ImportDone, AppError> {
    let req = Request::current()?;
    let checked = check(&req, &file_name, &data).await?;
    if let Some(first) = checked.preview.problems.first() {
        return Err(AppError::invalid(format!(
            "Список не загружен: ошибок — {}. Первая в строке {}: {}",
            checked.preview.problems.len(),
            first.row,
            first.message
        )));
    }
    let who = req.principal().await?;
    let txn = req.db.begin().await?;
    for chunk in checked.new.chunks(500) {
        let models: Vec<student::ActiveModel> = chunk
            .iter()
            .map(|(class_id, row)| student::ActiveModel {
                school_id: Set(checked.school_id),
                class_id: Set(*class_id),
                last_name: Set(row.last.clone()),
                first_name: Set(row.first.clone()),
                patronymic: Set(row.patronymic.clone()),
                has_ovz: Set(row.has_ovz),
                left_on: Set(None),
                ..Default::default()
            })
            .collect();
        insert(&txn, models).await?;
    }
    audit::changed(
        &txn,
        audit::Entry {
            new_value: Some(format!(
                "{file_name}: добавлено {}, уже были {}",
                checked.preview.new, checked.preview.already_there
            )),
            ..req.entry(who.account_id, "import", "student")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ImportDone {
        added: checked.preview.new,
        already_there: checked.preview.already_there,
    })
}

async fn insert(
    db: &impl ConnectionTrait,
    models: Vec<student::ActiveModel>,
) -> Result<(), AppError> {
    if !models.is_empty() {
        student::Entity::insert_many(models).exec(db).await?;
    }
    Ok(())
}
