//! Sessions, login attempts (for throttling) and the append-only audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Session::Table)
                .if_not_exists()
                // SHA-256 of the cookie's token, hex: a leaked table opens no session.
                .col(string(Session::TokenHash).primary_key())
                .col(integer(Session::AccountId))
                .col(timestamp_with_time_zone(Session::CreatedAt))
                .col(timestamp_with_time_zone(Session::LastSeenAt))
                .col(timestamp_with_time_zone(Session::ExpiresAt))
                .col(string_null(Session::UserAgent))
                .foreign_key(
                    ForeignKey::create()
                        .from(Session::Table, Session::AccountId)
                        .to(Account::Table, Account::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LoginAttempt::Table)
                .if_not_exists()
                .col(big_pk_auto(LoginAttempt::Id))
                .col(string(LoginAttempt::Username))
                .col(string(LoginAttempt::Address))
                .col(timestamp_with_time_zone(LoginAttempt::At))
                .col(boolean(LoginAttempt::Succeeded))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_login_attempt_at")
                .table(LoginAttempt::Table)
                .col(LoginAttempt::At)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .if_not_exists()
                .col(big_pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(integer_null(AuditLog::AccountId))
                .col(string_null(AuditLog::Device))
                .col(string_null(AuditLog::Address))
                .col(string(AuditLog::Action))
                .col(string(AuditLog::Entity))
                .col(string_null(AuditLog::EntityId))
                .col(text_null(AuditLog::OldValue))
                .col(text_null(AuditLog::NewValue))
                // "ok" for a change, "denied" for a refused access (152-ФЗ art. 19).
                .col(string(AuditLog::Outcome))
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    TokenHash,
    AccountId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Id,
    Username,
    Address,
    At,
    Succeeded,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    AccountId,
    Device,
    Address,
    Action,
    Entity,
    EntityId,
    OldValue,
    NewValue,
    Outcome,
}
