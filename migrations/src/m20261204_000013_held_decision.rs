//! The change number of the deputy's decision on a held mutation: the device that sent it learns
//! the decision with the changes after its cursor, as it learns everything else.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Mutation::Table)
                .add_column(big_integer_null(Mutation::DecidedNo))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("mutation_device_decided")
                .table(Mutation::Table)
                .col(Mutation::DeviceId)
                .col(Mutation::DecidedNo)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("mutation_device_decided")
                .table(Mutation::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Mutation::Table)
                .drop_column(Mutation::DecidedNo)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Mutation {
    Table,
    DeviceId,
    DecidedNo,
}
