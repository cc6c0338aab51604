//! A procedure the school manages over its year (issue 16): cancelled rather than deleted once it
//! has results; the change number of its last paper change, so devices pull a changed structure
//! in order with the results; an ОГЭ / ЕГЭ primary → test score table; the earlier procedure the
//! deputy chose for its dynamics, where more than one fits; and the lessons per year
//! of each subject and grade, for the schedule's load check (at most 10 % of them assessed).

use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            timestamp_with_time_zone_null(Procedure::CancelledAt),
            big_integer(Procedure::PaperNo).default(0).to_owned(),
            text_null(Procedure::ScoreTable),
            integer_null(Procedure::FollowsId),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Procedure::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(SubjectLessons::Table)
                .if_not_exists()
                .col(integer(SubjectLessons::AcademicYearId))
                .col(integer(SubjectLessons::SubjectId))
                .col(small_integer(SubjectLessons::Grade))
                .col(small_integer(SubjectLessons::Lessons))
                .primary_key(
                    Index::create()
                        .col(SubjectLessons::AcademicYearId)
                        .col(SubjectLessons::SubjectId)
                        .col(SubjectLessons::Grade),
                )
                .foreign_key(&mut fk(
                    (SubjectLessons::Table, SubjectLessons::AcademicYearId),
                    (AcademicYear::Table, AcademicYear::Id),
                ))
                .foreign_key(&mut fk(
                    (SubjectLessons::Table, SubjectLessons::SubjectId),
                    (Subject::Table, Subject::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SubjectLessons::Table).to_owned())
            .await?;
        for column in [
            Procedure::CancelledAt,
            Procedure::PaperNo,
            Procedure::ScoreTable,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Procedure::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Procedure {
    Table,
    CancelledAt,
    PaperNo,
    ScoreTable,
    FollowsId,
}

#[derive(DeriveIden)]
enum SubjectLessons {
    Table,
    AcademicYearId,
    SubjectId,
    Grade,
    Lessons,
}

#[derive(DeriveIden)]
enum AcademicYear {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
}
