use sea_orm::entity::prelude::*;

/// The score of one task in one result, from 0 to the task's maximum.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "task_score")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub result_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub task_id: i32,
    pub score: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
