use sea_orm::entity::prelude::*;

/// A mark from the e-journal: current (текущая), term (четвертная) or year (годовая).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "journal_mark")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub student_id: i32,
    /// The class the student was in when the mark was given.
    pub class_id: i32,
    pub subject_id: i32,
    /// `current`, `term` or `year`.
    pub kind: String,
    pub term_id: Option<i32>,
    pub on_date: Date,
    /// 1–5, or 0 for «н/а» (`domain::journal::NOT_ATTESTED`): in N, failing, no mark for a mean.
    pub mark: i16,
    /// The journal file it came from (`journal_import`); none for the demo's.
    pub import_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
