//! ФИС ОКО files of a ВПР: the report «Ф1 Индивидуальные результаты» read back (the deputy, the
//! director).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::fis_oko::*;

/// What the Ф1 file (base64 in `data`) would fill and where it differs; writes nothing.
#[server(endpoint = "fis-oko/f1/preview", client = MeraClient, input = Json)]
pub async fn preview_f1(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<F1Outcome, AppError> {
    backend::fis_oko::import(procedure_id, file_name, data, false).await
}

/// Writes the scores the Ф1 file gives where nothing was typed: all or none; a second load of the
/// same file writes nothing.
#[server(endpoint = "fis-oko/f1/load", client = MeraClient, input = Json)]
pub async fn load_f1(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<F1Outcome, AppError> {
    backend::fis_oko::import(procedure_id, file_name, data, true).await
}

/// The empty ФИС ОКО «Форма сбора результатов» of this ВПР (base64 in `data`) filled with every
/// participant's code, variant, scores, class ordinal and last term's mark; stores nothing.
#[server(endpoint = "fis-oko/form", client = MeraClient, input = Json)]
pub async fn fill_form(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<FormFilled, AppError> {
    backend::fis_oko::form::filled(procedure_id, file_name, data).await
}
