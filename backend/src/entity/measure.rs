use sea_orm::entity::prelude::*;

/// One measure of a plan. Overdue is derived from `due_on` in the school's timezone.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "measure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub section_id: i32,
    pub position: i16,
    pub title: String,
    pub period: Option<String>,
    pub starts_on: Option<Date>,
    pub due_on: Option<Date>,
    /// Expected documents, one per line.
    pub documents: String,
    /// A [`domain::plan::MeasureStatus`] code.
    pub status: String,
    pub cancel_reason: Option<String>,
    /// Counts status changes.
    pub version: i64,
    pub updated_at: ChronoDateTimeUtc,
}

impl Model {
    pub fn status(&self) -> domain::plan::MeasureStatus {
        domain::plan::MeasureStatus::from_code(&self.status)
            .unwrap_or(domain::plan::MeasureStatus::Planned)
    }

    pub fn due(&self) -> Option<domain::plan::Day> {
        use chrono::Datelike;
        self.due_on
            .map(|d| domain::plan::Day::from_ymd(i64::from(d.year()), d.month(), d.day()))
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
