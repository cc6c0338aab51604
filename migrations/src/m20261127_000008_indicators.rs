//! What the dashboards read fast and what a school sets for them: indexes for the term and
//! attendance aggregates, and each school's objectivity thresholds (DESIGN.md §3: the school's
//! to set; a school without a row uses Mera's defaults).

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index(
            JournalMark::Table,
            "idx_journal_mark_term",
            vec![
                JournalMark::TermId.into_iden(),
                JournalMark::Kind.into_iden(),
                JournalMark::StudentId.into_iden(),
            ],
        ))
        .await?;
        m.create_index(index(
            Attendance::Table,
            "idx_attendance_student",
            vec![
                Attendance::StudentId.into_iden(),
                Attendance::OnDate.into_iden(),
            ],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(ObjectivityThreshold::Table)
                .if_not_exists()
                .col(integer(ObjectivityThreshold::SchoolId).primary_key())
                .col(double(ObjectivityThreshold::LoweredOver))
                .col(double(ObjectivityThreshold::RaisedOver))
                .col(integer_null(ObjectivityThreshold::UpdatedBy))
                .col(timestamp_with_time_zone(ObjectivityThreshold::UpdatedAt))
                .foreign_key(&mut fk(
                    (ObjectivityThreshold::Table, ObjectivityThreshold::SchoolId),
                    (School::Table, School::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ObjectivityThreshold::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum School {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum JournalMark {
    Table,
    TermId,
    Kind,
    StudentId,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    StudentId,
    OnDate,
}

#[derive(DeriveIden)]
enum ObjectivityThreshold {
    Table,
    SchoolId,
    LoweredOver,
    RaisedOver,
    UpdatedBy,
    UpdatedAt,
}
