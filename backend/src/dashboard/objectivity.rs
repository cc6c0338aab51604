//! Objectivity of a school's procedures in SQL: each written result's mark (from its task
//! scores and the procedure's scale) against the student's term mark in the procedure's
//! subject for the last term that ended before the procedure, counted per procedure and class.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::completeness;
use crate::entity::{academic_year, class, objectivity_threshold, procedure};
use crate::platform::sql::{int, rows};
use domain::indicators::completeness::Completeness;
use domain::indicators::objectivity::{Comparison, Thresholds};
use domain::wire::dashboard::{ObjectivityRow, ProcedureObjectivity};

/// Per (procedure, class): понизили, подтвердили, повысили.
pub async fn comparisons(
    db: &impl ConnectionTrait,
    school_id: i32,
    since: NaiveDate,
) -> Result<BTreeMap<(i32, i32), Comparison>, DbErr> {
    let sql = format!(
        "SELECT x.procedure_id, x.class_id,
                SUM(CASE WHEN x.mark < j.mark THEN 1 ELSE 0 END),
                SUM(CASE WHEN x.mark = j.mark THEN 1 ELSE 0 END),
                SUM(CASE WHEN x.mark > j.mark THEN 1 ELSE 0 END)
         FROM (
             {marks}
         ) x
         JOIN journal_mark j ON j.student_id = x.student_id AND j.subject_id = x.subject_id
                            AND j.kind = 'term' AND j.mark > 0
         WHERE {AGAINST}
         GROUP BY x.procedure_id, x.class_id",
        marks = result_marks("p.school_id = $1 AND p.held_on >= $2")
    );
    let found = rows(db, &sql, vec![school_id.into(), since.into()]).await?;
    let mut out = BTreeMap::new();
    for row in &found {
        let key: (i32, i32) = row.try_get_many_by_index()?;
        out.insert(
            key,
            Comparison {
                lowered: int(row, 2)?,
                confirmed: int(row, 3)?,
                raised: int(row, 4)?,
            },
        );
    }
    Ok(out)
}

/// The journal mark `j` a result `x` is set against: the term mark of the last term of the
/// school (`$1`) that ended before the procedure.
pub const AGAINST: &str = "j.term_id = (
    SELECT t.id FROM term t JOIN academic_year y ON y.id = t.academic_year_id
    WHERE y.school_id = $1 AND t.ends_on < x.held_on
    ORDER BY t.ends_on DESC LIMIT 1)";

/// Each written result's mark, derived from its task scores and the procedure's scale as
/// [`domain::assessment::Scale::mark`] does; a result not fully scored is left out, and so is a
/// cancelled procedure.
/// Columns: procedure_id, class_id, student_id, subject_id, held_on, mark, total.
pub fn result_marks(filter: &str) -> String {
    format!(
        "SELECT r.procedure_id, r.class_id, r.student_id, p.subject_id, p.held_on,
                SUM(s.score) AS total,
                CASE WHEN SUM(s.score) >= p.mark5_from THEN 5
                     WHEN SUM(s.score) >= p.mark4_from THEN 4
                     WHEN SUM(s.score) >= p.mark3_from THEN 3
                     ELSE 2 END AS mark
         FROM procedure p
         JOIN procedure_result r ON r.procedure_id = p.id
         JOIN task_score s ON s.result_id = r.id
         WHERE {filter} AND NOT r.absent AND p.cancelled_at IS NULL
         GROUP BY r.id, r.procedure_id, r.class_id, r.student_id, p.subject_id, p.held_on,
                  p.mark3_from, p.mark4_from, p.mark5_from
         HAVING COUNT(DISTINCT s.task_id) =
                (SELECT COUNT(*) FROM procedure_task t WHERE t.procedure_id = r.procedure_id)"
    )
}

/// The school's thresholds, or Mera's defaults.
pub async fn thresholds(db: &impl ConnectionTrait, school_id: i32) -> Result<Thresholds, DbErr> {
    Ok(own_thresholds(db, school_id).await?.unwrap_or_default())
}

