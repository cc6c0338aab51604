use sea_orm::entity::prelude::*;

/// One change to a result, numbered globally; devices pull what they may see by number.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub no: i64,
    pub at: ChronoDateTimeUtc,
    pub school_id: i32,
    pub class_id: i32,
    pub subject_id: i32,
    pub procedure_id: i32,
    pub result_id: i32,
    pub mutation_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
