use sea_orm::entity::prelude::*;

/// A value a later write overwrote. A conflict (overwritten by someone who had not seen it)
/// stays shown to both authors and the deputy until someone resolves it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cell_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub result_id: i32,
    pub task_id: i32,
    /// A score, "" for an empty cell, "absent"/"present" for the flag.
    pub value: Option<String>,
    pub version: i64,
    pub account_id: Option<i32>,
    pub device_id: Option<String>,
    /// The mutation that overwrote it.
    pub replaced_by: String,
    pub replaced_at: ChronoDateTimeUtc,
    pub conflict: bool,
    pub resolved_by: Option<i32>,
    pub resolved_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
