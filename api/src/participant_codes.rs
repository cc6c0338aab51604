//! «Коды участников» of a ВПР: the list by class, issuing the missing codes, loading the school's
//! own list (the deputy, the director).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use domain::wire::participant_codes::*;

#[server(endpoint = "participant-codes", client = MeraClient)]
pub async fn participant_codes(procedure_id: i32) -> Result<CodeList, AppError> {
    backend::participant_codes::list(procedure_id).await
}

/// Gives every pupil without a code one; codes already given never change.
#[server(endpoint = "participant-codes/issue", client = MeraClient)]
pub async fn issue_codes(procedure_id: i32) -> Result<CodeList, AppError> {
    backend::participant_codes::issue(procedure_id).await
}

/// The school's own list (ФИО, класс, код), base64 in `data`: all rows or none.
#[server(endpoint = "participant-codes/load", client = MeraClient, input = Json)]
pub async fn load_codes(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<CodesLoaded, AppError> {
    backend::participant_codes::load(procedure_id, file_name, data).await
}
