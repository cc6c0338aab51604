//! Plans of measures (docs/design.md §2, seeds 001, 002, 004): a plan has sections, a section has
//! measures; a measure has responsible staff, a status, dated progress notes and evidence. Evidence
//! files live in the database, so a backup of the database is a backup of the plan.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Plan::Table)
                .if_not_exists()
                .col(pk_auto(Plan::Id))
                .col(integer(Plan::SchoolId))
                .col(string(Plan::Kind))
                .col(string(Plan::Title))
                .col(integer_null(Plan::CreatedBy))
                .col(timestamp_with_time_zone(Plan::CreatedAt))
                .col(integer_null(Plan::ApprovedBy))
                .col(timestamp_with_time_zone_null(Plan::ApprovedAt))
                .foreign_key(&mut fk(
                    (Plan::Table, Plan::SchoolId),
                    (School::Table, School::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PlanSection::Table)
                .if_not_exists()
                .col(pk_auto(PlanSection::Id))
                .col(integer(PlanSection::PlanId))
                .col(small_integer(PlanSection::Position))
                .col(text(PlanSection::Title))
                .foreign_key(&mut fk(
                    (PlanSection::Table, PlanSection::PlanId),
                    (Plan::Table, Plan::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Measure::Table)
                .if_not_exists()
                .col(pk_auto(Measure::Id))
                .col(integer(Measure::PlanId))
                .col(integer(Measure::SectionId))
                .col(small_integer(Measure::Position))
                .col(text(Measure::Title))
                .col(string_null(Measure::Period))
                .col(date_null(Measure::StartsOn))
                .col(date_null(Measure::DueOn))
                .col(text(Measure::Documents))
                .col(string(Measure::Status))
                .col(text_null(Measure::CancelReason))
                .col(big_integer(Measure::Version).default(0))
                .col(timestamp_with_time_zone(Measure::UpdatedAt))
                .foreign_key(&mut fk(
                    (Measure::Table, Measure::PlanId),
                    (Plan::Table, Plan::Id),
                ))
                .foreign_key(&mut fk(
                    (Measure::Table, Measure::SectionId),
                    (PlanSection::Table, PlanSection::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            Measure::Table,
            "ix_measure_plan",
            vec![Measure::PlanId.into_iden()],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(MeasureResponsible::Table)
                .if_not_exists()
                .col(integer(MeasureResponsible::MeasureId))
                .col(integer(MeasureResponsible::AccountId))
                .primary_key(
                    Index::create()
                        .col(MeasureResponsible::MeasureId)
                        .col(MeasureResponsible::AccountId),
                )
                .foreign_key(&mut fk(
                    (MeasureResponsible::Table, MeasureResponsible::MeasureId),
                    (Measure::Table, Measure::Id),
                ))
                .foreign_key(&mut fk(
                    (MeasureResponsible::Table, MeasureResponsible::AccountId),
                    (Account::Table, Account::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            MeasureResponsible::Table,
            "ix_measure_responsible_account",
            vec![MeasureResponsible::AccountId.into_iden()],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(MeasureNote::Table)
                .if_not_exists()
                .col(string(MeasureNote::Id).primary_key())
                .col(integer(MeasureNote::MeasureId))
                .col(integer(MeasureNote::AccountId))
                .col(string(MeasureNote::WrittenAt))
                .col(timestamp_with_time_zone(MeasureNote::ReceivedAt))
                .col(text(MeasureNote::Text))
                .foreign_key(&mut fk(
                    (MeasureNote::Table, MeasureNote::MeasureId),
                    (Measure::Table, Measure::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MeasureEvidence::Table)
                .if_not_exists()
                .col(string(MeasureEvidence::Id).primary_key())
                .col(integer(MeasureEvidence::MeasureId))
                .col(integer(MeasureEvidence::AccountId))
                .col(timestamp_with_time_zone(MeasureEvidence::AddedAt))
                .col(string(MeasureEvidence::Title))
                .col(text_null(MeasureEvidence::Url))
                .col(string_null(MeasureEvidence::ContentType))
                .col(big_integer_null(MeasureEvidence::Size))
                .col(blob_null(MeasureEvidence::Content))
                .foreign_key(&mut fk(
                    (MeasureEvidence::Table, MeasureEvidence::MeasureId),
                    (Measure::Table, Measure::Id),
                ))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MeasureEvidence::Table.into_iden(),
            MeasureNote::Table.into_iden(),
            MeasureResponsible::Table.into_iden(),
            Measure::Table.into_iden(),
            PlanSection::Table.into_iden(),
            Plan::Table.into_iden(),
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
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
    SchoolId,
    /// A [`PlanKind`] code: innovation (seeds 001), exam_roadmap (004), quality_programme (002).
    Kind,
    Title,
    CreatedBy,
    CreatedAt,
    /// Set when the director approves it; later changes are listed against this date.
    ApprovedBy,
    ApprovedAt,
}

#[derive(DeriveIden)]
enum PlanSection {
    Table,
    Id,
    PlanId,
    Position,
    Title,
}

#[derive(DeriveIden)]
enum Measure {
    Table,
    Id,
    PlanId,
    SectionId,
    Position,
    Title,
    /// A period as people write it («в течение года»), beside or instead of the dates.
    Period,
    StartsOn,
    /// A date in the school's timezone; overdue is derived from it, never stored.
    DueOn,
    /// Expected documents, one per line (Приказ, Положение, Циклограмма…).
    Documents,
    Status,
    CancelReason,
    /// Counts status changes; a device's status change names the status it started from.
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeasureResponsible {
    Table,
    MeasureId,
    AccountId,
}

#[derive(DeriveIden)]
enum MeasureNote {
    Table,
    /// Made by the device, so a note typed offline keeps its identity through the sync.
    Id,
    MeasureId,
    AccountId,
    /// The device's clock when it was typed, shown to people.
    WrittenAt,
    ReceivedAt,
    Text,
}

#[derive(DeriveIden)]
enum MeasureEvidence {
    Table,
    Id,
    MeasureId,
    AccountId,
    AddedAt,
    Title,
    /// A link; or, for a file, null.
    Url,
    ContentType,
    Size,
    Content,
}
