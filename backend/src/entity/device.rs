use sea_orm::entity::prelude::*;

/// A tablet or browser that syncs, bound to the account it was first signed in with.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "device")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub account_id: i32,
    pub user_agent: Option<String>,
    pub created_at: ChronoDateTimeUtc,
    pub last_sync_at: Option<ChronoDateTimeUtc>,
    /// Every mutation up to this seq has an outcome.
    pub applied_seq: i64,
    /// The highest seq the device says it has made.
    pub last_seq_made: i64,
    /// Since when the device has said it made edits past `applied_seq` without sending them.
    pub gap_seen_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
