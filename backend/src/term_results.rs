//! Term results aggregated in SQL: one row per student (lowest mark, sum, count), never the
//! term's marks themselves, so a school of any size costs the same few hundred rows.

use std::collections::BTreeMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use sea_orm::sea_query::{Expr, ExprTrait};

use crate::entity::{journal_mark, term};
use crate::platform::request::Request;
use crate::school::current_year;
use domain::error::AppError;
use domain::indicators::TermSummary;
use domain::policy::{Action, Resource};
use domain::wire::term_results::{ClassTerm, TermResults};

/// Per class: `(lowest, sum, count)` for each of its students with term marks in `term_id`.
pub async fn per_student(
    db: &impl ConnectionTrait,
    term_id: i32,
) -> Result<BTreeMap<i32, Vec<(i16, i64, i64)>>, DbErr> {
    let rows: Vec<(i32, i32, i16, i64, i64)> = journal_mark::Entity::find()
        .select_only()
        .column(journal_mark::Column::ClassId)
        .column(journal_mark::Column::StudentId)
        .column_as(journal_mark::Column::Mark.min(), "lowest")
        .column_as(journal_mark::Column::Mark.sum().cast_as("bigint"), "total")
        // «н/а» (0) lowers the student's lowest; the mean is over marks only.
        .column_as(Expr::cust("COUNT(CASE WHEN mark > 0 THEN 1 END)"), "n")
        .filter(journal_mark::Column::Kind.eq("term"))
        .filter(journal_mark::Column::TermId.eq(term_id))
        .group_by(journal_mark::Column::ClassId)
        .group_by(journal_mark::Column::StudentId)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_class: BTreeMap<i32, Vec<(i16, i64, i64)>> = BTreeMap::new();
    for (class_id, _, lowest, total, n) in rows {
        by_class
            .entry(class_id)
            .or_default()
            .push((lowest, total, n));
    }
    Ok(by_class)
}

pub async fn load() -> Result<TermResults, AppError> {
    let (req, _, school_id) = Request::school_access(Action::View, |school_id| {
        Resource::SchoolResults { school_id }
    })
    .await?;
    let db = &req.db;
    let empty = TermResults {
        term: None,
        school: TermSummary::default(),
        classes: Vec::new(),
    };
    let Some(year) = current_year(db, school_id).await? else {
        return Ok(empty);
    };
    let terms = term::Entity::find()
        .filter(term::Column::AcademicYearId.eq(year.id))
        .order_by_desc(term::Column::Number)
        .all(db)
        .await?;
    for t in terms {
        let by_class = per_student(db, t.id).await?;
        if by_class.is_empty() {
            continue;
        }
        let classes = crate::school::classes::of_year(db, year.id).await?;
        let mut school = TermSummary::default();
        let mut rows = Vec::new();
        for c in classes {
            let Some(students) = by_class.get(&c.id) else {
                continue;
            };
            let summary = TermSummary::from_students(students);
            school.merge(&summary);
            rows.push(ClassTerm {
                class_id: c.id,
                name: c.name(),
                summary,
            });
        }
        return Ok(TermResults {
            term: Some(t.name),
            school,
            classes: rows,
        });
    }
    Ok(empty)
}
