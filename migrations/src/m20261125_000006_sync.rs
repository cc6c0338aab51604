//! The sync protocol's bookkeeping (docs/design.md §4): devices bound to accounts, every mutation a
//! device sent with its outcome (so a repeat gets the first answer back), the global change log
//! that pulls read by cursor, the last write of every result cell, and the values that later
//! writes overwrote. A procedure can be closed for editing.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Device::Table)
                .if_not_exists()
                .col(string(Device::Id).primary_key())
                .col(integer(Device::AccountId))
                .col(string_null(Device::UserAgent))
                .col(timestamp_with_time_zone(Device::CreatedAt))
                .col(timestamp_with_time_zone_null(Device::LastSyncAt))
                .col(big_integer(Device::AppliedSeq).default(0))
                .col(big_integer(Device::LastSeqMade).default(0))
                .foreign_key(&mut fk(
                    (Device::Table, Device::AccountId),
                    (Account::Table, Account::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Mutation::Table)
                .if_not_exists()
                .col(string(Mutation::Id).primary_key())
                .col(string(Mutation::DeviceId))
                .col(big_integer(Mutation::Seq))
                .col(string(Mutation::Kind))
                .col(text(Mutation::Payload))
                .col(big_integer_null(Mutation::Base))
                .col(string(Mutation::MadeAt))
                .col(timestamp_with_time_zone(Mutation::ReceivedAt))
                .col(string(Mutation::Outcome))
                .col(text_null(Mutation::Reason))
                .col(text_null(Mutation::Conflict))
                .foreign_key(&mut fk(
                    (Mutation::Table, Mutation::DeviceId),
                    (Device::Table, Device::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                Mutation::Table,
                "ux_mutation_device_seq",
                vec![Mutation::DeviceId.into_iden(), Mutation::Seq.into_iden()],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        // One row: the last change number handed out. Every transaction that writes the change
        // log updates it first, which serialises those writers on both engines, so change
        // numbers become visible in order and a pull never skips one.
        m.create_table(
            Table::create()
                .table(ChangeClock::Table)
                .if_not_exists()
                .col(integer(ChangeClock::Id).primary_key())
                .col(big_integer(ChangeClock::LastNo).default(0))
                .to_owned(),
        )
        .await?;
        m.exec_stmt(
            Query::insert()
                .into_table(ChangeClock::Table)
                .columns([ChangeClock::Id, ChangeClock::LastNo])
                .values_panic([1.into(), 0.into()])
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ChangeLog::Table)
                .if_not_exists()
                .col(big_integer(ChangeLog::No).primary_key())
                .col(timestamp_with_time_zone(ChangeLog::At))
                .col(integer(ChangeLog::SchoolId))
                .col(integer(ChangeLog::ClassId))
                .col(integer(ChangeLog::SubjectId))
                .col(integer(ChangeLog::ProcedureId))
                .col(integer(ChangeLog::ResultId))
                .col(string_null(ChangeLog::MutationId))
                .foreign_key(&mut fk(
                    (ChangeLog::Table, ChangeLog::ResultId),
                    (ProcedureResult::Table, ProcedureResult::Id),
                ))
                .to_owned(),
        )
        .await?;
        // `task_id` 0 is the result's «не писал(а)» flag; any other value is a task of the
        // procedure. A cleared score keeps its row here, so its version survives the clear.
        m.create_table(
            Table::create()
                .table(ResultCell::Table)
                .if_not_exists()
                .col(integer(ResultCell::ResultId))
                .col(integer(ResultCell::TaskId))
                .col(big_integer(ResultCell::Version))
                .col(string_null(ResultCell::DeviceId))
                .col(integer_null(ResultCell::AccountId))
                .primary_key(
                    Index::create()
                        .col(ResultCell::ResultId)
                        .col(ResultCell::TaskId),
                )
                .foreign_key(&mut fk(
                    (ResultCell::Table, ResultCell::ResultId),
                    (ProcedureResult::Table, ProcedureResult::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CellHistory::Table)
                .if_not_exists()
                .col(pk_auto(CellHistory::Id))
                .col(integer(CellHistory::ResultId))
                .col(integer(CellHistory::TaskId))
                .col(string_null(CellHistory::Value))
                .col(big_integer(CellHistory::Version))
                .col(integer_null(CellHistory::AccountId))
                .col(string_null(CellHistory::DeviceId))
                .col(string(CellHistory::ReplacedBy))
                .col(timestamp_with_time_zone(CellHistory::ReplacedAt))
                .col(boolean(CellHistory::Conflict).default(false))
                .col(integer_null(CellHistory::ResolvedBy))
                .col(timestamp_with_time_zone_null(CellHistory::ResolvedAt))
                .foreign_key(&mut fk(
                    (CellHistory::Table, CellHistory::ResultId),
                    (ProcedureResult::Table, ProcedureResult::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                CellHistory::Table,
                "ix_cell_history_result",
                vec![CellHistory::ResultId.into_iden()],
            )
            .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Procedure::Table)
                .add_column(timestamp_with_time_zone_null(Procedure::ClosedAt))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Procedure::Table)
                .drop_column(Procedure::ClosedAt)
                .to_owned(),
        )
        .await?;
        for table in [
            CellHistory::Table.into_iden(),
            ResultCell::Table.into_iden(),
            ChangeLog::Table.into_iden(),
            ChangeClock::Table.into_iden(),
            Mutation::Table.into_iden(),
            Device::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Procedure {
    Table,
    /// Set by the deputy: later changes wait for her approval.
    ClosedAt,
}

#[derive(DeriveIden)]
enum ProcedureResult {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Device {
    Table,
    Id,
    AccountId,
    UserAgent,
    CreatedAt,
    LastSyncAt,
    /// Every mutation up to this seq has an outcome.
    AppliedSeq,
    /// The highest seq the device says it has made; ahead of `AppliedSeq` for long means loss.
    LastSeqMade,
}

#[derive(DeriveIden)]
enum Mutation {
    Table,
    Id,
    DeviceId,
    Seq,
    Kind,
    Payload,
    Base,
    /// The device's clock, shown to people, never used to order anything.
    MadeAt,
    ReceivedAt,
    /// applied | rejected | held
    Outcome,
    Reason,
    /// The conflict this mutation caused, as sent back (JSON), so a repeat gets it again.
    Conflict,
}

#[derive(DeriveIden)]
enum ChangeClock {
    Table,
    Id,
    LastNo,
}

#[derive(DeriveIden)]
enum ChangeLog {
    Table,
    No,
    At,
    SchoolId,
    ClassId,
    SubjectId,
    ProcedureId,
    ResultId,
    MutationId,
}

#[derive(DeriveIden)]
enum ResultCell {
    Table,
    ResultId,
    TaskId,
    Version,
    DeviceId,
    AccountId,
}

#[derive(DeriveIden)]
enum CellHistory {
    Table,
    Id,
    ResultId,
    TaskId,
    /// The overwritten value: a score, "" for an empty cell, "absent"/"present" for the flag.
    Value,
    Version,
    AccountId,
    DeviceId,
    /// The mutation that overwrote it.
    ReplacedBy,
    ReplacedAt,
    /// Overwritten by someone who had not seen it: shown until resolved.
    Conflict,
    ResolvedBy,
    ResolvedAt,
}
