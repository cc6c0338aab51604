use sea_orm::entity::prelude::*;

/// A plan of measures of one school: the innovation improvement plan (seeds 001), an exam road map
/// (seeds 004) or a quality programme (seeds 002).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    /// A [`domain::plan::PlanKind`] code.
    pub kind: String,
    pub title: String,
    pub created_by: Option<i32>,
    pub created_at: ChronoDateTimeUtc,
    pub approved_by: Option<i32>,
    pub approved_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
