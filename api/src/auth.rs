//! Signing in and out, and who is signed in. `POST /api/login` and `POST /api/logout` are part
//! of the stable HTTP surface (README).

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::auth::*;

/// Form fields `username`, `password`. 200 with the session cookie, 401 with a Russian message,
/// 429 after repeated failures.
#[server(endpoint = "login", client = MeraClient)]
pub async fn login(username: String, password: String) -> Result<Me, AppError> {
    backend::auth::login(username, password).await
}

/// Ends the session on the server and removes the cookie. Harmless when not signed in.
#[server(endpoint = "logout", client = MeraClient)]
pub async fn logout() -> Result<(), AppError> {
    backend::auth::logout().await
}

/// Who is signed in; 401 when nobody is.
#[server(endpoint = "me", client = MeraClient)]
pub async fn current_user() -> Result<Me, AppError> {
    backend::auth::me().await
}

/// Changes the signed-in person's password; the current one must be given.
#[server(endpoint = "password", client = MeraClient)]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    backend::auth::change_password(current, new).await
}
