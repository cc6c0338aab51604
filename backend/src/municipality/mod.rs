//! The municipal view: counts per school, computed in SQL, with small groups suppressed.

pub mod results;

use std::collections::BTreeMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait,
};

use crate::entity::{academic_year, class, municipality, school, student};
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{Action, Resource};
use domain::wire::municipality::{MunicipalFigures, MunicipalTerm, SchoolFigures, SMALLEST_GROUP};

/// See `api::municipality::municipal_overview`.
pub async fn overview() -> Result<MunicipalFigures, AppError> {
    let (req, who) = Request::signed_in().await?;
    let municipality_id = who.municipality_id().ok_or(AppError::Forbidden)?;
    req.authorize(
        &who,
        Action::View,
        Resource::MunicipalAggregates { municipality_id },
    )
    .await?;
    Ok(overview_of(&req.db, municipality_id).await?)
}

/// The municipality's figures (the caller has checked that the person may see them).
pub async fn overview_of(
    db: &impl ConnectionTrait,
    municipality_id: i32,
) -> Result<MunicipalFigures, DbErr> {
    let name = municipality::Entity::find_by_id(municipality_id)
        .one(db)
        .await?
        .map(|m| m.name)
        .unwrap_or_default();
    let schools = school::Entity::find()
        .filter(school::Column::MunicipalityId.eq(municipality_id))
        .order_by_asc(school::Column::ShortName)
        .all(db)
        .await?;
    let classes = classes_per_school(db, municipality_id).await?;
    let students = students_per_school(db, municipality_id).await?;
    let mut terms = crate::municipality::results::latest_terms(db, municipality_id).await?;
    Ok(MunicipalFigures {
        name,
        schools: schools
            .into_iter()
            .map(|s| SchoolFigures {
                classes: classes.get(&s.id).copied().unwrap_or(0),
                students: Some(students.get(&s.id).copied().unwrap_or(0))
                    .filter(|n| *n >= SMALLEST_GROUP),
                term: terms
                    .remove(&s.id)
                    .and_then(|(title, t)| MunicipalTerm::of(title, &t)),
                short_name: s.short_name,
                is_shnor: s.is_shnor,
                is_shnsu: s.is_shnsu,
            })
            .collect(),
    })
}

async fn classes_per_school(
    db: &impl ConnectionTrait,
    municipality_id: i32,
) -> Result<BTreeMap<i32, u32>, DbErr> {
    let rows: Vec<(i32, i64)> = class::Entity::find()
        .select_only()
        .column(class::Column::SchoolId)
        .column_as(class::Column::Id.count(), "n")
        .join(JoinType::InnerJoin, class::Relation::AcademicYear.def())
        .join(JoinType::InnerJoin, class::Relation::School.def())
        .filter(academic_year::Column::Archived.eq(false))
        .filter(school::Column::MunicipalityId.eq(municipality_id))
        .group_by(class::Column::SchoolId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u32)).collect())
}

async fn students_per_school(
    db: &impl ConnectionTrait,
    municipality_id: i32,
) -> Result<BTreeMap<i32, u32>, DbErr> {
    let rows: Vec<(i32, i64)> = student::Entity::find()
        .select_only()
        .column(student::Column::SchoolId)
        .column_as(student::Column::Id.count(), "n")
        .join(JoinType::InnerJoin, student::Relation::School.def())
        .filter(student::Column::LeftOn.is_null())
        .filter(school::Column::MunicipalityId.eq(municipality_id))
        .group_by(student::Column::SchoolId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u32)).collect())
}
