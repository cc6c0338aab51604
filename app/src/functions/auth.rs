//! Signing in and out, and who is signed in. `POST /api/login` and `POST /api/logout` are part
//! of the stable HTTP surface (README).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::functions::client::MeraClient;
use crate::policy::Role;

/// The signed-in person as the app shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Absent in a copy kept by an older version of the app.
    #[serde(default)]
    pub account_id: i32,
    pub username: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    /// The school's short name, or the municipality's for a municipal account.
    pub place: Option<String>,
    /// The class a class teacher leads: her start screen.
    pub class_id: Option<i32>,
    /// The policy lets this person change the school's structure («Настройка»).
    pub can_set_up: bool,
}

/// Form fields `username`, `password`. 200 with the session cookie, 401 with a Russian message,
/// 429 after repeated failures.
#[server(endpoint = "login", client = MeraClient)]
pub async fn login(username: String, password: String) -> Result<Me, AppError> {
    crate::ssr::request::answer(crate::ssr::auth::login(username, password).await)
}

/// Ends the session on the server and removes the cookie. Harmless when not signed in.
#[server(endpoint = "logout", client = MeraClient)]
pub async fn logout() -> Result<(), AppError> {
    crate::ssr::request::answer(crate::ssr::auth::logout().await)
}

/// Who is signed in; 401 when nobody is.
#[server(endpoint = "me", client = MeraClient)]
pub async fn current_user() -> Result<Me, AppError> {
    crate::ssr::request::answer(crate::ssr::auth::me().await)
}

/// Changes the signed-in person's password; the current one must be given.
#[server(endpoint = "password", client = MeraClient)]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    crate::ssr::request::answer(crate::ssr::auth::change_password(current, new).await)
}
