//! The municipality's schools side by side: each school's latest term with term marks, students
//! by their lowest mark, in two queries for the whole municipality (no school's marks come into
//! memory). A school with fewer than five students counted shows no figures.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, Value};

use crate::platform::sql::{int, rows};
use domain::indicators::TermSummary;

/// Per school: the title of its latest term with term marks and the term's summary.
pub async fn latest_terms(
    db: &impl ConnectionTrait,
    municipality_id: i32,
) -> Result<BTreeMap<i32, (String, TermSummary)>, DbErr> {
    let mut latest: BTreeMap<i32, (NaiveDate, i32, String)> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT y.school_id, t.id, t.ends_on, t.name, y.name
         FROM term t JOIN academic_year y ON y.id = t.academic_year_id
         JOIN school s ON s.id = y.school_id
         WHERE s.municipality_id = $1
           AND EXISTS (SELECT 1 FROM journal_mark j WHERE j.term_id = t.id AND j.kind = 'term')",
        vec![municipality_id.into()],
    )
    .await?
    {
        let (school_id, term_id, ends_on, term, year): (i32, i32, NaiveDate, String, String) =
            row.try_get_many_by_index()?;
        let newer = latest.get(&school_id).is_none_or(|(e, _, _)| ends_on > *e);
        if newer {
            latest.insert(school_id, (ends_on, term_id, format!("{term} {year}")));
        }
    }
    if latest.is_empty() {
        return Ok(BTreeMap::new());
    }
    let ids: Vec<Value> = latest.values().map(|(_, id, _)| (*id).into()).collect();
    let list = (1..=ids.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT x.school_id, x.lowest, COUNT(*), CAST(SUM(x.total) AS BIGINT), CAST(SUM(x.n) AS BIGINT) FROM (
             SELECT c.school_id, j.student_id, MIN(j.mark) AS lowest,
                    SUM(j.mark) AS total, COUNT(CASE WHEN j.mark > 0 THEN 1 END) AS n
             FROM journal_mark j JOIN class c ON c.id = j.class_id
             WHERE j.kind = 'term' AND j.term_id IN ({list})
             GROUP BY c.school_id, j.student_id
         ) x GROUP BY x.school_id, x.lowest"
    );
    let mut out: BTreeMap<i32, (String, TermSummary)> = latest
        .into_iter()
        .map(|(school_id, (_, _, title))| (school_id, (title, TermSummary::default())))
        .collect();
    for row in rows(db, &sql, ids).await? {
        let school_id: i32 = row.try_get_by_index(0)?;
        let lowest: i16 = row.try_get_by_index(1)?;
        let students = int(&row, 2)?;
        let sum: Option<i64> = row.try_get_by_index(3)?;
        let n: Option<i64> = row.try_get_by_index(4)?;
        if let Some((_, summary)) = out.get_mut(&school_id) {
            for _ in 0..students {
                summary.students.add(lowest);
            }
            summary.marks_sum += sum.unwrap_or(0);
            summary.marks_count += n.unwrap_or(0);
        }
    }
    Ok(out)
}
