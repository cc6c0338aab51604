use sea_orm::entity::prelude::*;

/// One student in one procedure: absent («не писал(а)»), or present with task scores
/// ([`crate::entity::task_score`]). The total and the mark are derived, never stored.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure_result")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub procedure_id: i32,
    pub student_id: i32,
    /// The class the student was in when writing.
    pub class_id: i32,
    pub absent: bool,
    pub updated_by: Option<i32>,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
