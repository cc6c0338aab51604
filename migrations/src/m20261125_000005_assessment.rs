//! What is measured: assessment procedures (ВПР, контрольные, диагностики, пробные экзамены)
//! with their tasks and scale, each student's task scores, and the journal marks and attendance
//! that arrive from the e-journal. Results and marks keep the class the student was in then.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Procedure::Table)
                .if_not_exists()
                .col(pk_auto(Procedure::Id))
                .col(integer(Procedure::SchoolId))
                .col(integer(Procedure::AcademicYearId))
                .col(integer(Procedure::SubjectId))
                .col(string(Procedure::Kind))
                .col(string_null(Procedure::Stage))
                .col(string(Procedure::Title))
                .col(small_integer(Procedure::Grade))
                .col(date(Procedure::HeldOn))
                .col(small_integer(Procedure::Mark3From))
                .col(small_integer(Procedure::Mark4From))
                .col(small_integer(Procedure::Mark5From))
                .col(string_null(Procedure::Source))
                .foreign_key(&mut fk(
                    (Procedure::Table, Procedure::SchoolId),
                    (School::Table, School::Id),
                ))
                .foreign_key(&mut fk(
                    (Procedure::Table, Procedure::AcademicYearId),
                    (AcademicYear::Table, AcademicYear::Id),
                ))
                .foreign_key(&mut fk(
                    (Procedure::Table, Procedure::SubjectId),
                    (Subject::Table, Subject::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProcedureClass::Table)
                .if_not_exists()
                .col(integer(ProcedureClass::ProcedureId))
                .col(integer(ProcedureClass::ClassId))
                .primary_key(
                    Index::create()
                        .col(ProcedureClass::ProcedureId)
                        .col(ProcedureClass::ClassId),
                )
                .foreign_key(&mut fk(
                    (ProcedureClass::Table, ProcedureClass::ProcedureId),
                    (Procedure::Table, Procedure::Id),
                ))
                .foreign_key(&mut fk(
                    (ProcedureClass::Table, ProcedureClass::ClassId),
                    (Class::Table, Class::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProcedureTask::Table)
                .if_not_exists()
                .col(pk_auto(ProcedureTask::Id))
                .col(integer(ProcedureTask::ProcedureId))
                .col(small_integer(ProcedureTask::Position))
                .col(string(ProcedureTask::Label))
                .col(small_integer(ProcedureTask::MaxScore))
                .col(string_null(ProcedureTask::Level))
                .col(string_null(ProcedureTask::SkillCode))
                .col(string_null(ProcedureTask::Topic))
                .foreign_key(&mut fk(
                    (ProcedureTask::Table, ProcedureTask::ProcedureId),
                    (Procedure::Table, Procedure::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ProcedureResult::Table)
                .if_not_exists()
                .col(pk_auto(ProcedureResult::Id))
                .col(integer(ProcedureResult::ProcedureId))
                .col(integer(ProcedureResult::StudentId))
                .col(integer(ProcedureResult::ClassId))
                .col(boolean(ProcedureResult::Absent).default(false))
                .col(integer_null(ProcedureResult::UpdatedBy))
                .col(timestamp_with_time_zone(ProcedureResult::UpdatedAt))
                .foreign_key(&mut fk(
                    (ProcedureResult::Table, ProcedureResult::ProcedureId),
                    (Procedure::Table, Procedure::Id),
                ))
                .foreign_key(&mut fk(
                    (ProcedureResult::Table, ProcedureResult::StudentId),
                    (Student::Table, Student::Id),
                ))
                .foreign_key(&mut fk(
                    (ProcedureResult::Table, ProcedureResult::ClassId),
                    (Class::Table, Class::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                ProcedureResult::Table,
                "ux_procedure_result_student",
                vec![
                    ProcedureResult::ProcedureId.into_iden(),
                    ProcedureResult::StudentId.into_iden(),
                ],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TaskScore::Table)
                .if_not_exists()
                .col(integer(TaskScore::ResultId))
                .col(integer(TaskScore::TaskId))
                .col(small_integer(TaskScore::Score))
                .primary_key(
                    Index::create()
                        .col(TaskScore::ResultId)
                        .col(TaskScore::TaskId),
                )
                .foreign_key(&mut fk(
                    (TaskScore::Table, TaskScore::ResultId),
                    (ProcedureResult::Table, ProcedureResult::Id),
                ))
                .foreign_key(&mut fk(
                    (TaskScore::Table, TaskScore::TaskId),
                    (ProcedureTask::Table, ProcedureTask::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(JournalMark::Table)
                .if_not_exists()
                .col(pk_auto(JournalMark::Id))
                .col(integer(JournalMark::StudentId))
                .col(integer(JournalMark::ClassId))
                .col(integer(JournalMark::SubjectId))
                .col(string(JournalMark::Kind))
                .col(integer_null(JournalMark::TermId))
                .col(date(JournalMark::OnDate))
                .col(small_integer(JournalMark::Mark))
                .foreign_key(&mut fk(
                    (JournalMark::Table, JournalMark::StudentId),
                    (Student::Table, Student::Id),
                ))
                .foreign_key(&mut fk(
                    (JournalMark::Table, JournalMark::ClassId),
                    (Class::Table, Class::Id),
                ))
                .foreign_key(&mut fk(
                    (JournalMark::Table, JournalMark::SubjectId),
                    (Subject::Table, Subject::Id),
                ))
                .foreign_key(&mut fk(
                    (JournalMark::Table, JournalMark::TermId),
                    (Term::Table, Term::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            JournalMark::Table,
            "idx_journal_mark_class_subject",
            vec![
                JournalMark::ClassId.into_iden(),
                JournalMark::SubjectId.into_iden(),
                JournalMark::Kind.into_iden(),
            ],
        ))
        .await?;
        m.create_index(index(
            JournalMark::Table,
            "idx_journal_mark_student",
            vec![JournalMark::StudentId.into_iden()],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(Attendance::Table)
                .if_not_exists()
                .col(pk_auto(Attendance::Id))
                .col(integer(Attendance::StudentId))
                .col(integer(Attendance::ClassId))
                .col(date(Attendance::OnDate))
                .col(small_integer(Attendance::LessonsMissed))
                .col(string(Attendance::Reason))
                .foreign_key(&mut fk(
                    (Attendance::Table, Attendance::StudentId),
                    (Student::Table, Student::Id),
                ))
                .foreign_key(&mut fk(
                    (Attendance::Table, Attendance::ClassId),
                    (Class::Table, Class::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            Attendance::Table,
            "idx_attendance_class",
            vec![
                Attendance::ClassId.into_iden(),
                Attendance::OnDate.into_iden(),
            ],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Attendance::Table.into_iden(),
            JournalMark::Table.into_iden(),
            TaskScore::Table.into_iden(),
            ProcedureResult::Table.into_iden(),
            ProcedureTask::Table.into_iden(),
            ProcedureClass::Table.into_iden(),
            Procedure::Table.into_iden(),
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
enum AcademicYear {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Term {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Class {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Student {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Procedure {
    Table,
    Id,
    SchoolId,
    AcademicYearId,
    SubjectId,
    Kind,
    Stage,
    Title,
    Grade,
    HeldOn,
    Mark3From,
    Mark4From,
    Mark5From,
    /// Where the structure comes from, or that it is illustrative (demo).
    Source,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum ProcedureClass {
    Table,
    ProcedureId,
    ClassId,
}

#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum ProcedureTask {
    Table,
    Id,
    ProcedureId,
    Position,
    Label,
    MaxScore,
    Level,
    SkillCode,
    Topic,
}

#[derive(DeriveIden)]
enum ProcedureResult {
    Table,
    Id,
    ProcedureId,
    StudentId,
    ClassId,
    Absent,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TaskScore {
    Table,
    ResultId,
    TaskId,
    Score,
}

#[derive(DeriveIden)]
enum JournalMark {
    Table,
    Id,
    StudentId,
    ClassId,
    SubjectId,
    Kind,
    TermId,
    OnDate,
    Mark,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    Id,
    StudentId,
    ClassId,
    OnDate,
    LessonsMissed,
    Reason,
}
