//! Participant codes of a ВПР (ФИС ОКО knows pupils only by them): one per pupil and procedure,
//! unique within the procedure, fixed once issued.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ParticipantCode::Table)
                .if_not_exists()
                .col(integer(ParticipantCode::ProcedureId))
                .col(integer(ParticipantCode::StudentId))
                .col(string_len(ParticipantCode::Code, 16))
                .col(timestamp_with_time_zone(ParticipantCode::IssuedAt))
                .primary_key(
                    Index::create()
                        .col(ParticipantCode::ProcedureId)
                        .col(ParticipantCode::StudentId),
                )
                .foreign_key(&mut fk(
                    (ParticipantCode::Table, ParticipantCode::ProcedureId),
                    (Procedure::Table, Procedure::Id),
                ))
                .foreign_key(&mut fk(
                    (ParticipantCode::Table, ParticipantCode::StudentId),
                    (Student::Table, Student::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                ParticipantCode::Table,
                "ux_participant_code_code",
                vec![
                    ParticipantCode::ProcedureId.into_iden(),
                    ParticipantCode::Code.into_iden(),
                ],
            )
            .unique()
            .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ParticipantCode::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ParticipantCode {
    Table,
    ProcedureId,
    StudentId,
    Code,
    IssuedAt,
}

#[derive(DeriveIden)]
enum Procedure {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Student {
    Table,
    Id,
}
