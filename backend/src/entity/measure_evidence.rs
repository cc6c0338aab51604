use sea_orm::entity::prelude::*;

/// Evidence of a measure: a link, or a file kept in the database (`content`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "measure_evidence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub measure_id: i32,
    pub account_id: i32,
    pub added_at: ChronoDateTimeUtc,
    pub title: String,
    pub url: Option<String>,
    pub content_type: Option<String>,
    pub size: Option<i64>,
    pub content: Option<Vec<u8>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
