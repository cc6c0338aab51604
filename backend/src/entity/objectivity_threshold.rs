use sea_orm::entity::prelude::*;

/// A school's own objectivity thresholds; without a row the school uses Mera's defaults
/// ([`domain::indicators::objectivity::Thresholds::default`]).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "objectivity_threshold")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub school_id: i32,
    pub lowered_over: f64,
    pub raised_over: f64,
    pub updated_by: Option<i32>,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
