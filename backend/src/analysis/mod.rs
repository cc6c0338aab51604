//! The deputy's analysis in SQL: term marks counted per subject (and per class of a subject),
//! procedure marks counted per procedure. Narrowed to the МО an МО head heads.

pub mod class_term;

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::dashboard::objectivity::{result_marks, since};
use crate::dashboard::period::{marked_terms, Period};
use crate::entity::{class, procedure, subject};
use crate::platform::people;
use crate::platform::request::Request;
use crate::platform::sql::{int, rows};
use domain::assessment::ProcedureKind;
use domain::error::AppError;
use domain::indicators::MarkCounts;
use domain::policy::{Action, Principal, Resource};
use domain::wire::analysis::{ClassRow, ProcedureRow, SchoolAnalysis, SubjectRow, TeacherRow};

fn add(counts: &mut MarkCounts, mark: i16, n: u32) {
    counts.add_n(mark, n);
}

/// The school's subjects this person reads results of.
async fn subjects_for(
    db: &impl ConnectionTrait,
    who: &Principal,
    school_id: i32,
) -> Result<Vec<subject::Model>, DbErr> {
    let all = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .order_by_asc(subject::Column::Name)
        .all(db)
        .await?;
    Ok(match who.result_groups(school_id) {
        None => all,
        Some(groups) => all
            .into_iter()
            .filter(|s| s.subject_group_id.is_some_and(|g| groups.contains(&g)))
            .collect(),
    })
}

/// Term marks per subject and mark in one term.
pub async fn subject_counts(
    db: &impl ConnectionTrait,
    term: &Period,
) -> Result<BTreeMap<i32, MarkCounts>, DbErr> {
    let mut out: BTreeMap<i32, MarkCounts> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT j.subject_id, j.mark, COUNT(*) FROM journal_mark j
         WHERE j.term_id = $1 AND j.kind = 'term' GROUP BY j.subject_id, j.mark",
        vec![term.term_id.into()],
    )
    .await?
    {
        let subject_id: i32 = row.try_get_by_index(0)?;
        let mark: i16 = row.try_get_by_index(1)?;
        add(out.entry(subject_id).or_default(), mark, int(&row, 2)?);
    }
    Ok(out)
}

