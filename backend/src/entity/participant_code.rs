use sea_orm::entity::prelude::*;

/// A pupil's participant code in one ВПР: what ФИС ОКО's forms and reports know the pupil by.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "participant_code")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub procedure_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub student_id: i32,
    pub code: String,
    /// The variant the pupil wrote (1, 2…), when the school's list gives it.
    pub variant: Option<i16>,
    pub issued_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
