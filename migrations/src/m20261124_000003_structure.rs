//! The school's structure: years and terms, subjects and МО, classes and students, who holds
//! which role where, and who teaches what.

use sea_orm_migration::{prelude::*, schema::*};

use crate::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AcademicYear::Table)
                .if_not_exists()
                .col(pk_auto(AcademicYear::Id))
                .col(integer(AcademicYear::SchoolId))
                .col(string(AcademicYear::Name))
                .col(date(AcademicYear::StartsOn))
                .col(date(AcademicYear::EndsOn))
                .col(boolean(AcademicYear::Archived).default(false))
                .foreign_key(&mut fk(
                    (AcademicYear::Table, AcademicYear::SchoolId),
                    (School::Table, School::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Term::Table)
                .if_not_exists()
                .col(pk_auto(Term::Id))
                .col(integer(Term::AcademicYearId))
                .col(small_integer(Term::Number))
                .col(string(Term::Name))
                .col(date(Term::StartsOn))
                .col(date(Term::EndsOn))
                .foreign_key(&mut fk(
                    (Term::Table, Term::AcademicYearId),
                    (AcademicYear::Table, AcademicYear::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SubjectGroup::Table)
                .if_not_exists()
                .col(pk_auto(SubjectGroup::Id))
                .col(integer(SubjectGroup::SchoolId))
                .col(string(SubjectGroup::Name))
                .foreign_key(&mut fk(
                    (SubjectGroup::Table, SubjectGroup::SchoolId),
                    (School::Table, School::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Subject::Table)
                .if_not_exists()
                .col(pk_auto(Subject::Id))
                .col(integer(Subject::SchoolId))
                .col(integer_null(Subject::SubjectGroupId))
                .col(string(Subject::Name))
                .foreign_key(&mut fk(
                    (Subject::Table, Subject::SchoolId),
                    (School::Table, School::Id),
                ))
                .foreign_key(
                    ForeignKey::create()
                        .from(Subject::Table, Subject::SubjectGroupId)
                        .to(SubjectGroup::Table, SubjectGroup::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Class::Table)
                .if_not_exists()
                .col(pk_auto(Class::Id))
                .col(integer(Class::SchoolId))
                .col(integer(Class::AcademicYearId))
                .col(small_integer(Class::Grade))
                .col(string(Class::Letter))
                .foreign_key(&mut fk(
                    (Class::Table, Class::SchoolId),
                    (School::Table, School::Id),
                ))
                .foreign_key(&mut fk(
                    (Class::Table, Class::AcademicYearId),
                    (AcademicYear::Table, AcademicYear::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Student::Table)
                .if_not_exists()
                .col(pk_auto(Student::Id))
                .col(integer(Student::SchoolId))
                .col(integer(Student::ClassId))
                .col(string(Student::LastName))
                .col(string(Student::FirstName))
                .col(string_null(Student::Patronymic))
                .col(boolean(Student::HasOvz).default(false))
                .col(date_null(Student::LeftOn))
                .foreign_key(&mut fk(
                    (Student::Table, Student::SchoolId),
                    (School::Table, School::Id),
                ))
                .foreign_key(&mut fk(
                    (Student::Table, Student::ClassId),
                    (Class::Table, Class::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .if_not_exists()
                .name("idx_student_class")
                .table(Student::Table)
                .col(Student::ClassId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RoleAssignment::Table)
                .if_not_exists()
                .col(pk_auto(RoleAssignment::Id))
                .col(integer(RoleAssignment::AccountId))
                .col(string(RoleAssignment::Role))
                .col(integer_null(RoleAssignment::MunicipalityId))
                .col(integer_null(RoleAssignment::SchoolId))
                .col(small_integer_null(RoleAssignment::Grade))
                .col(integer_null(RoleAssignment::SubjectGroupId))
                .col(integer_null(RoleAssignment::ClassId))
                .foreign_key(&mut fk(
                    (RoleAssignment::Table, RoleAssignment::AccountId),
                    (Account::Table, Account::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TeachingAssignment::Table)
                .if_not_exists()
                .col(pk_auto(TeachingAssignment::Id))
                .col(integer(TeachingAssignment::AccountId))
                .col(integer(TeachingAssignment::ClassId))
                .col(integer(TeachingAssignment::SubjectId))
                .foreign_key(&mut fk(
                    (TeachingAssignment::Table, TeachingAssignment::AccountId),
                    (Account::Table, Account::Id),
                ))
                .foreign_key(&mut fk(
                    (TeachingAssignment::Table, TeachingAssignment::ClassId),
                    (Class::Table, Class::Id),
                ))
                .foreign_key(&mut fk(
                    (TeachingAssignment::Table, TeachingAssignment::SubjectId),
                    (Subject::Table, Subject::Id),
                ))
                .to_owned(),
        )
        .await
    }
}

/// A foreign key whose rows go with the row they belong to.
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
enum AcademicYear {
    Table,
    Id,
    SchoolId,
    Name,
    StartsOn,
    EndsOn,
    Archived,
}

#[derive(DeriveIden)]
enum Term {
    Table,
    Id,
    AcademicYearId,
    Number,
    Name,
    StartsOn,
    EndsOn,
}

#[derive(DeriveIden)]
enum SubjectGroup {
    Table,
    Id,
    SchoolId,
    Name,
}

// The column is named after the table it points to, as every foreign key here is.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
    SchoolId,
    SubjectGroupId,
    Name,
}

#[derive(DeriveIden)]
enum Class {
    Table,
    Id,
    SchoolId,
    AcademicYearId,
    Grade,
    Letter,
}

#[derive(DeriveIden)]
enum Student {
    Table,
    Id,
    SchoolId,
    ClassId,
    LastName,
    FirstName,
    Patronymic,
    HasOvz,
    LeftOn,
}

#[derive(DeriveIden)]
enum RoleAssignment {
    Table,
    Id,
    AccountId,
    Role,
    MunicipalityId,
    SchoolId,
    Grade,
    SubjectGroupId,
    ClassId,
}

#[derive(DeriveIden)]
enum TeachingAssignment {
    Table,
    Id,
    AccountId,
    ClassId,
    SubjectId,
}