/// The thresholds the school set, if it did.
pub async fn own_thresholds(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<Option<Thresholds>, DbErr> {
    let own = objectivity_threshold::Entity::find_by_id(school_id)
        .one(db)
        .await?;
    Ok(own.map(|row| Thresholds {
        lowered_over: row.lowered_over,
        raised_over: row.raised_over,
        ..Thresholds::default()
    }))
}

/// The first day of the school's previous year: objectivity looks at this year and the last
/// (last spring's ВПР are set against last year's marks).
pub async fn since(db: &impl ConnectionTrait, school_id: i32) -> Result<Option<NaiveDate>, DbErr> {
    let starts: Vec<NaiveDate> = academic_year::Entity::find()
        .select_only()
        .column(academic_year::Column::StartsOn)
        .filter(academic_year::Column::SchoolId.eq(school_id))
        .order_by_desc(academic_year::Column::StartsOn)
        .limit(2)
        .into_tuple()
        .all(db)
        .await?;
    Ok(starts.last().copied())
}

/// Every procedure since `since` that has comparable results, the flagged ones first.
/// A class of fewer than 10 compared students is not flagged: too few for group analysis
/// (docs/design.md §3).
pub async fn report(
    db: &impl ConnectionTrait,
    school_id: i32,
    thresholds: &Thresholds,
) -> Result<Vec<ProcedureObjectivity>, DbErr> {
    let Some(since) = since(db, school_id).await? else {
        return Ok(Vec::new());
    };
    let counts = comparisons(db, school_id, since).await?;
    let procedures = procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(school_id))
        .filter(procedure::Column::HeldOn.gte(since))
        .filter(procedure::Column::CancelledAt.is_null())
        .order_by_desc(procedure::Column::HeldOn)
        .all(db)
        .await?;
    let class_ids: Vec<i32> = counts.keys().map(|(_, c)| *c).collect();
    let classes: BTreeMap<i32, class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let against = against_terms(db, school_id).await?;
    let entered = completeness::of_school(db, school_id, since).await?;
    // An alert waits for the whole class: a half-entered work is not yet the class's result.
    let flags = |c: &Comparison, whole: &Completeness| {
        if c.total() < 10 || !whole.is_complete() {
            Vec::new()
        } else {
            c.flags(thresholds)
        }
    };
    let mut out: Vec<ProcedureObjectivity> = procedures
        .into_iter()
        .filter_map(|p| {
            let mut school = Comparison::default();
            let mut rows = Vec::new();
            for ((_, class_id), c) in counts.range((p.id, i32::MIN)..=(p.id, i32::MAX)) {
                school.lowered += c.lowered;
                school.confirmed += c.confirmed;
                school.raised += c.raised;
                let whole = entered.get(&(p.id, *class_id)).copied().unwrap_or_default();
                rows.push(ObjectivityRow {
                    name: classes
                        .get(class_id)
                        .map(class::Model::name)
                        .unwrap_or_default(),
                    comparison: *c,
                    flags: flags(c, &whole),
                    completeness: whole,
                });
            }
            let whole = completeness::total(&entered, p.id);
            (school.total() > 0).then(|| ProcedureObjectivity {
                procedure_id: p.id,
                against: against
                    .iter()
                    .find(|(ends_on, _)| *ends_on < p.held_on)
                    .map(|(_, title)| title.clone())
                    .unwrap_or_default(),
                held_on: p.held_on.to_string(),
                title: p.title,
                school: ObjectivityRow {
                    name: "Школа".into(),
                    flags: flags(&school, &whole),
                    comparison: school,
                    completeness: whole,
                },
                classes: rows,
            })
        })
        .collect();
    out.sort_by_key(|p| !p.flagged());
    Ok(out)
}

/// (end, «3 четверть 2025/2026») of every term of the school, the latest first.
async fn against_terms(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<Vec<(NaiveDate, String)>, DbErr> {
    let found = rows(
        db,
        "SELECT t.ends_on, t.name, y.name FROM term t
         JOIN academic_year y ON y.id = t.academic_year_id
         WHERE y.school_id = $1 ORDER BY t.ends_on DESC",
        vec![school_id.into()],
    )
    .await?;
    found
        .iter()
        .map(|row| {
            let (ends_on, term, year): (NaiveDate, String, String) = row.try_get_many_by_index()?;
            Ok((ends_on, format!("{term} {year}")))
        })
        .collect()
}
