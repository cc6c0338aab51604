//! The variant a pupil wrote in a ВПР, beside her participant code: the ФИС ОКО collection form
//! asks for it per participant, and a school's own code list may give it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParticipantCode::Table)
                .add_column(small_integer_null(ParticipantCode::Variant))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ParticipantCode::Table)
                .drop_column(ParticipantCode::Variant)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum ParticipantCode {
    Table,
    Variant,
}
