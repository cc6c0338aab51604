use sea_orm::entity::prelude::*;

/// How many lessons of a subject a grade has in the school year (the curriculum's figure), set
/// once a year by the deputy: the schedule's load check counts procedures against it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "subject_lessons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub academic_year_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub subject_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub grade: i16,
    pub lessons: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
