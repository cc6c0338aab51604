//! A paper's tasks from the school's spreadsheet (XLSX, XLS or CSV, through the file guard),
//! and the template to fill in. Reading writes nothing: the tasks land in the form.

use crate::platform::request::Request;
use crate::platform::upload::{self, Limits};
use crate::platform::xlsx::{Cell, Sheet};
use domain::error::AppError;
use domain::paper::table::{file_problem, tasks_from_rows, HEADERS};
use domain::wire::procedure_setup::TasksFromFile;

pub async fn read(file_name: String, data: String) -> Result<TasksFromFile, AppError> {
    let (req, who) = Request::signed_in().await?;
    super::may_make_some(&req, &who).await?;
    let rows = upload::first_sheet(&file_name, &data, &Limits::TASK_LIST)?;
    match tasks_from_rows(&rows) {
        Ok(tasks) => Ok(TasksFromFile {
            tasks,
            problems: Vec::new(),
        }),
        // Not a task table at all: the client's mistake, said in one sentence.
        Err(problems) if file_problem(&problems).is_some() => Err(AppError::invalid(
            file_problem(&problems).unwrap_or_default(),
        )),
        Err(problems) => Ok(TasksFromFile {
            tasks: Vec::new(),
            problems,
        }),
    }
}

/// The template: the header row and two example tasks.
pub fn template() -> Result<Vec<u8>, AppError> {
    let mut sheet = Sheet::new(
        "Задания",
        "Задания работы: по строке на задание; уровень Б (базовый) или П (повышенный)",
        &HEADERS,
        &[10.0, 12.0, 14.0, 50.0, 12.0],
    )?;
    sheet.row(&[
        Cell::Text("1"),
        Cell::Count(2.0),
        Cell::Text("Б"),
        Cell::Text("Нормы ударения"),
        Cell::Text("1.1"),
    ])?;
    sheet.row(&[
        Cell::Text("9.1"),
        Cell::Count(1.0),
        Cell::Text("П"),
        Cell::Text("Имя существительное"),
        Cell::Text("2.3"),
    ])?;
    sheet.finish()
}
