//! One schema for SQLite and PostgreSQL. Migrations only add tables and columns: SQLite cannot
//! alter constraints, so nothing here relies on it.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_school;
mod m20261124_000002_account;
mod m20261124_000003_structure;
mod m20261124_000004_auth;
mod m20261125_000005_assessment;
mod m20261125_000006_sync;
mod m20261125_000007_plan;
mod m20261127_000008_indicators;
mod m20261202_000009_procedure_year;
mod m20261202_000010_participant_code;
mod m20261203_000011_participant_variant;
mod m20261203_000012_journal_import;
mod m20261204_000013_held_decision;
mod m20261204_000014_device_gap;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_school::Migration),
            Box::new(m20261124_000002_account::Migration),
            Box::new(m20261124_000003_structure::Migration),
            Box::new(m20261124_000004_auth::Migration),
            Box::new(m20261125_000005_assessment::Migration),
            Box::new(m20261125_000006_sync::Migration),
            Box::new(m20261125_000007_plan::Migration),
            Box::new(m20261127_000008_indicators::Migration),
            Box::new(m20261202_000009_procedure_year::Migration),
            Box::new(m20261202_000010_participant_code::Migration),
            Box::new(m20261203_000011_participant_variant::Migration),
            Box::new(m20261203_000012_journal_import::Migration),
            Box::new(m20261204_000013_held_decision::Migration),
            Box::new(m20261204_000014_device_gap::Migration),
        ]
    }
}

/// A foreign key that goes with its parent: deleting a school deletes what belongs to it.
pub(crate) fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A plain index, named after its table and columns.
pub(crate) fn index(table: impl IntoIden, name: &str, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut index = Index::create();
    index.if_not_exists().name(name).table(table);
    for col in cols {
        index.col(col);
    }
    index.to_owned()
}
