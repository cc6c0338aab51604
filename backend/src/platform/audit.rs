//! The append-only audit log: every change and every refused access (152-ФЗ art. 19).

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::entity::audit_log;

/// What happened, to what; the caller fills in who and from where.
pub struct Entry<'a> {
    pub account_id: Option<i32>,
    pub address: Option<String>,
    pub device: Option<String>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl<'a> Entry<'a> {
    /// The one way to start an entry: who, from where, did what to which kind of record. The
    /// caller adds the record's id and the old and new values with `..Entry::new(…)`.
    pub fn new(
        account_id: Option<i32>,
        address: Option<String>,
        device: Option<String>,
        action: &'a str,
        entity: &'a str,
    ) -> Entry<'a> {
        Entry {
            account_id,
            address,
            device,
            action,
            entity,
            entity_id: None,
            old_value: None,
            new_value: None,
        }
    }
}

pub async fn changed(db: &impl ConnectionTrait, entry: Entry<'_>) -> Result<(), DbErr> {
    write(db, entry, "ok").await
}

pub async fn denied(db: &impl ConnectionTrait, entry: Entry<'_>) -> Result<(), DbErr> {
    write(db, entry, "denied").await
}

async fn write(db: &impl ConnectionTrait, entry: Entry<'_>, outcome: &str) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        account_id: Set(entry.account_id),
        device: Set(entry.device),
        address: Set(entry.address),
        action: Set(entry.action.to_string()),
        entity: Set(entry.entity.to_string()),
        entity_id: Set(entry.entity_id),
        old_value: Set(entry.old_value),
        new_value: Set(entry.new_value),
        outcome: Set(outcome.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
