//! Queries about schools and municipalities.

pub mod classes;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::{
    academic_year, municipality, role_assignment, school, subject, subject_group, term,
};
use crate::platform::people;
use crate::platform::request::Request;
use crate::school::classes::summaries;
use domain::error::AppError;
use domain::policy::{Action, Resource, Role};
use domain::wire::school::{SchoolInfo, SubjectGroupInfo, TermInfo};

/// See `api::school::installation_name`.
pub async fn installation_name(db: &impl ConnectionTrait) -> Result<Option<String>, DbErr> {
    let schools = school::Entity::find()
        .order_by_asc(school::Column::Id)
        .paginate(db, 2)
        .fetch_page(0)
        .await?;
    match schools.as_slice() {
        [] => Ok(None),
        [only] => Ok(Some(only.short_name.clone())),
        [first, ..] => Ok(municipality::Entity::find_by_id(first.municipality_id)
            .one(db)
            .await?
            .map(|m| m.name)),
    }
}

/// See `api::school::school_overview`.
pub async fn overview() -> Result<SchoolInfo, AppError> {
    let (req, who, school_id) = Request::school_access(Action::View, |school_id| {
        Resource::SchoolStructure { school_id }
    })
    .await?;
    let db = &req.db;
    let school = school::Entity::find_by_id(school_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let year = current_year(db, school_id).await?;
    let (terms, classes) = match &year {
        Some(year) => {
            let terms = term::Entity::find()
                .filter(term::Column::AcademicYearId.eq(year.id))
                .order_by_asc(term::Column::Number)
                .all(db)
                .await?
                .into_iter()
                .map(|t| TermInfo {
                    name: t.name,
                    starts_on: t.starts_on.to_string(),
                    ends_on: t.ends_on.to_string(),
                })
                .collect();
            let classes = crate::school::classes::of_year(db, year.id).await?;
            (terms, summaries(db, &who, school_id, classes).await?)
        }
        None => (Vec::new(), Vec::new()),
    };
    let staff = role_assignment::Entity::find()
        .select_only()
        .column(role_assignment::Column::AccountId)
        .distinct()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .len() as u32;
    Ok(SchoolInfo {
        short_name: school.short_name,
        full_name: school.name,
        is_shnor: school.is_shnor,
        is_shnsu: school.is_shnsu,
        year: year.map(|y| y.name),
        terms,
        classes,
        groups: groups(db, school_id).await?,
        staff,
    })
}

/// The year being worked in: the latest one not archived.
pub async fn current_year(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<Option<academic_year::Model>, DbErr> {
    academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school_id))
        .filter(academic_year::Column::Archived.eq(false))
        .order_by_desc(academic_year::Column::StartsOn)
        .order_by_desc(academic_year::Column::Id)
        .one(db)
        .await
}

/// The current year, or the Russian reason the request cannot go on without one.
pub async fn this_year(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<academic_year::Model, AppError> {
    current_year(db, school_id)
        .await?
        .ok_or_else(|| AppError::invalid("В школе не задан текущий учебный год."))
}

async fn groups(db: &impl ConnectionTrait, school_id: i32) -> Result<Vec<SubjectGroupInfo>, DbErr> {
    let groups = subject_group::Entity::find()
        .filter(subject_group::Column::SchoolId.eq(school_id))
        .order_by_asc(subject_group::Column::Id)
        .all(db)
        .await?;
    let subjects = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .order_by_asc(subject::Column::Id)
        .all(db)
        .await?;
    let heads = role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .filter(role_assignment::Column::Role.eq(Role::MoHead.code()))
        .all(db)
        .await?;
    let names = people::names(db, heads.iter().map(|h| h.account_id)).await?;
    Ok(groups
        .into_iter()
        .map(|g| SubjectGroupInfo {
            head: heads
                .iter()
                .find(|h| h.subject_group_id == Some(g.id))
                .and_then(|h| names.get(&h.account_id).cloned()),
            subjects: subjects
                .iter()
                .filter(|s| s.subject_group_id == Some(g.id))
                .map(|s| s.name.clone())
                .collect(),
            name: g.name,
        })
        .collect())
}
