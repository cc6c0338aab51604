use sea_orm::entity::prelude::*;

/// The last write of one cell of a result: `task_id` 0 is the «не писал(а)» flag. Its version
/// is the change number that wrote it; a device sends the version it saw as a mutation's base.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "result_cell")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub result_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub task_id: i32,
    pub version: i64,
    pub device_id: Option<String>,
    pub account_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