/// The term marks of `subjects` by the teacher who teaches the class the subject (two teachers
/// sharing a class and subject both count its marks).
async fn teacher_rows(
    db: &impl ConnectionTrait,
    term: &Period,
    subjects: &[subject::Model],
) -> Result<Vec<TeacherRow>, DbErr> {
    let names: BTreeMap<i32, &str> = subjects.iter().map(|s| (s.id, s.name.as_str())).collect();
    let mut by_teacher: BTreeMap<i32, (MarkCounts, BTreeSet<&str>)> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT t.account_id, j.subject_id, j.mark, COUNT(*) FROM journal_mark j
         JOIN teaching_assignment t ON t.class_id = j.class_id AND t.subject_id = j.subject_id
         WHERE j.term_id = $1 AND j.kind = 'term'
         GROUP BY t.account_id, j.subject_id, j.mark",
        vec![term.term_id.into()],
    )
    .await?
    {
        let (account_id, subject_id): (i32, i32) =
            (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
        let mark: i16 = row.try_get_by_index(2)?;
        let Some(name) = names.get(&subject_id) else {
            continue;
        };
        let entry = by_teacher.entry(account_id).or_default();
        add(&mut entry.0, mark, int(&row, 3)?);
        entry.1.insert(name);
    }
    let people = people::names(db, by_teacher.keys().copied()).await?;
    let mut out: Vec<TeacherRow> = by_teacher
        .into_iter()
        .map(|(id, (counts, subjects))| TeacherRow {
            name: people.get(&id).cloned().unwrap_or_default(),
            subjects: subjects.into_iter().collect::<Vec<_>>().join(", "),
            counts,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Written results per procedure and mark, since `since`.
pub async fn procedure_counts(
    db: &impl ConnectionTrait,
    school_id: i32,
    since: chrono::NaiveDate,
) -> Result<BTreeMap<i32, MarkCounts>, DbErr> {
    let sql = format!(
        "SELECT x.procedure_id, x.mark, COUNT(*) FROM ({}) x GROUP BY x.procedure_id, x.mark",
        result_marks("p.school_id = $1 AND p.held_on >= $2")
    );
    let mut out: BTreeMap<i32, MarkCounts> = BTreeMap::new();
    for row in rows(db, &sql, vec![school_id.into(), since.into()]).await? {
        let procedure_id: i32 = row.try_get_by_index(0)?;
        let mark: i32 = row.try_get_by_index(1)?;
        add(
            out.entry(procedure_id).or_default(),
            mark as i16,
            int(&row, 2)?,
        );
    }
    Ok(out)
}

async fn reader(req: &Request) -> Result<(Principal, i32), AppError> {
    let who = req.principal().await?;
    let school_id = req
        .school_of(&who, Action::View, |school_id| Resource::SchoolResults {
            school_id,
        })
        .await?;
    Ok((who, school_id))
}

pub async fn school(term_id: Option<i32>) -> Result<SchoolAnalysis, AppError> {
    let req = Request::current()?;
    let (who, school_id) = reader(&req).await?;
    Ok(school_for(&req.db, &who, school_id, term_id).await?)
}

/// The chosen term among the school's terms with term marks, or the latest; a term of another
/// school is not among them, so it is never read.
async fn chosen(
    db: &impl ConnectionTrait,
    school_id: i32,
    term_id: Option<i32>,
) -> Result<(Vec<Period>, Option<Period>), DbErr> {
    let terms = marked_terms(db, school_id).await?;
    let pick = match term_id {
        Some(id) => terms.iter().find(|t| t.term_id == id).cloned(),
        None => terms.first().cloned(),
    };
    Ok((terms, pick))
}

/// The analysis of a school as `who` may read it.
pub async fn school_for(
    db: &impl ConnectionTrait,
    who: &Principal,
    school_id: i32,
    term_id: Option<i32>,
) -> Result<SchoolAnalysis, DbErr> {
    let subjects = subjects_for(db, who, school_id).await?;
    let (terms, term) = chosen(db, school_id, term_id).await?;
    let by_subject = match &term {
        Some(t) => subject_counts(db, t).await?,
        None => BTreeMap::new(),
    };
    let mut procedures = Vec::new();
    if let Some(since) = since(db, school_id).await? {
        let counts = procedure_counts(db, school_id, since).await?;
        let entered = crate::completeness::of_school(db, school_id, since).await?;
        let ids: Vec<i32> = subjects.iter().map(|s| s.id).collect();
        procedures = procedure::Entity::find()
            .filter(procedure::Column::Id.is_in(counts.keys().copied()))
            .filter(procedure::Column::SubjectId.is_in(ids))
            .order_by_desc(procedure::Column::HeldOn)
            .order_by_asc(procedure::Column::Title)
            .all(db)
            .await?
            .into_iter()
            .map(|p| ProcedureRow {
                counts: counts[&p.id],
                completeness: crate::completeness::total(&entered, p.id),
                kind: ProcedureKind::from_code(&p.kind)
                    .map(|k| k.title().to_string())
                    .unwrap_or_else(|| p.kind.clone()),
                procedure_id: p.id,
                title: p.title,
                held_on: p.held_on.to_string(),
            })
            .collect();
    }
    let teachers = match &term {
        Some(t) => teacher_rows(db, t, &subjects).await?,
        None => Vec::new(),
    };
    Ok(SchoolAnalysis {
        teachers,
        term: term.as_ref().map(|t| t.title.clone()),
        term_id: term.as_ref().map(|t| t.term_id),
        terms: terms.iter().map(|t| (t.term_id, t.title.clone())).collect(),
        narrowed: who.result_groups(school_id).is_some(),
        subjects: subjects
            .into_iter()
            .filter_map(|s| {
                by_subject.get(&s.id).map(|counts| SubjectRow {
                    subject_id: s.id,
                    name: s.name,
                    counts: *counts,
                })
            })
            .collect(),
        procedures,
    })
}

pub async fn subject_classes(
    subject_id: i32,
    term_id: Option<i32>,
) -> Result<Vec<ClassRow>, AppError> {
    let req = Request::current()?;
    let (who, school_id) = reader(&req).await?;
    let db = &req.db;
    if !subjects_for(db, &who, school_id)
        .await?
        .iter()
        .any(|s| s.id == subject_id)
    {
        return Err(AppError::Forbidden);
    }
    let Some(term) = chosen(db, school_id, term_id).await?.1 else {
        return Ok(Vec::new());
    };
    let mut by_class: BTreeMap<i32, MarkCounts> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT j.class_id, j.mark, COUNT(*) FROM journal_mark j
         WHERE j.term_id = $1 AND j.kind = 'term' AND j.subject_id = $2
         GROUP BY j.class_id, j.mark",
        vec![term.term_id.into(), subject_id.into()],
    )
    .await?
    {
        let class_id: i32 = row.try_get_by_index(0)?;
        let mark: i16 = row.try_get_by_index(1)?;
        add(by_class.entry(class_id).or_default(), mark, int(&row, 2)?);
    }
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(by_class.keys().copied()))
        .order_by_asc(class::Column::Grade)
        .order_by_asc(class::Column::Letter)
        .all(db)
        .await?;
    Ok(classes
        .into_iter()
        .map(|c| ClassRow {
            class_id: c.id,
            name: c.name(),
            grade: c.grade,
            counts: by_class[&c.id],
        })
        .collect())
}
