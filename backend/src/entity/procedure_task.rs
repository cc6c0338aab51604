use sea_orm::entity::prelude::*;

/// One task of a procedure: its label as the paper prints it («9.1», «4К2»), its maximum score,
/// its level and what it checks.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure_task")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub procedure_id: i32,
    pub position: i16,
    pub label: String,
    pub max_score: i16,
    /// `base` or `advanced`.
    pub level: Option<String>,
    /// The code of the checked skill in the кодификатор.
    pub skill_code: Option<String>,
    pub topic: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
