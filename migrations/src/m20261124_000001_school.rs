use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Municipality::Table)
                    .if_not_exists()
                    .col(pk_auto(Municipality::Id))
                    .col(string(Municipality::Name))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(School::Table)
                    .if_not_exists()
                    .col(pk_auto(School::Id))
                    .col(integer(School::MunicipalityId))
                    .col(string(School::Name))
                    .col(string(School::ShortName))
                    .col(boolean(School::IsShnor).default(false))
                    .col(boolean(School::IsShnsu).default(false))
                    .col(string(School::Timezone).default("Europe/Moscow"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(School::Table, School::MunicipalityId)
                            .to(Municipality::Table, Municipality::Id),
                    )
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Id,
    Name,
}

#[derive(DeriveIden)]
enum School {
    Table,
    Id,
    MunicipalityId,
    Name,
    ShortName,
    IsShnor,
    IsShnsu,
    Timezone,
}
