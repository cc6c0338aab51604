//! The bodies of the auth server functions (`domain::wire::auth`).

use std::sync::OnceLock;
use std::time::Duration;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::accounts::store::{hash_password, verify_password};
use crate::entity::{account, municipality, school, session as session_row};
use crate::platform::request::Request;
use crate::platform::throttle::{self, Verdict};
use crate::platform::{audit, principal, session};
use domain::error::AppError;
use domain::policy::{may, Action, Principal, Resource};
use domain::wire::auth::Me;

/// A real argon2id hash to check against when the username is unknown, so the answer takes
/// as long as for a known one and does not reveal which usernames exist.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("mera-dummy-password").expect("dummy hash"))
}

pub async fn login(username: String, password: String) -> Result<Me, AppError> {
    let req = Request::current()?;
    let username = username.trim().to_lowercase();
    let now = Utc::now();
    match throttle::check(&req.db, &username, &req.address, now).await? {
        Verdict::Refuse { retry_in_minutes } => return Err(AppError::Throttled(retry_in_minutes)),
        Verdict::Allow { delay_ms } if delay_ms > 0 => {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await
        }
        Verdict::Allow { .. } => {}
    }
    let found = account::Entity::find()
        .filter(account::Column::Username.eq(&username))
        .one(&req.db)
        .await?;
    let stored = found
        .as_ref()
        .map_or(dummy_hash(), |a| a.password_hash.as_str());
    let matches = verify_password(&password, stored) && found.is_some();
    throttle::record(&req.db, &username, &req.address, matches, now).await?;
    let Some(account) = found.filter(|_| matches) else {
        return Err(AppError::WrongCredentials);
    };
    // A new token at every login: a token planted before login is worth nothing after it.
    if let Some(old) = &req.token {
        session::end(&req.db, old).await?;
    }
    let token = session::start(&req.db, account.id, req.user_agent.clone(), now).await?;
    req.set_cookie(&session::cookie(&token, req.secure_cookie));
    audit::changed(&req.db, entry(&req, account.id, "login")).await?;
    let who = principal::load(&req.db, account.id).await?;
    describe(&req, &account, &who).await
}

pub async fn logout() -> Result<(), AppError> {
    let req = Request::current()?;
    if let Some(token) = &req.token {
        if let Ok(who) = req.principal().await {
            audit::changed(&req.db, entry(&req, who.account_id, "logout")).await?;
        }
        session::end(&req.db, token).await?;
    }
    req.set_cookie(&session::expired_cookie(req.secure_cookie));
    Ok(())
}

pub async fn me() -> Result<Me, AppError> {
    let (req, who) = Request::signed_in().await?;
    let account = account::Entity::find_by_id(who.account_id)
        .one(&req.db)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    describe(&req, &account, &who).await
}

pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let account = account::Entity::find_by_id(who.account_id)
        .one(&req.db)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    if !verify_password(&current, &account.password_hash) {
        return Err(AppError::invalid("Текущий пароль указан неверно."));
    }
    let hash = hash_password(&new).map_err(|e| AppError::Invalid(e.to_string()))?;
    let mut active: account::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.update(&req.db).await?;
    // Other devices signed in with the old password are signed out.
    let keep = req.token.as_deref().map(session::hash);
    session_row::Entity::delete_many()
        .filter(session_row::Column::AccountId.eq(who.account_id))
        .filter(session_row::Column::TokenHash.ne(keep.unwrap_or_default()))
        .exec(&req.db)
        .await?;
    audit::changed(&req.db, entry(&req, who.account_id, "password")).await?;
    Ok(())
}

fn entry(req: &Request, account_id: i32, action: &'static str) -> audit::Entry<'static> {
    audit::Entry {
        entity_id: Some(account_id.to_string()),
        ..req.entry(account_id, action, "account")
    }
}

async fn describe(
    req: &Request,
    account: &account::Model,
    who: &Principal,
) -> Result<Me, AppError> {
    let place = if let Some(school_id) = who.school_id() {
        school::Entity::find_by_id(school_id)
            .one(&req.db)
            .await?
            .map(|s| s.short_name)
    } else if let Some(id) = who.grants.iter().find_map(|g| g.municipality_id) {
        municipality::Entity::find_by_id(id)
            .one(&req.db)
            .await?
            .map(|m| m.name)
    } else {
        None
    };
    Ok(Me {
        account_id: account.id,
        username: account.username.clone(),
        full_name: account.full_name.clone(),
        roles: who.roles(),
        place,
        class_id: who
            .grants
            .iter()
            .find(|g| g.role == domain::policy::Role::ClassTeacher)
            .and_then(|g| g.class_id),
        can_set_up: who.school_id().is_some_and(|school_id| {
            may(who, Action::Edit, Resource::SchoolStructure { school_id })
        }),
    })
}
