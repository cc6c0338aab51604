//! When a device was first seen to have made edits the server never received: its outbox lost
//! them (storage wiped, another browser profile). The deputy is told, with the gap.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Device::Table)
                .add_column(timestamp_with_time_zone_null(Device::GapSeenAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Device::Table)
                .drop_column(Device::GapSeenAt)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Device {
    Table,
    GapSeenAt,
}
