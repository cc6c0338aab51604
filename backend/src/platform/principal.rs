//! Loads who a signed-in account is: its grants and teaching assignments.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entity::{role_assignment, teaching_assignment};
use domain::policy::{Grant, Principal, Role, Teaching};

pub async fn load(db: &impl ConnectionTrait, account_id: i32) -> Result<Principal, DbErr> {
    let grants = role_assignment::Entity::find()
        .filter(role_assignment::Column::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            let role = Role::from_code(&row.role);
            if role.is_none() {
                tracing::warn!(account_id, role = %row.role, "unknown role code ignored");
            }
            Some(Grant {
                role: role?,
                municipality_id: row.municipality_id,
                school_id: row.school_id,
                grade: row.grade,
                subject_group_id: row.subject_group_id,
                class_id: row.class_id,
            })
        })
        .collect();
    let teaching = teaching_assignment::Entity::find()
        .filter(teaching_assignment::Column::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| Teaching {
            class_id: t.class_id,
            subject_id: t.subject_id,
        })
        .collect();
    Ok(Principal {
        account_id,
        grants,
        teaching,
    })
}

/// Who holds this session token, for the plain `GET` routes (exports, evidence) that are not
/// server functions: `NotSignedIn` without a live session.
pub async fn from_token(
    db: &sea_orm::DatabaseConnection,
    token: Option<&str>,
) -> Result<Principal, domain::error::AppError> {
    use domain::error::AppError;
    let token = token.ok_or(AppError::NotSignedIn)?;
    let account_id = crate::platform::session::account_for(db, token, chrono::Utc::now())
        .await?
        .ok_or(AppError::NotSignedIn)?;
    Ok(load(db, account_id).await?)
}
