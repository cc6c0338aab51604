//! A class's term marks by subject, for its teachers and class teacher: each subject the person
//! may see in the class, and the students with a «2» in those subjects.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entity::{class, student, subject};
use crate::platform::request::Request;
use crate::platform::sql::{int, rows};
use crate::school::classes::class_ref;
use domain::error::AppError;
use domain::indicators::MarkCounts;
use domain::policy::{may, Action, Principal, Resource};
use domain::wire::analysis::{ClassTermMarks, SubjectRow};

pub async fn load(class_id: i32) -> Result<ClassTermMarks, AppError> {
    let (req, who) = Request::signed_in().await?;
    let c = class::Entity::find_by_id(class_id)
        .one(&req.db)
        .await?
        .ok_or(AppError::Forbidden)?;
    req.authorize(&who, Action::View, Resource::ClassRoster(class_ref(&c)))
        .await?;
    Ok(build(&req.db, &who, &c).await?)
}

/// The class's latest term in the subjects `who` may see there (the caller has checked that
/// they may see the class).
pub async fn build(
    db: &impl ConnectionTrait,
    who: &Principal,
    c: &class::Model,
) -> Result<ClassTermMarks, DbErr> {
    let class_id = c.id;
    let latest = rows(
        db,
        "SELECT t.id, t.name, y.name, t.ends_on FROM term t
         JOIN academic_year y ON y.id = t.academic_year_id
         WHERE EXISTS (SELECT 1 FROM journal_mark j
                       WHERE j.term_id = t.id AND j.kind = 'term' AND j.class_id = $1)
         ORDER BY t.ends_on DESC LIMIT 1",
        vec![class_id.into()],
    )
    .await?;
    let Some(row) = latest.first() else {
        return Ok(ClassTermMarks {
            term: None,
            subjects: Vec::new(),
            below: Vec::new(),
        });
    };
    let (term_id, term, year, _): (i32, String, String, NaiveDate) = row.try_get_many_by_index()?;
    let subjects: BTreeMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(c.school_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| {
            let resource = Resource::ClassSubject {
                class: class_ref(c),
                subject_id: s.id,
                subject_group_id: s.subject_group_id,
            };
            may(who, Action::View, resource)
        })
        .map(|s| (s.id, s))
        .collect();
    let mut counts: BTreeMap<i32, MarkCounts> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT j.subject_id, j.mark, COUNT(*) FROM journal_mark j
         WHERE j.term_id = $1 AND j.kind = 'term' AND j.class_id = $2
         GROUP BY j.subject_id, j.mark",
        vec![term_id.into(), class_id.into()],
    )
    .await?
    {
        let subject_id: i32 = row.try_get_by_index(0)?;
        let mark: i16 = row.try_get_by_index(1)?;
        if subjects.contains_key(&subject_id) {
            counts
                .entry(subject_id)
                .or_default()
                .add_n(mark, int(&row, 2)?);
        }
    }
    let mut twos: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT j.student_id, j.subject_id FROM journal_mark j
         WHERE j.term_id = $1 AND j.kind = 'term' AND j.class_id = $2 AND j.mark <= 2",
        vec![term_id.into(), class_id.into()],
    )
    .await?
    {
        let (student_id, subject_id): (i32, i32) = row.try_get_many_by_index()?;
        if let Some(s) = subjects.get(&subject_id) {
            twos.entry(student_id).or_default().push(s.name.clone());
        }
    }
    let mut below: Vec<(String, Vec<String>)> = student::Entity::find()
        .filter(student::Column::Id.is_in(twos.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let mut list = twos.remove(&s.id).unwrap_or_default();
            list.sort();
            (s.full_name(), list)
        })
        .collect();
    below.sort();
    let mut rows: Vec<SubjectRow> = counts
        .into_iter()
        .map(|(id, counts)| SubjectRow {
            subject_id: id,
            name: subjects[&id].name.clone(),
            counts,
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(ClassTermMarks {
        term: Some(format!("{term} {year}")),
        subjects: rows,
        below,
    })
}
