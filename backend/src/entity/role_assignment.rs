use sea_orm::entity::prelude::*;

/// One role of one person, with its scope: the columns that apply to the role are set
/// (see `domain::policy::Scope`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_assignment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: i32,
    /// The role's code: `teacher`, `deputy`, … (`domain::policy::Role`).
    pub role: String,
    pub municipality_id: Option<i32>,
    pub school_id: Option<i32>,
    pub grade: Option<i16>,
    pub subject_group_id: Option<i32>,
    pub class_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
