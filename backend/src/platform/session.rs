//! Server-side sessions. The cookie holds a random 256-bit token; the database holds only its
//! SHA-256, so a copy of the table opens no session. A session lasts a school term (a tablet
//! that was offline for days is not locked out of its teacher's own work) and dies at logout.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};
use sha2::{Digest, Sha256};

use crate::entity::session;

pub const COOKIE: &str = "mera_session";
/// About a school term with its holidays.
pub const LIFETIME: Duration = Duration::days(100);
/// `last_seen_at` is written at most this often, so reads do not turn into writes.
const TOUCH_EVERY: Duration = Duration::hours(1);

pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session and returns the token for the cookie.
pub async fn start(
    db: &impl ConnectionTrait,
    account_id: i32,
    user_agent: Option<String>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = new_token();
    session::ActiveModel {
        token_hash: Set(hash(&token)),
        account_id: Set(account_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + LIFETIME),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(200).collect())),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The account behind a live token; an expired session is deleted on sight. Use renews it.
pub async fn account_for(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    let Some(found) = session::Entity::find_by_id(hash(token)).one(db).await? else {
        return Ok(None);
    };
    if found.expires_at <= now {
        session::Entity::delete_by_id(found.token_hash)
            .exec(db)
            .await?;
        return Ok(None);
    }
    let account_id = found.account_id;
    if now - found.last_seen_at >= TOUCH_EVERY {
        let mut active: session::ActiveModel = found.into();
        active.last_seen_at = Set(now);
        active.expires_at = Set(now + LIFETIME);
        active.update(db).await?;
    }
    Ok(Some(account_id))
}

pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(hash(token)).exec(db).await?;
    Ok(())
}

/// The `Set-Cookie` value for a new session.
pub fn cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        LIFETIME.num_seconds()
    )
}

/// The `Set-Cookie` value that removes the cookie.
pub fn expired_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// The session token in a `Cookie` header, if any.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE && !value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(hash(&a), a, "the stored value is not the token");
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let c = cookie("abc", false);
        assert!(c.starts_with("mera_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age="));
        assert!(!c.contains("Secure"));
        assert!(cookie("abc", true).ends_with("; Secure"));
        assert!(expired_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        assert_eq!(
            token_from_cookie_header("a=1; mera_session=xyz; b=2"),
            Some("xyz")
        );
        assert_eq!(token_from_cookie_header("mera_session="), None);
        assert_eq!(token_from_cookie_header("other=1"), None);
    }
}
