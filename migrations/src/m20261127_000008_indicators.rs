//! What the dashboards read fast and what a school sets for them: indexes for the term and
//! attendance aggregates, each school's objectivity thresholds (docs/design.md §3: the school's to
//! set; a school without a row uses Mera's defaults), and the analytical report of a procedure
//! (seeds 001 §7.1): the conclusions and decisions the deputy types, a decision linked to the
//! plan measure it became.

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
        .await?;
        m.create_table(
            Table::create()
                .table(AnalyticalReport::Table)
                .if_not_exists()
                .col(pk_auto(AnalyticalReport::Id))
                .col(integer(AnalyticalReport::ProcedureId).unique_key())
                .col(text(AnalyticalReport::Conclusions))
                .col(integer_null(AnalyticalReport::UpdatedBy))
                .col(timestamp_with_time_zone(AnalyticalReport::UpdatedAt))
                .foreign_key(&mut fk(
                    (AnalyticalReport::Table, AnalyticalReport::ProcedureId),
                    (Procedure::Table, Procedure::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ReportDecision::Table)
                .if_not_exists()
                .col(pk_auto(ReportDecision::Id))
                .col(integer(ReportDecision::ReportId))
                .col(small_integer(ReportDecision::Position))
                .col(text(ReportDecision::Text))
                .col(integer_null(ReportDecision::MeasureId))
                .foreign_key(&mut fk(
                    (ReportDecision::Table, ReportDecision::ReportId),
                    (AnalyticalReport::Table, AnalyticalReport::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            ReportDecision::Table,
            "idx_report_decision_report",
            vec![ReportDecision::ReportId.into_iden()],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReportDecision::Table.into_iden(),
            AnalyticalReport::Table.into_iden(),
            ObjectivityThreshold::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
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

#[derive(DeriveIden)]
enum Procedure {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AnalyticalReport {
    Table,
    Id,
    ProcedureId,
    Conclusions,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ReportDecision {
    Table,
    Id,
    ReportId,
    Position,
    Text,
    MeasureId,
}
