//! The administrator's screen: the school's accounts and their roles; creating an account.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::functions::client::MeraClient;
use crate::policy::Role;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub username: String,
    pub full_name: String,
    /// Each role as staff call it, with its scope: «Классный руководитель 5А».
    pub roles: Vec<String>,
}

/// Roles an administrator gives from the simple form: school-wide ones. Class teachers, МО heads
/// and grade-level deputies get their scope on the setup screens.
pub const GIVEN_ON_CREATION: [Role; 6] = [
    Role::Teacher,
    Role::Deputy,
    Role::Council,
    Role::Psychologist,
    Role::Director,
    Role::Admin,
];

#[server(endpoint = "accounts", client = MeraClient)]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    crate::ssr::request::answer(crate::ssr::accounts::list().await)
}

/// Creates an account in the administrator's school with one school-wide role.
#[server(endpoint = "accounts/create", client = MeraClient)]
pub async fn create_account(
    username: String,
    full_name: String,
    password: String,
    role: Role,
) -> Result<AccountRow, AppError> {
    crate::ssr::request::answer(
        crate::ssr::accounts::create(username, full_name, password, role).await,
    )
}
