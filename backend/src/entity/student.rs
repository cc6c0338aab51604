use sea_orm::entity::prelude::*;

/// A student: nothing more personal than the work needs (docs/design.md §4: it is children's data).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "student")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    pub class_id: i32,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    /// ОВЗ: special educational needs, which change how results are read.
    pub has_ovz: bool,
    /// Set when the student left the school; they stay in past results.
    pub left_on: Option<Date>,
}

impl Model {
    /// «Фамилия Имя Отчество», as lists show it.
    pub fn full_name(&self) -> String {
        match &self.patronymic {
            Some(p) => format!("{} {} {}", self.last_name, self.first_name, p),
            None => format!("{} {}", self.last_name, self.first_name),
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::entity::class::Entity",
        from = "Column::ClassId",
        to = "crate::entity::class::Column::Id"
    )]
    Class,
    #[sea_orm(
        belongs_to = "crate::entity::school::Entity",
        from = "Column::SchoolId",
        to = "crate::entity::school::Column::Id"
    )]
    School,
}

impl Related<crate::entity::class::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Class.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
