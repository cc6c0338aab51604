use sea_orm::entity::prelude::*;

/// A dated progress note. Append-only: notes never conflict.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "measure_note")]
pub struct Model {
    /// Made by the device that typed it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub measure_id: i32,
    pub account_id: i32,
    /// The device's clock, as the device sent it.
    pub written_at: String,
    pub received_at: ChronoDateTimeUtc,
    pub text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
