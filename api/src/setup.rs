//! Setting up the school's year: the student list import and moving students between classes.
//! For the deputy (school-wide) and the administrator.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::setup::*;

/// Reads a student list (CSV in UTF-8 or Windows-1251, or XLSX) and says what loading it would
/// do; writes nothing. `data` is the file's bytes in base64.
#[server(endpoint = "students/preview", client = MeraClient, input = Json)]
pub async fn preview_student_import(
    file_name: String,
    data: String,
) -> Result<ImportPreview, AppError> {
    backend::setup::student_import::preview(file_name, data).await
}

/// Loads the list: every new student, or nothing when any row has a problem.
#[server(endpoint = "students/import", client = MeraClient, input = Json)]
pub async fn import_students(file_name: String, data: String) -> Result<ImportDone, AppError> {
    backend::setup::student_import::import(file_name, data).await
}

/// Moves a student to another class of the same school and year.
#[server(endpoint = "students/move", client = MeraClient)]
pub async fn move_student(student_id: i32, class_id: i32) -> Result<(), AppError> {
    backend::setup::student_move::move_student(student_id, class_id).await
}

/// Marks a student as having left the school today (выбыл): off the class list, with every
/// result and mark kept.
#[server(endpoint = "students/leave", client = MeraClient)]
pub async fn student_leaves(student_id: i32) -> Result<(), AppError> {
    backend::setup::student_move::leave(student_id).await
}

/// Adds a class («5В») to the school's current year.
#[server(endpoint = "classes/create", client = MeraClient)]
pub async fn create_class(grade: i16, letter: String) -> Result<(), AppError> {
    backend::setup::class_setup::create(grade, letter).await
}
