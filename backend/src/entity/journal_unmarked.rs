use sea_orm::entity::prelude::*;

/// A journal value that is no mark and is out of N: «осв» (`exempt`), «зач» (`pass`), «незач»
/// (`fail`). Kept as the journal has it, beside `journal_mark`'s marks and «н/а».
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "journal_unmarked")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub student_id: i32,
    pub class_id: i32,
    pub subject_id: i32,
    /// `current`, `term` or `year`, as in `journal_mark`.
    pub kind: String,
    pub term_id: Option<i32>,
    pub on_date: Date,
    pub value: String,
    pub import_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
