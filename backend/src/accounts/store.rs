//! Accounts: creating them and checking passwords. Passwords are hashed with argon2id at the
//! OWASP ASVS parameters (m = 19 MiB, t = 2, p = 1); the hash never leaves the server.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entity::account;

/// At least this many characters; no composition rules (ASVS V2.1).
pub const MIN_PASSWORD_CHARS: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("Пароль слишком короткий: нужно не меньше {MIN_PASSWORD_CHARS} символов.")]
    PasswordTooShort,
    #[error("Имя для входа может содержать только латинские буквы, цифры, точку, дефис и подчёркивание (от 2 до 64 символов).")]
    BadUsername,
    #[error("Укажите ФИО.")]
    NoName,
    #[error("Учётная запись «{0}» уже есть.")]
    Taken(String),
    #[error("база данных: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("не удалось вычислить хеш пароля")]
    Hash,
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("ASVS argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> Result<String, AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooShort);
    }
    hash_any_length(password)
}

/// Hashes without the length rule: only for the demo's published password «demo», which must
/// never protect real data.
pub fn hash_any_length(password: &str) -> Result<String, AccountError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| AccountError::Hash)
}

/// Checks a password against a stored PHC string (the parameters travel inside it).
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

fn valid_username(username: &str) -> bool {
    (2..=64).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Creates an account. Usernames are kept in lower case so «Ivanova» and «ivanova» are one.
pub async fn add(
    db: &impl ConnectionTrait,
    username: &str,
    full_name: &str,
    password: &str,
) -> Result<account::Model, AccountError> {
    let username = username.trim().to_lowercase();
    if !valid_username(&username) {
        return Err(AccountError::BadUsername);
    }
    let full_name = full_name.trim();
    if full_name.is_empty() {
        return Err(AccountError::NoName);
    }
    let password_hash = hash_password(password)?;
    let exists = account::Entity::find()
        .filter(account::Column::Username.eq(&username))
        .one(db)
        .await?
        .is_some();
    if exists {
        return Err(AccountError::Taken(username));
    }
    Ok(account::ActiveModel {
        username: Set(username),
        full_name: Set(full_name.to_string()),
        password_hash: Set(password_hash),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_asvs_parameters() {
        let hash = hash_password("correct horse").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct hors", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused_by_length_alone() {
        assert!(matches!(
            hash_password("1234567"),
            Err(AccountError::PasswordTooShort)
        ));
        assert!(
            hash_password("пароль12").is_ok(),
            "eight Cyrillic characters are enough"
        );
    }

    #[test]
    fn usernames_are_plain_ascii() {
        assert!(valid_username("ivanova.mp"));
        assert!(!valid_username("иванова"));
        assert!(!valid_username("a"));
        assert!(!valid_username("has space"));
    }
}
