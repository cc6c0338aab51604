use sea_orm::entity::prelude::*;

/// A mutation a device sent, with the outcome it got: a repeat is answered from here.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mutation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub device_id: String,
    pub seq: i64,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub base: Option<i64>,
    /// The device's clock as it sent it: shown to people, never used for ordering.
    pub made_at: String,
    pub received_at: ChronoDateTimeUtc,
    /// applied | rejected | held
    pub outcome: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    /// The conflict as sent back (JSON).
    #[sea_orm(column_type = "Text", nullable)]
    pub conflict: Option<String>,
    /// The change number of the deputy's decision on a held mutation.
    pub decided_no: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
