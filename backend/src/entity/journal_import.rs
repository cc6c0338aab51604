use sea_orm::entity::prelude::*;

/// One load of e-journal files: who loaded what, and when. Marks and absences it wrote point
/// here, so a figure can say where it came from.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "journal_import")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    pub account_id: Option<i32>,
    pub loaded_at: ChronoDateTimeUtc,
    /// The files' names, one per line.
    pub files: String,
    /// What changed, in Russian («добавлено 120, изменено 3»).
    pub summary: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
