use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "school")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_id: i32,
    /// The full official name, as on the school's documents.
    pub name: String,
    /// What people call it: «Школа № 17».
    pub short_name: String,
    /// ШНОР: a school with low educational results (seeds 002).
    pub is_shnor: bool,
    /// ШНСУ: a school working in unfavourable social conditions (seeds 002).
    pub is_shnsu: bool,
    /// IANA zone; deadlines are dates in the school's own timezone.
    pub timezone: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::entity::municipality::Entity",
        from = "Column::MunicipalityId",
        to = "crate::entity::municipality::Column::Id"
    )]
    Municipality,
}

impl Related<crate::entity::municipality::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Municipality.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
