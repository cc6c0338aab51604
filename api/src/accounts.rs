//! The administrator's screen: the school's accounts and their roles; creating an account,
//! giving a role with its scope and taking one back.

use crate::client::MeraClient;
use domain::error::AppError;
use domain::policy::Role;
use leptos::prelude::*;

pub use domain::wire::accounts::*;

#[server(endpoint = "accounts", client = MeraClient)]
pub async fn list_accounts() -> Result<AccountList, AppError> {
    backend::accounts::list().await
}

/// Creates an account in the administrator's school with one school-wide role.
#[server(endpoint = "accounts/create", client = MeraClient)]
pub async fn create_account(
    username: String,
    full_name: String,
    password: String,
    role: Role,
) -> Result<AccountRow, AppError> {
    backend::accounts::create(username, full_name, password, role).await
}

/// Gives a person of the school a role with its scope (see [`scope_of`]).
#[server(endpoint = "accounts/grant", client = MeraClient)]
pub async fn grant_role(
    account_id: i32,
    role: Role,
    grade: Option<i16>,
    subject_group_id: Option<i32>,
    class_id: Option<i32>,
) -> Result<(), AppError> {
    backend::accounts::grant::grant(account_id, role, grade, subject_group_id, class_id).await
}

/// Gives a person of the school a new password (a forgotten one): every device she is signed
/// in on is signed out, and what a tablet holds unsent waits for her to sign in again.
#[server(endpoint = "accounts/password", client = MeraClient)]
pub async fn set_password(account_id: i32, password: String) -> Result<(), AppError> {
    backend::accounts::set_password(account_id, password).await
}

/// Takes a role back.
#[server(endpoint = "accounts/revoke", client = MeraClient)]
pub async fn revoke_role(grant_id: i32) -> Result<(), AppError> {
    backend::accounts::grant::revoke(grant_id).await
}
