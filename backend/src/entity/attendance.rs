use sea_orm::entity::prelude::*;

/// Lessons a student missed on one day, and why; or, with a term, in that whole term (a journal
/// that gives totals only), dated on the term's last day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub student_id: i32,
    pub class_id: i32,
    pub on_date: Date,
    pub lessons_missed: i16,
    /// `excused` (уважительная), `illness` (болезнь), `unexcused` (неуважительная) or
    /// `unspecified` (the journal gives no reason).
    pub reason: String,
    pub import_id: Option<i32>,
    pub term_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
