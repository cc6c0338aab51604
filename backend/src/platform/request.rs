//! What a server function knows about the request it serves: the database, the session token,
//! the client's address; and how it answers: status codes and cookies.

use std::net::SocketAddr;

use chrono::Utc;
use http::header::{COOKIE, SET_COOKIE, USER_AGENT};
use http::request::Parts;
use http::HeaderValue;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use sea_orm::DatabaseConnection;

use crate::platform::{audit, principal, session};
use domain::error::AppError;
use domain::policy::{may, Action, Principal, Resource};

/// Settings the server hands to every server function.
#[derive(Clone, Debug)]
pub struct ServerSettings {
    /// Mark session cookies `Secure` (served over https).
    pub secure_cookie: bool,
}

#[derive(Clone)]
pub struct Request {
    pub db: DatabaseConnection,
    pub token: Option<String>,
    pub address: String,
    pub user_agent: Option<String>,
    pub secure_cookie: bool,
}

impl Request {
    pub fn current() -> Result<Request, AppError> {
        let db = crate::db()?;
        let parts = use_context::<Parts>();
        let header = |name| {
            parts
                .as_ref()
                .and_then(|p| p.headers.get(name))
                .and_then(|v: &HeaderValue| v.to_str().ok())
        };
        let token = header(COOKIE)
            .and_then(session::token_from_cookie_header)
            .map(str::to_string);
        let user_agent = header(USER_AGENT).map(str::to_string);
        let address = parts
            .as_ref()
            .and_then(|p| p.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>())
            .map(|info| info.0.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        let secure_cookie = use_context::<ServerSettings>().is_some_and(|s| s.secure_cookie);
        Ok(Request {
            db,
            token,
            address,
            user_agent,
            secure_cookie,
        })
    }

    /// The signed-in person, or `NotSignedIn`.
    pub async fn principal(&self) -> Result<Principal, AppError> {
        let token = self.token.as_deref().ok_or(AppError::NotSignedIn)?;
        let account_id = session::account_for(&self.db, token, Utc::now())
            .await?
            .ok_or(AppError::NotSignedIn)?;
        Ok(principal::load(&self.db, account_id).await?)
    }

    /// The access preamble of every server function: the request and who asks (or
    /// `NotSignedIn`). What she may see is then the policy's to say ([`Request::authorize`]).
    pub async fn signed_in() -> Result<(Request, Principal), AppError> {
        let req = Request::current()?;
        let who = req.principal().await?;
        Ok((req, who))
    }

    /// The preamble of a screen about the asker's own school: who asks, her school, and the
    /// policy's yes to `action` on the resource `of` names for that school (a refusal audited).
    pub async fn school_access(
        action: Action,
        of: impl FnOnce(i32) -> Resource,
    ) -> Result<(Request, Principal, i32), AppError> {
        let (req, who) = Request::signed_in().await?;
        let school_id = req.school_of(&who, action, of).await?;
        Ok((req, who, school_id))
    }

    /// The school of `who`, when the policy lets her do `action` on what `of` names in it.
    pub async fn school_of(
        &self,
        who: &Principal,
        action: Action,
        of: impl FnOnce(i32) -> Resource,
    ) -> Result<i32, AppError> {
        let school_id = who.school_id().ok_or(AppError::Forbidden)?;
        self.authorize(who, action, of(school_id)).await?;
        Ok(school_id)
    }

    /// The signed-in person and her school, when she may change its structure (classes,
    /// subjects, staffing, the student list, the school year).
    pub async fn structure_editor(&self) -> Result<(Principal, i32), AppError> {
        let who = self.principal().await?;
        let school_id = self
            .school_of(&who, Action::Edit, |school_id| Resource::SchoolStructure {
                school_id,
            })
            .await?;
        Ok((who, school_id))
    }

    /// Asks the policy; a refusal is written to the audit log and answered with `Forbidden`.
    pub async fn authorize(
        &self,
        who: &Principal,
        action: Action,
        resource: Resource,
    ) -> Result<(), AppError> {
        if may(who, action, resource) {
            return Ok(());
        }
        tracing::warn!(
            account_id = who.account_id,
            ?action,
            ?resource,
            "access refused"
        );
        audit::denied(
            &self.db,
            audit::Entry {
                entity_id: Some(format!("{resource:?}")),
                ..audit::Entry::new(
                    Some(who.account_id),
                    Some(self.address.clone()),
                    None,
                    match action {
                        Action::View => "view",
                        Action::Edit => "edit",
                    },
                    "resource",
                )
            },
        )
        .await?;
        Err(AppError::Forbidden)
    }

    /// An audit entry for a change by `account_id` from this request's address and device; the
    /// caller adds what changed.
    pub fn entry<'a>(&self, account_id: i32, action: &'a str, entity: &'a str) -> audit::Entry<'a> {
        audit::Entry::new(
            Some(account_id),
            Some(self.address.clone()),
            self.user_agent.clone(),
            action,
            entity,
        )
    }

    pub fn set_cookie(&self, value: &str) {
        if let (Some(options), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            options.append_header(SET_COOKIE, value);
        }
    }
}
