use sea_orm::entity::prelude::*;

/// A class of one year: grade (параллель 1–11) and letter, shown as «5А».
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "class")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    pub academic_year_id: i32,
    pub grade: i16,
    pub letter: String,
}

impl Model {
    pub fn name(&self) -> String {
        format!("{}{}", self.grade, self.letter)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "crate::entity::student::Entity")]
    Student,
    #[sea_orm(
        belongs_to = "crate::entity::academic_year::Entity",
        from = "Column::AcademicYearId",
        to = "crate::entity::academic_year::Column::Id"
    )]
    AcademicYear,
    #[sea_orm(
        belongs_to = "crate::entity::school::Entity",
        from = "Column::SchoolId",
        to = "crate::entity::school::Column::Id"
    )]
    School,
}

impl Related<crate::entity::student::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Student.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
