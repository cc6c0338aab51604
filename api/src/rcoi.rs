//! ОГЭ and ЕГЭ protocols from the regional centre (РЦОИ) loaded into the school's exam procedure
//! (the deputy, the director).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::fis_oko::F1Outcome;

/// What the protocol (base64 in `data`; legacy XLS as the РЦОИ sends it, or XLSX) would fill in
/// the procedure, and where it differs; writes nothing.
#[server(endpoint = "rcoi/preview", client = MeraClient, input = Json)]
pub async fn preview_protocol(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<F1Outcome, AppError> {
    backend::rcoi::import(procedure_id, file_name, data, false).await
}

/// Writes the scores the protocol gives where nothing was typed: all or none.
#[server(endpoint = "rcoi/load", client = MeraClient, input = Json)]
pub async fn load_protocol(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<F1Outcome, AppError> {
    backend::rcoi::import(procedure_id, file_name, data, true).await
}
