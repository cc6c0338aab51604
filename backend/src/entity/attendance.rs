use sea_orm::entity::prelude::*;

/// Lessons a student missed on one day, and why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub student_id: i32,
    pub class_id: i32,
    pub on_date: Date,
    pub lessons_missed: i16,
    /// `excused` (уважительная), `illness` (болезнь) or `unexcused` (неуважительная).
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
