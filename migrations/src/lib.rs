//! One schema for SQLite and PostgreSQL. Migrations only add tables and columns: SQLite cannot
//! alter constraints, so nothing here relies on it.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_school;
mod m20261124_000002_account;
mod m20261124_000003_structure;
mod m20261124_000004_auth;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_school::Migration),
            Box::new(m20261124_000002_account::Migration),
            Box::new(m20261124_000003_structure::Migration),
            Box::new(m20261124_000004_auth::Migration),
        ]
    }
}
