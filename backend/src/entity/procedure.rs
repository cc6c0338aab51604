use sea_orm::entity::prelude::*;

/// An assessment procedure (оценочная процедура): a ВПР, a контрольная, a диагностика… for one
/// subject and grade level, with a scale from the total primary score to a mark.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    pub academic_year_id: i32,
    pub subject_id: i32,
    /// A [`domain::assessment::ProcedureKind`] code.
    pub kind: String,
    /// входной / промежуточный / итоговый, when the procedure is one stage of a series.
    pub stage: Option<String>,
    pub title: String,
    pub grade: i16,
    pub held_on: Date,
    /// The lowest total that earns a 3, a 4, a 5.
    pub mark3_from: i16,
    pub mark4_from: i16,
    pub mark5_from: i16,
    /// Where the task list and scale come from, or a note that they are illustrative.
    pub source: Option<String>,
    /// When the deputy closed it for editing; later changes wait for her approval.
    pub closed_at: Option<ChronoDateTimeUtc>,
    /// Cancelled: a procedure with results is never deleted; it leaves the lists and the figures.
    pub cancelled_at: Option<ChronoDateTimeUtc>,
    /// The change number of its last paper change (0: never changed), pulled by devices.
    pub paper_no: i64,
    /// The primary → test score table as JSON (`[0, 3, 5, …]`), for an ОГЭ or ЕГЭ.
    pub score_table: Option<String>,
    /// The earlier procedure its dynamics compare with, when the deputy chose one
    /// (`domain::indicators::pairing` proposes the rest).
    pub follows_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
