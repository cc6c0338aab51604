//! The e-journal's files loaded into Mera (issue 18): each load with who and when, so every
//! journal figure can say where it came from; the values that are no mark and out of N («осв»,
//! «зач», «незач»; «н/а» is `journal_mark.mark` 0, in N and failing); the subject names a
//! school's journal uses, mapped once by the deputy; and, on marks and absences, the load that
//! brought them. An absence row with a term is a total for that term, not one day's.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(JournalImport::Table)
                .if_not_exists()
                .col(pk_auto(JournalImport::Id))
                .col(integer(JournalImport::SchoolId))
                .col(integer_null(JournalImport::AccountId))
                .col(timestamp_with_time_zone(JournalImport::LoadedAt))
                .col(text(JournalImport::Files))
                .col(string(JournalImport::Summary))
                .foreign_key(&mut fk(
                    (JournalImport::Table, JournalImport::SchoolId),
                    (School::Table, School::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(JournalUnmarked::Table)
                .if_not_exists()
                .col(pk_auto(JournalUnmarked::Id))
                .col(integer(JournalUnmarked::StudentId))
                .col(integer(JournalUnmarked::ClassId))
                .col(integer(JournalUnmarked::SubjectId))
                .col(string(JournalUnmarked::Kind))
                .col(integer_null(JournalUnmarked::TermId))
                .col(date(JournalUnmarked::OnDate))
                .col(string(JournalUnmarked::Value))
                .col(integer_null(JournalUnmarked::ImportId))
                .foreign_key(&mut fk(
                    (JournalUnmarked::Table, JournalUnmarked::StudentId),
                    (Student::Table, Student::Id),
                ))
                .foreign_key(&mut fk(
                    (JournalUnmarked::Table, JournalUnmarked::ClassId),
                    (Class::Table, Class::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            JournalUnmarked::Table,
            "idx_journal_unmarked_class_subject",
            vec![
                JournalUnmarked::ClassId.into_iden(),
                JournalUnmarked::SubjectId.into_iden(),
            ],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(JournalSubjectName::Table)
                .if_not_exists()
                .col(pk_auto(JournalSubjectName::Id))
                .col(integer(JournalSubjectName::SchoolId))
                .col(string(JournalSubjectName::Name))
                // None: the school does not load this subject (a course with no marks).
                .col(integer_null(JournalSubjectName::SubjectId))
                .foreign_key(&mut fk(
                    (JournalSubjectName::Table, JournalSubjectName::SchoolId),
                    (School::Table, School::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                JournalSubjectName::Table,
                "idx_journal_subject_name",
                vec![
                    JournalSubjectName::SchoolId.into_iden(),
                    JournalSubjectName::Name.into_iden(),
                ],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        for (table, column) in [
            (
                JournalMark::Table.into_iden(),
                JournalMark::ImportId.into_iden(),
            ),
            (
                Attendance::Table.into_iden(),
                Attendance::ImportId.into_iden(),
            ),
            (
                Attendance::Table.into_iden(),
                Attendance::TermId.into_iden(),
            ),
        ] {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(integer_null(column))
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(index(
            Attendance::Table,
            "idx_attendance_student",
            vec![Attendance::StudentId.into_iden()],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in [
            (
                JournalMark::Table.into_iden(),
                JournalMark::ImportId.into_iden(),
            ),
            (
                Attendance::Table.into_iden(),
                Attendance::ImportId.into_iden(),
            ),
            (
                Attendance::Table.into_iden(),
                Attendance::TermId.into_iden(),
            ),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        for table in [
            JournalSubjectName::Table.into_iden(),
            JournalUnmarked::Table.into_iden(),
            JournalImport::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
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
enum Student {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Class {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum JournalImport {
    Table,
    Id,
    SchoolId,
    AccountId,
    LoadedAt,
    Files,
    Summary,
}

#[derive(DeriveIden)]
enum JournalUnmarked {
    Table,
    Id,
    StudentId,
    ClassId,
    SubjectId,
    Kind,
    TermId,
    OnDate,
    Value,
    ImportId,
}

#[derive(DeriveIden)]
enum JournalSubjectName {
    Table,
    Id,
    SchoolId,
    Name,
    SubjectId,
}

#[derive(DeriveIden)]
enum JournalMark {
    Table,
    ImportId,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    StudentId,
    ImportId,
    TermId,
}
