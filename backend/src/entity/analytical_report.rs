use sea_orm::entity::prelude::*;

/// The analytical report of one procedure (seeds 001 §7.1): the figures are computed each time
/// from the results; what is stored is what the deputy typed, the conclusions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "analytical_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub procedure_id: i32,
    pub conclusions: String,
    pub updated_by: Option<i32>,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
